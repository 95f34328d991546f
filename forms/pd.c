/* Professional development: the three-year window of the 36-hour rule and
 * which staff roles it applies to (SPEC §3.4). */
#include "forms/forms.h"

#include <string.h>

void
forms_pd_window(sk_date reference, sk_date *first, sk_date *last)
{
    /* sk_date_add_months clamps 29 February to 28 February */
    *first = sk_date_add_months(reference, -36) + 1;
    *last = reference;
}

bool
forms_staff_role_needs_pd(size_t index)
{
    static const char *const not_pedagogues[] = {"nurse", "librarian", "teacher_assistant",
                                                 "it_admin", "other"};
    if (index >= forms_n_staff_roles)
        return false;
    for (size_t i = 0; i < SK_ARRAY_LEN(not_pedagogues); i++)
        if (strcmp(forms_staff_roles[index].key, not_pedagogues[i]) == 0)
            return false;
    return true;
}

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

bool
forms_has_personal_code(const char *text)
{
    /* DDMMYY-NNNNN or 32NNNN-NNNNN, with or without the hyphen, not part of
     * a longer number */
    if (!text)
        return false;
    for (const char *p = text; *p; p++) {
        if (p > text && p[-1] >= '0' && p[-1] <= '9')
            continue;
        const char *q = p;
        int digits = 0;
        while (digits < 6 && *q >= '0' && *q <= '9') {
            q++;
            digits++;
        }
        if (digits < 6)
            continue;
        if (*q == '-')
            q++;
        int tail = 0;
        while (tail < 5 && *q >= '0' && *q <= '9') {
            q++;
            tail++;
        }
        if (tail == 5 && !(*q >= '0' && *q <= '9'))
            return true;
    }
    return false;
}

bool
forms_check_personal_codes(const struct forms_record *rec, struct sk_error *err)
{
    for (size_t i = 0; i < rec->kind->n_fields; i++) {
        const struct forms_field *f = &rec->kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if ((f->type != FT_TEXT && f->type != FT_MEMO) || !v->is_set ||
            !forms_has_personal_code(v->s))
            continue;
        sk_fail(err, SK_EINVAL, "%s",
                _("this looks like a personal code (personas kods); skola never stores them"));
        err->field = f->key;
        return false;
    }
    return true;
}

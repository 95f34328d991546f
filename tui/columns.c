/* Computed list columns: values a list shows that are not stored, such as
 * a device's age. A kind adds one with a row here; list.c stays generic. */
#include "tui/internal.h"

#include <stdio.h>
#include <string.h>

/* Whole years since the purchase date, today (SKOLA_TODAY in tests). */
static void
device_age(const struct forms_record *rec, char *buf, size_t cap)
{
    int i = forms_field_index(rec->kind, "purchase_date");
    buf[0] = '\0';
    if (i < 0 || !rec->values[i].is_set)
        return;
    int years = sk_date_years_between((sk_date)rec->values[i].i, sk_date_today());
    snprintf(buf, cap, "%d", years);
}

static const struct tui_column_hook column_hooks[] = {
    {"devices", "purchase_date", N_("Age"), 3, "purchase_date", true, device_age},
};

const struct tui_column_hook *
tui_columns_for(const struct forms_kind *kind, size_t *n)
{
    size_t first = SK_ARRAY_LEN(column_hooks), count = 0;
    for (size_t i = 0; i < SK_ARRAY_LEN(column_hooks); i++)
        if (strcmp(column_hooks[i].kind_key, kind->key) == 0) {
            if (count == 0)
                first = i;
            count++;
        }
    *n = count;
    return count ? &column_hooks[first] : NULL;
}

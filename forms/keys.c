/* The fields (and choices) that code reads by key rather than through the
 * generic engine: a kind's cross-field rules, computed list columns. Each
 * is named by key once here, resolved to its index once, and checked at
 * start (forms_keys_check), so a renamed or removed field stops skola with
 * a message instead of reading the wrong value; no code counts positions. */
#include "forms/internal.h"

#include <string.h>

static struct forms_keys keys;
static bool is_resolved;

static const struct forms_key_use key_uses[] = {
    {&forms_kind_device, "purchase_date", NULL, &keys.device_purchase_date},
    {&forms_kind_device, "warranty_until", NULL, &keys.device_warranty_until},
    {&forms_kind_device, "status", NULL, &keys.device_status},
    {&forms_kind_device, "status", "written_off", &keys.device_status_written_off},
    {&forms_kind_device, "written_off_on", NULL, &keys.device_written_off_on},
    {&forms_kind_device, "write_off_act", NULL, &keys.device_write_off_act},
    {&forms_kind_device, "status", "on_loan", &keys.device_status_on_loan},
    {&forms_kind_device, "status", "in_use", &keys.device_status_in_use},
    {&forms_kind_loan, "device", NULL, &keys.loan_device},
    {&forms_kind_loan, "borrower", NULL, &keys.loan_borrower},
    {&forms_kind_loan, "borrower_kind", NULL, &keys.loan_borrower_kind},
    {&forms_kind_loan, "out_on", NULL, &keys.loan_out_on},
    {&forms_kind_loan, "due_on", NULL, &keys.loan_due_on},
    {&forms_kind_loan, "returned_on", NULL, &keys.loan_returned_on},
    {&forms_kind_staff, "role", NULL, &keys.staff_role},
    {&forms_kind_staff, "email", NULL, &keys.staff_email},
    {&forms_kind_staff, "employed_from", NULL, &keys.staff_employed_from},
    {&forms_kind_staff, "employed_until", NULL, &keys.staff_employed_until},
    {&forms_kind_vacancy, "open_since", NULL, &keys.vacancy_open_since},
    {&forms_kind_vacancy, "closed_on", NULL, &keys.vacancy_closed_on},
    {&forms_kind_consultation, "recipient_kind", NULL, &keys.consultation_recipient_kind},
    {&forms_kind_consultation, "recipient_kind", "pupil", &keys.consultation_recipient_pupil},
    {&forms_kind_consultation, "recipient", NULL, &keys.consultation_recipient},
    {&forms_kind_school_year, "year", NULL, &keys.school_year_year},
};

bool
forms_key_uses_resolve(const struct forms_key_use *uses, size_t n, struct sk_error *err)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct forms_key_use *u = &uses[i];
        int f = forms_field_index(u->kind, u->field);
        int found = f;
        if (f >= 0 && u->choice) {
            const struct forms_field *field = &u->kind->fields[f];
            found = -1;
            for (size_t c = 0; c < field->n_choices; c++)
                if (strcmp(field->choices[c].key, u->choice) == 0)
                    found = (int)c;
        }
        *u->index = found;
        if (found < 0 && ok) {
            ok = u->choice ? sk_fail(err, SK_EINVAL,
                                     _("Internal error: the field “%s” of “%s” has no choice "
                                       "“%s”."),
                                     u->field, u->kind->key, u->choice)
                           : sk_fail(err, SK_EINVAL,
                                     _("Internal error: the kind “%s” has no field “%s”."),
                                     u->kind->key, u->field);
        }
    }
    return ok;
}

bool
forms_keys_check(struct sk_error *err)
{
    is_resolved = forms_key_uses_resolve(key_uses, SK_ARRAY_LEN(key_uses), err);
    return is_resolved;
}

const struct forms_keys *
forms_keys(void)
{
    if (!is_resolved)
        forms_keys_check(NULL);
    return &keys;
}

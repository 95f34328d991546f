/* Loans of devices: who has a device, since when, until when, and when it
 * came back. A kind described only here (storage/schema_gen.c makes its
 * table); lending and taking back from the device list are core/loan.c. */
#include "forms/forms.h"

static const struct forms_choice loan_borrower_kind[] = {
    {"staff", "Darbinieks", "Staff member"},
    {"pupil", "Izglītojamais", "Pupil"},
    {"other", "Cits", "Other"},
};

static const struct forms_field loan_fields[] = {
    {.key = "device",
     .label_lv = "Ierīce",
     .label_en = "Device",
     .type = FT_REF,
     .width = 12,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST,
     .ref_kind = "devices"},
    /* a staff member's full name, or a pupil's pseudonym or class: never a
     * pupil's name (SPEC §5), and never leaves the school */
    {.key = "borrower",
     .label_lv = "Aizņēmējs",
     .label_en = "Borrower",
     .type = FT_TEXT,
     .width = 20,
     .flags = FF_REQUIRED | FF_LIST | FF_PRIVATE,
     .ref_kind = "staff",
     .max_len = 120},
    {.key = "borrower_kind",
     .label_lv = "Aizņēmēja veids",
     .label_en = "Borrower kind",
     .type = FT_ENUM,
     .width = 10,
     .flags = FF_REQUIRED | FF_LIST,
     .choices = loan_borrower_kind,
     .n_choices = SK_ARRAY_LEN(loan_borrower_kind),
     .default_text = "staff"},
    {.key = "out_on",
     .label_lv = "Izsniegta",
     .label_en = "Lent on",
     .type = FT_DATE,
     .width = 10,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST | FF_TODAY},
    {.key = "due_on",
     .label_lv = "Atdot līdz",
     .label_en = "Due on",
     .type = FT_DATE,
     .width = 10,
     .flags = FF_LIST},
    {.key = "returned_on",
     .label_lv = "Atdota",
     .label_en = "Returned on",
     .type = FT_DATE,
     .width = 10,
     .flags = FF_LIST},
    {.key = "notes",
     .label_lv = "Piezīmes",
     .label_en = "Notes",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
};

/* Dates in order: due and returned not before the day it was lent. */
static bool
loan_validate(const struct forms_kind *kind, const struct forms_record *rec, struct sk_error *err)
{
    (void)kind;
    const struct forms_keys *k = forms_keys();
    if (k->loan_out_on < 0 || k->loan_due_on < 0 || k->loan_returned_on < 0)
        return true; /* reported at start by forms_keys_check */
    const struct forms_value *out = &rec->values[k->loan_out_on];
    const struct forms_value *due = &rec->values[k->loan_due_on];
    const struct forms_value *back = &rec->values[k->loan_returned_on];
    if (out->is_set && due->is_set && due->i < out->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the loan is due before the day it was lent"));
        err->field = "due_on";
        return false;
    }
    if (out->is_set && back->is_set && back->i < out->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the device came back before the day it was lent"));
        err->field = "returned_on";
        return false;
    }
    return true;
}

/* Only loans not returned yet, until `a`. */
static const struct forms_scope loan_scope = {
    .field = "returned_on",
    .label_lv = "neatdotie",
    .label_en = "not returned",
};

const struct forms_kind forms_kind_loan = {
    .key = "loans",
    .table = "loan",
    .label_lv = "Izsniegtās ierīces",
    .label_en = "Loans",
    .fields = loan_fields,
    .n_fields = SK_ARRAY_LEN(loan_fields),
    .year_field = "out_on",
    .name_field = "device",
    .validate = loan_validate,
    .scope = &loan_scope,
    .menu_group = FMG_SCHOOL,
    .menu_order = 2,
};

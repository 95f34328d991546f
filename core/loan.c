/* Lending a device and taking it back (the device list's `o` and `r`): the
 * loan record and the device's status change together, in one transaction,
 * each with its audit rows. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

/* Walks the school's loans not returned yet (few: a scoped query) for the
 * one of device_id; *found says whether there is one (copied into loan). */
static bool
open_find(struct storage_db *db, int64_t school_id, int64_t device_id, int64_t except_id,
          struct forms_record *loan, bool *found, struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    *found = false;
    struct storage_query q = {
        .kind = &forms_kind_loan, .school_id = school_id, .sort_field = -1, .is_scoped = true};
    struct storage_iter *it = storage_iter_open(db, &q, err);
    if (!it)
        return false;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_loan);
    int r;
    while ((r = storage_iter_next(it, &rec, err)) == 1) {
        const struct forms_value *d = &rec.values[k->loan_device];
        if (d->is_set && d->i == device_id && rec.id != except_id) {
            forms_record_copy(loan, &rec);
            *found = true;
            break;
        }
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    return r >= 0;
}

bool
core_loan_open_find(struct storage_db *db, int64_t school_id, int64_t device_id,
                    struct forms_record *loan, bool *found, struct sk_error *err)
{
    return open_find(db, school_id, device_id, 0, loan, found, err);
}

/* The device's name for messages and the loan: its inventory number,
 * written into buf. */
static void
device_name(const struct forms_record *device, char *buf, size_t cap)
{
    int fi = forms_field_index(device->kind, device->kind->name_field);
    char tmp[256];
    snprintf(buf, cap, "%s",
             forms_value_format(&device->kind->fields[fi], &device->values[fi], FS_DISPLAY, tmp,
                                sizeof tmp));
}

/* The rules of a loan not returned yet, for the interface's `o` and the
 * import alike: the device is not written off and has no other open loan. */
static bool
may_open(struct storage_db *db, int64_t school_id, const struct forms_record *device,
         int64_t except_loan, int64_t *other, struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    char name[256];
    device_name(device, name, sizeof name);
    const struct forms_value *status = &device->values[k->device_status];
    if (status->is_set && status->i == k->device_status_written_off)
        return sk_fail(err, SK_EINVAL, _("“%s” is written off; it cannot be lent."),
                       SK_QUOTE(name));
    struct forms_record loan;
    forms_record_init(&loan, &forms_kind_loan);
    bool found = false, ok = open_find(db, school_id, device->id, except_loan, &loan, &found, err);
    if (ok && found) {
        char day[16];
        const struct forms_value *on = &loan.values[k->loan_out_on];
        sk_date_format(on->is_set ? (sk_date)on->i : sk_date_today(), false, day);
        *other = loan.id;
        ok = sk_fail(err, SK_EINVAL,
                     _("“%s” is on loan already (to %s since %s); take it back first."),
                     SK_QUOTE(name), SK_QUOTE(loan.values[k->loan_borrower].s), day);
    }
    forms_record_fini(&loan);
    return ok;
}

bool
core_loan_check_open(struct storage_db *db, int64_t school_id, const struct forms_record *loan,
                     int64_t *other, struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    const struct forms_value *d = &loan->values[k->loan_device];
    *other = 0;
    if (loan->values[k->loan_returned_on].is_set || !d->is_set || d->i <= 0)
        return true; /* returned (history), or no device: other checks say so */
    struct forms_record device;
    forms_record_init(&device, &forms_kind_device);
    bool ok = storage_record_get(db, &forms_kind_device, school_id, d->i, &device, err) &&
              may_open(db, school_id, &device, loan->id, other, err);
    forms_record_fini(&device);
    return ok;
}

static bool
lend_in_tx(struct storage_db *db, int64_t school_id, int64_t device_id,
           const struct core_loan_out *out, struct forms_record *device, struct forms_record *loan,
           struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    char name[256];
    if (!storage_record_get(db, &forms_kind_device, school_id, device_id, device, err))
        return false;
    device_name(device, name, sizeof name);
    struct forms_value *status = &device->values[k->device_status];
    int64_t other = 0;
    if (!may_open(db, school_id, device, 0, &other, err))
        return false;
    forms_record_fini(loan);
    forms_record_init(loan, &forms_kind_loan);
    struct forms_value *dv = &loan->values[k->loan_device];
    forms_value_set_text(dv, name, strlen(name));
    dv->i = device_id;
    if (!forms_value_parse(&forms_kind_loan.fields[k->loan_borrower], out->borrower,
                           &loan->values[k->loan_borrower], err)) {
        err->field = "borrower";
        return false;
    }
    forms_value_set_int(&loan->values[k->loan_borrower_kind], out->borrower_kind);
    forms_value_set_int(&loan->values[k->loan_out_on], out->out_on);
    if (out->due_on != SK_DATE_NONE)
        forms_value_set_int(&loan->values[k->loan_due_on], out->due_on);
    if (!forms_record_validate(loan, err) || !storage_record_insert(db, school_id, loan, err))
        return false;
    forms_value_set_int(status, k->device_status_on_loan);
    return storage_record_update(db, school_id, device, err);
}

bool
core_loan_lend(struct storage_db *db, int64_t school_id, int64_t device_id,
               const struct core_loan_out *out, struct sk_error *err)
{
    if (!storage_begin(db, err))
        return false;
    struct forms_record device, loan;
    forms_record_init(&device, &forms_kind_device);
    forms_record_init(&loan, &forms_kind_loan);
    bool ok =
        lend_in_tx(db, school_id, device_id, out, &device, &loan, err) && storage_commit(db, err);
    if (!ok)
        storage_rollback(db);
    forms_record_fini(&device);
    forms_record_fini(&loan);
    return ok;
}

static bool
return_in_tx(struct storage_db *db, int64_t school_id, int64_t device_id, sk_date on,
             struct forms_record *device, struct forms_record *loan, struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    char name[256];
    if (!storage_record_get(db, &forms_kind_device, school_id, device_id, device, err))
        return false;
    device_name(device, name, sizeof name);
    bool found = false;
    if (!core_loan_open_find(db, school_id, device_id, loan, &found, err))
        return false;
    if (!found)
        return sk_fail(err, SK_EINVAL, _("“%s” is not on loan."), SK_QUOTE(name));
    forms_value_set_int(&loan->values[k->loan_returned_on], on);
    if (!forms_record_validate(loan, err) || !storage_record_update(db, school_id, loan, err))
        return false;
    struct forms_value *status = &device->values[k->device_status];
    if (!status->is_set || status->i != k->device_status_on_loan)
        return true; /* someone changed it meanwhile (in repair...): keep theirs */
    forms_value_set_int(status, k->device_status_in_use);
    return storage_record_update(db, school_id, device, err);
}

bool
core_loan_return(struct storage_db *db, int64_t school_id, int64_t device_id, sk_date on,
                 struct sk_error *err)
{
    if (!storage_begin(db, err))
        return false;
    struct forms_record device, loan;
    forms_record_init(&device, &forms_kind_device);
    forms_record_init(&loan, &forms_kind_loan);
    bool ok =
        return_in_tx(db, school_id, device_id, on, &device, &loan, err) && storage_commit(db, err);
    if (!ok)
        storage_rollback(db);
    forms_record_fini(&device);
    forms_record_fini(&loan);
    return ok;
}

bool
core_loan_is_overdue(const struct forms_record *loan, sk_date day)
{
    const struct forms_keys *k = forms_keys();
    if (loan->kind != &forms_kind_loan || k->loan_due_on < 0 || k->loan_returned_on < 0)
        return false;
    const struct forms_value *due = &loan->values[k->loan_due_on];
    const struct forms_value *back = &loan->values[k->loan_returned_on];
    const struct forms_value *out = &loan->values[k->loan_out_on];
    bool is_out = out->is_set && out->i <= day && (!back->is_set || back->i > day);
    return is_out && due->is_set && due->i < day;
}

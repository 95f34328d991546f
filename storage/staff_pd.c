/* Professional-development hours per staff member: the aggregate behind the
 * staff list's "PD hours in 3 years" column and the 36-hour rule. */
#include "storage/internal.h"

bool
storage_staff_pd_hours(struct storage_db *db, int64_t school_id, int64_t staff_id, sk_date first,
                       sk_date last, int64_t *thousandths, struct sk_error *err)
{
    *thousandths = 0;
    if (!storage_check_read(db, &forms_kind_staff, err))
        return false;
    sqlite3_stmt *st = storage_stmt(db, STMT_STAFF_PD_HOURS, err);
    if (!st)
        return false;
    char lo[16], hi[16];
    sk_date_format(first, true, lo);
    sk_date_format(last, true, hi);
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_int64(st, 2, staff_id);
    sqlite3_bind_text(st, 3, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, hi, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *thousandths = sqlite3_column_int64(st, 0);
    storage_stmt_release(st);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    return true;
}

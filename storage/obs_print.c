/* Which observation sheets to print, or to show in a teacher's record: one
 * statement over the indexes observation_school / observation_ref_teacher,
 * ids only (the caller reads each sheet with storage_record_get). */
#include "storage/internal.h"

#include <stdlib.h>

enum { OP_SHEET_IDS = 1 };

bool
storage_obs_sheet_ids(struct storage_db *db, int64_t school_id, int64_t teacher_id, sk_date from,
                      sk_date to, int64_t **ids, size_t *n, struct sk_error *err)
{
    *ids = NULL;
    *n = 0;
    /* printing a sheet reads it: the same right as its list */
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_READ, err))
        return false;
    uint32_t key = storage_stmt_space_key(SSP_OBS_PRINT, OP_SHEET_IDS);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (!st)
        st = storage_stmt_add(db, key,
                              "SELECT id FROM observation WHERE school_id = ?1"
                              " AND (?2 = 0 OR teacher = ?2)"
                              " AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date < ?4)"
                              " ORDER BY ifnull(date, ''), id",
                              err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_int64(st, 2, teacher_id);
    char buf[16];
    if (from != SK_DATE_NONE) {
        sk_date_format(from, true, buf);
        sqlite3_bind_text(st, 3, buf, -1, SQLITE_TRANSIENT);
    }
    if (to != SK_DATE_NONE) {
        sk_date_format(to, true, buf);
        sqlite3_bind_text(st, 4, buf, -1, SQLITE_TRANSIENT);
    }
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *ids = sk_xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    return true;
}

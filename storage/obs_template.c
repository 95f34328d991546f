/* How many sheets of a school use each observation criteria template (the
 * `skola templates` list and the settings screen). Kept apart from
 * observation.c, whose statements are the summary's hot path. */
#include "storage/internal.h"

#include <stdio.h>

enum { TS_SHEETS = 1 };

bool
storage_obs_template_sheets(struct storage_db *db, int64_t school_id,
                            void (*cb)(void *ctx, const char *code, int64_t n), void *ctx,
                            struct sk_error *err)
{
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_READ, err))
        return false;
    uint32_t key = storage_stmt_space_key(SSP_OBS_TEMPLATE, TS_SHEETS);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (!st)
        st = storage_stmt_add(db, key,
                              "SELECT ifnull(template, ''), count(*) FROM observation"
                              " WHERE school_id = ?1 GROUP BY 1 ORDER BY 1",
                              err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

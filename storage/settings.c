/* Per-school settings (table `setting`, migration step 9): small key/value
 * pairs such as the school year the user works on. Changes are audited like
 * record changes (kind "settings", record 0, field = the key). */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
storage_setting_get(struct storage_db *db, int64_t school_id, const char *key, char *buf,
                    size_t cap, bool *found, struct sk_error *err)
{
    *found = false;
    if (cap > 0)
        buf[0] = '\0';
    sqlite3_stmt *st = storage_stmt(db, STMT_SETTING_GET, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *found = true;
        if (cap > 0)
            snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_setting_set(struct storage_db *db, int64_t school_id, const char *key, const char *value,
                    struct sk_error *err)
{
    /* the template new sheets use is the observations' business; every
     * other setting (the school year) is the whole school's: the head's */
    bool is_template = strcmp(key, "observation_template") == 0;
    if (!storage_require_area(db, is_template ? SAREA_OBSERVATIONS : SAREA_ADMIN, SA_WRITE, err))
        return false;
    char old[256];
    bool had = false;
    if (!storage_setting_get(db, school_id, key, old, sizeof old, &had, err))
        return false;
    if (had == (value != NULL) && (!value || strcmp(old, value) == 0))
        return true; /* unchanged: nothing to write or audit */
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    bool ok = false;
    sqlite3_stmt *st = storage_stmt(db, STMT_SETTING_SET, err);
    if (st) {
        sqlite3_bind_int64(st, 1, school_id);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        if (value)
            sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 3);
        sqlite3_bind_text(st, 4, db->now, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    }
    ok = ok && storage_audit_write(db, school_id, "settings", 0, "update", key, had ? old : NULL,
                                   value, err);
    return storage_op_end(db, own, ok, err);
}

bool
storage_current_year(struct storage_db *db, int64_t school_id, int *year, struct sk_error *err)
{
    char buf[32];
    bool found = false;
    *year = 0;
    if (!storage_setting_get(db, school_id, "current_year", buf, sizeof buf, &found, err))
        return false;
    if (found) {
        char *end = NULL;
        long y = strtol(buf, &end, 10);
        if (end && *end == '\0' && y >= 2000 && y <= 2100)
            *year = (int)y;
    }
    return true;
}

bool
storage_set_current_year(struct storage_db *db, int64_t school_id, int year, struct sk_error *err)
{
    if (year < 2000 || year > 2100)
        return sk_fail(err, SK_EINVAL, _("%d is not a school year (2000–2100)."), year);
    char buf[16];
    snprintf(buf, sizeof buf, "%d", year);
    return storage_setting_set(db, school_id, "current_year", buf, err);
}

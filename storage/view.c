/* Each OS login's last sort and filters of each list (table list_view,
 * migration step 17): the interface stores its own text and gets it back
 * when the list opens again, on any computer that opens the file. */
#include "storage/internal.h"

#include <stdlib.h>

bool
storage_view_get(struct storage_db *db, const char *kind, char **state, struct sk_error *err)
{
    *state = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db->sql, "SELECT state FROM list_view WHERE login = ?1 AND kind = ?2", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, db->os_user, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *s = (const char *)sqlite3_column_text(st, 0);
            *state = sk_xstrdup(s ? s : "");
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

bool
storage_view_put(struct storage_db *db, const char *kind, const char *state, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "INSERT INTO list_view(login, kind, state) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT(login, kind) DO UPDATE SET state = excluded.state",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, db->os_user, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, state, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

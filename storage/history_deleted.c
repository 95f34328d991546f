/* A deleted record found by its uid or natural key in the audit log: its
 * delete row keeps the record's values as JSON (with its uid), so
 * `skola history` can show the history of a record that is gone. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
storage_history_find_deleted(struct storage_db *db, const struct forms_kind *kind,
                             int64_t school_id, const char *uid, const struct forms_record *key,
                             int64_t *audit_id, struct sk_error *err)
{
    int64_t *id = audit_id;
    *id = 0;
    if (storage_kind_index(kind, err) < 0 || !storage_check_read(db, kind, err))
        return false;
    struct sk_buf sql = {0};
    sk_buf_adds(&sql, "SELECT id FROM audit WHERE kind = ?1 AND school_id = ?2"
                      " AND action = 'delete' AND json_valid(old_value)");
    int n_bind = 2;
    if (uid) {
        sk_buf_addf(&sql, " AND json_extract(old_value, '$.uid') = ?%d", ++n_bind);
    } else {
        for (size_t i = 0, k = 0; i < kind->n_fields && k < 8; i++) {
            if (!(kind->fields[i].flags & FF_NATKEY))
                continue;
            k++;
            /* the path and the value both bound: keys are never SQL text */
            sk_buf_addf(&sql, " AND json_extract(old_value, ?%d) = ?%d", n_bind + 1, n_bind + 2);
            n_bind += 2;
        }
    }
    sk_buf_adds(&sql, " ORDER BY id DESC LIMIT 1");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    char paths[8][80], texts[8][512];
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, school_id);
        if (uid) {
            sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        } else {
            int b = 3;
            size_t k = 0;
            for (size_t i = 0; i < kind->n_fields && k < 8; i++) {
                const struct forms_field *f = &kind->fields[i];
                if (!(f->flags & FF_NATKEY))
                    continue;
                snprintf(paths[k], sizeof paths[k], "$.%s", f->key);
                const char *t =
                    key->values[i].is_set
                        ? forms_value_format(f, &key->values[i], FS_CSV, texts[k], sizeof texts[k])
                        : "";
                sqlite3_bind_text(st, b++, paths[k], -1, SQLITE_STATIC);
                sqlite3_bind_text(st, b++, t, -1, SQLITE_TRANSIENT);
                k++;
            }
        }
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *id = sqlite3_column_int64(st, 0);
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

bool
storage_history_deleted(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                        int64_t audit_id, storage_history_fn fn, void *ctx, struct sk_error *err)
{
    if (storage_kind_index(kind, err) < 0 || !storage_check_read(db, kind, err))
        return false;
    bool own = false;
    if (!storage_read_begin(db, &own, err))
        return false;
    /* the record's rows up to its deletion: the id may belong to a newer
     * record since, whose rows come after */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT at, os_user, action, field, old_value, new_value,"
                                " CASE WHEN action = 'delete' AND json_valid(old_value) THEN"
                                " json_extract(old_value, '$.import_batch') END FROM audit"
                                " WHERE kind = ?1 AND school_id = ?2 AND id <= ?3 AND record_id ="
                                " (SELECT record_id FROM audit WHERE id = ?3 AND kind = ?1"
                                "  AND action = 'delete') ORDER BY id DESC",
                                -1, &st, NULL);
    bool go_on = true, created = false;
    int64_t batch = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, school_id);
        sqlite3_bind_int64(st, 3, audit_id);
        rc = storage_audit_walk(st, true, 6, &batch, fn, ctx, &go_on, &created);
    }
    sqlite3_finalize(st);
    bool ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    if (ok && go_on && !created && batch != 0)
        ok = storage_batch_yield(db, batch, fn, ctx, err);
    storage_read_end(db, own);
    return ok;
}

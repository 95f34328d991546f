/* Import batches: one audit entry per import (who, when, the file's name
 * and SHA-256, how many records it created and updated) instead of a JSON
 * copy of every record it inserts. Each record the import creates names its
 * batch (column import_batch); its first values are the stored ones until a
 * later change, which writes per-field audit rows as any edit does, so the
 * history of a record is: its batch (or its insert row), then its field
 * changes. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs a one-row query whose first column is an integer, into *out. */
static bool
query_int(struct storage_db *db, const char *sql, int64_t *out, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

bool
storage_batch_begin(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                    const char *file_name, struct sk_error *err)
{
    if (!db->is_bulk)
        return sk_fail(err, SK_EDB, "%s", "storage_batch_begin outside bulk mode");
    if (storage_kind_index(kind, err) < 0 || !storage_require(db, kind, SA_WRITE, err))
        return false;
    storage_set_now(db);
    /* The audit row id before the batch: a delete row of one of its records
     * comes after it (tests/reliability/torture.c counts them). */
    int64_t mark = 0;
    if (!query_int(db, "SELECT ifnull(max(id), 0) FROM audit", &mark, err))
        return false;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "INSERT INTO import_batch(school_id, kind, file_name, audit_mark,"
                                " login, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        if (school_id != 0)
            sqlite3_bind_int64(st, 1, school_id);
        sqlite3_bind_text(st, 2, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, file_name ? file_name : "-", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, mark);
        sqlite3_bind_text(st, 5, db->os_user, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, db->now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    db->batch_id = sqlite3_last_insert_rowid(db->sql);
    db->batch_kind = kind;
    db->batch_rows = 0;
    db->batch_first = db->batch_last = 0;
    return true;
}

bool
storage_batch_is_for(const struct storage_db *db, const struct forms_kind *kind)
{
    return db->batch_id != 0 && db->batch_kind == kind;
}

void
storage_batch_note(struct storage_db *db, int64_t id)
{
    if (db->batch_rows++ == 0)
        db->batch_first = id;
    db->batch_last = id;
}

bool
storage_batch_end(struct storage_db *db, const char *sha256, size_t updated, struct sk_error *err)
{
    if (db->batch_id == 0)
        return true;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "UPDATE import_batch SET sha256 = ?1, rows = ?2, updated = ?3,"
                                " first_id = ?4, last_id = ?5 WHERE id = ?6",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        if (sha256 && *sha256)
            sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, db->batch_rows);
        sqlite3_bind_int64(st, 3, (int64_t)updated);
        if (db->batch_rows) {
            sqlite3_bind_int64(st, 4, db->batch_first);
            sqlite3_bind_int64(st, 5, db->batch_last);
        }
        sqlite3_bind_int64(st, 6, db->batch_id);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    db->batch_id = 0;
    db->batch_kind = NULL;
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* ---------------------------------------------------------------- history */

static void
copy_col(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", s ? s : "");
}

int
storage_audit_walk(sqlite3_stmt *st, bool first, int batch_col, int64_t *batch,
                   storage_history_fn fn, void *ctx, bool *go_on, bool *created)
{
    int rc = SQLITE_DONE;
    while (*go_on && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct storage_history_entry e = {0};
        copy_col(e.at, sizeof e.at, st, 0);
        copy_col(e.user, sizeof e.user, st, 1);
        copy_col(e.action, sizeof e.action, st, 2);
        copy_col(e.field, sizeof e.field, st, 3);
        if (strcmp(e.field, "*") == 0)
            e.field[0] = '\0';
        e.old_value = (const char *)sqlite3_column_text(st, 4);
        e.new_value = (const char *)sqlite3_column_text(st, 5);
        /* an earlier record that had the same id ends here */
        if (!first && strcmp(e.action, "delete") == 0)
            break;
        if (first && batch_col >= 0)
            *batch = sqlite3_column_int64(st, batch_col);
        first = false;
        *go_on = fn(ctx, &e);
        if (strcmp(e.action, "insert") == 0) {
            *created = true;
            break;
        }
    }
    return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/* Whether record id of kind exists, and the batch that created it (0 = none). */
static bool
batch_of(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int64_t id,
         bool *exists, int64_t *batch, struct sk_error *err)
{
    *batch = 0;
    *exists = false;
    char *sql = sk_xasprintf("SELECT import_batch FROM \"%s\" WHERE id = ?1 AND school_id = ?2",
                             kind->table);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    free(sql);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, school_id);
        rc = sqlite3_step(st);
        *exists = rc == SQLITE_ROW;
        if (rc == SQLITE_ROW)
            *batch = sqlite3_column_int64(st, 0);
        if (rc == SQLITE_ROW)
            rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

static bool
yield_batch(struct storage_db *db, int64_t batch, storage_history_fn fn, void *ctx,
            struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT at, login, file_name, sha256, rows FROM import_batch"
                                " WHERE id = ?1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, batch);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        struct storage_history_entry e = {.action = "import", .batch_id = batch};
        copy_col(e.at, sizeof e.at, st, 0);
        copy_col(e.user, sizeof e.user, st, 1);
        e.file_name = (const char *)sqlite3_column_text(st, 2);
        copy_col(e.sha256, sizeof e.sha256, st, 3);
        e.rows = sqlite3_column_int64(st, 4);
        fn(ctx, &e);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

bool
storage_history(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int64_t id,
                storage_history_fn fn, void *ctx, struct sk_error *err)
{
    if (storage_kind_index(kind, err) < 0 || !storage_check_read(db, kind, err))
        return false;
    bool own = false;
    if (!storage_read_begin(db, &own, err))
        return false;
    bool exists = false;
    int64_t batch = 0;
    if (!batch_of(db, kind, school_id, id, &exists, &batch, err)) {
        storage_read_end(db, own);
        return false;
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT at, os_user, action, field, old_value, new_value FROM audit"
                                " WHERE kind = ?1 AND record_id = ?2 AND"
                                " (school_id = ?3 OR school_id IS NULL) ORDER BY id DESC",
                                -1, &st, NULL);
    bool created = false, go_on = true;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int64(st, 3, school_id);
        /* a deleted record's history starts with its deletion */
        rc = storage_audit_walk(st, !exists, -1, NULL, fn, ctx, &go_on, &created);
    }
    sqlite3_finalize(st);
    bool ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    if (ok && go_on && !created && batch != 0)
        ok = yield_batch(db, batch, fn, ctx, err);
    storage_read_end(db, own);
    return ok;
}

/* The "created by the import" entry of batch (history_deleted.c: a deleted
 * record's batch, from its delete row). */
bool
storage_batch_yield(struct storage_db *db, int64_t batch, storage_history_fn fn, void *ctx,
                    struct sk_error *err)
{
    return yield_batch(db, batch, fn, ctx, err);
}

/* Bulk mode for large imports (SPEC §10): no per-operation savepoints, and
 * for an import that is large relative to its table the non-unique indexes
 * are dropped and re-created after the inserts, in the same transaction.
 * CREATE INDEX sorts once, while row-by-row maintenance of ten indexes
 * touches pages all over the file and, with a small page cache, writes
 * them to the WAL again and again. Atomicity is unchanged: the drops and
 * re-creations commit or roll back with the import. */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>

/* Below this many rows the indexes are updated row by row. */
enum { BULK_MIN_ROWS = 20000 };

static void
forget_indexes(struct storage_db *db)
{
    for (size_t i = 0; i < db->n_bulk_index; i++)
        free(db->bulk_index_sql[i]);
    free(db->bulk_index_sql);
    db->bulk_index_sql = NULL;
    db->n_bulk_index = 0;
}

/* The largest id of kind's table: the table's size, near enough, in one
 * index step (count(*) would read every row). */
static bool
table_size(struct storage_db *db, const struct forms_kind *kind, int64_t *n, struct sk_error *err)
{
    struct sk_buf sql = {0};
    sk_buf_addf(&sql, "SELECT ifnull(max(id), 0) FROM \"%s\"", kind->table);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *n = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

/* Drops the non-unique indexes of kind's table, keeping their SQL. */
static bool
drop_indexes(struct storage_db *db, const struct forms_kind *kind, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                " AND tbl_name = ?1 AND sql IS NOT NULL"
                                " AND sql NOT LIKE 'CREATE UNIQUE%'",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return storage_fail_db(db, rc, err);
    sqlite3_bind_text(st, 1, kind->table, -1, SQLITE_STATIC);
    struct sk_buf drops = {0};
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        if (!name || !text)
            continue;
        if (db->n_bulk_index == cap) {
            cap = cap ? 2 * cap : 16;
            db->bulk_index_sql = sk_xrealloc(db->bulk_index_sql, cap * sizeof(char *));
        }
        db->bulk_index_sql[db->n_bulk_index++] = sk_xstrdup(text);
        sk_buf_addf(&drops, "DROP INDEX \"%s\";", name);
    }
    sqlite3_finalize(st);
    bool ok = rc == SQLITE_DONE ? true : storage_fail_db(db, rc, err);
    if (ok && drops.len)
        ok = storage_exec(db, drops.s, err);
    sk_buf_free(&drops);
    if (!ok)
        forget_indexes(db);
    return ok;
}

void
storage_bulk_reset(struct storage_db *db)
{
    if (!db)
        return;
    forget_indexes(db);
    db->is_bulk = false;
    db->batch_id = 0;
    db->batch_kind = NULL;
    if (db->is_temp_file && sqlite3_get_autocommit(db->sql) &&
        storage_exec(db, "PRAGMA temp_store = MEMORY", NULL))
        db->is_temp_file = false;
}

bool
storage_bulk_begin(struct storage_db *db, const struct forms_kind *kind, size_t expected_rows,
                   struct sk_error *err)
{
    if (storage_kind_index(kind, err) < 0 || !storage_require(db, kind, SA_WRITE, err))
        return false;
    storage_bulk_reset(db);
    /* CREATE INDEX sorts in temporary files; in memory (temp_store, which
     * storage_open sets for small savepoint journals) a million rows took
     * 80 MB. The setting cannot change inside a transaction. */
    int64_t existing = 0;
    bool is_large = expected_rows >= BULK_MIN_ROWS && table_size(db, kind, &existing, NULL) &&
                    (int64_t)expected_rows >= existing;
    if (is_large) {
        if (!storage_exec(db, "PRAGMA temp_store = FILE", err))
            return false;
        db->is_temp_file = true;
    }
    if (!storage_begin(db, err)) {
        storage_bulk_reset(db);
        return false;
    }
    db->is_bulk = true;
    /* Measured again inside the transaction: another program may have
     * written since. */
    if (is_large && (!table_size(db, kind, &existing, err) ||
                     ((int64_t)expected_rows >= existing && !drop_indexes(db, kind, err)))) {
        storage_rollback(db);
        return false;
    }
    return true;
}

bool
storage_bulk_end(struct storage_db *db, bool keep, struct sk_error *err)
{
    bool ok = keep;
    for (size_t i = 0; ok && i < db->n_bulk_index; i++)
        ok = storage_exec(db, db->bulk_index_sql[i], err);
    if (ok)
        ok = storage_commit(db, err); /* rolls back when it fails */
    else
        storage_rollback(db);
    storage_bulk_reset(db);
    return ok;
}

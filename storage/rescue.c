/* Rescuing what can be read from a damaged database file: the new file gets
 * skola's own schema from its migrations (every table, index and trigger),
 * up to the damaged file's version; every table is copied row by row in
 * rowid order (an unreadable stretch is skipped by probing ever further
 * rowids), then the file is migrated to the current version. The damaged
 * file is untrusted: opened read-only in defensive mode with an untrusted
 * schema, and no SQL text from it is ever run; the names of tables and
 * columns come from the new file's schema. Used by `skola backup` when the
 * file fails its check, so that a school never stays with nothing. */
#include "storage/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The source and target connections of one rescue. */
struct rescue {
    sqlite3 *src; /* the damaged file */
    sqlite3 *dst; /* the new file (owned by dst_db) */
    struct storage_db *dst_db;
    struct storage_rescue_report *out;
};

/* Whether `table` of the damaged file has a column `col` (asked with bound
 * values, not with text from the file). */
static bool
src_has_column(struct rescue *r, const char *table, const char *col)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(r->src, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
        has = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return has;
}

/* The columns of `table` the new file and the damaged file share, as a
 * quoted list ("a", "b"); empty when none. */
static void
shared_columns(struct rescue *r, const char *table, struct sk_buf *cols, int *n)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(r->dst, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
                           NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *col = (const char *)sqlite3_column_text(st, 0);
        if (!col || !src_has_column(r, table, col))
            continue;
        sk_buf_adds(cols, ", ");
        storage_sql_add_ident(cols, col);
        (*n)++;
    }
    sqlite3_finalize(st);
}

static bool
fail_sql(sqlite3 *sql, const char *path, struct sk_error *err)
{
    return sk_fail(err, SK_EIO, _("Cannot rescue %s: %s"), path, sqlite3_errmsg(sql));
}

/* The key rows are copied in order of: "rowid", or for a WITHOUT ROWID
 * table (observation_tick) its first primary-key column, quoted, into key. */
static void
copy_key(struct rescue *r, const char *table, struct sk_buf *key)
{
    sqlite3_stmt *st = NULL;
    struct sk_buf q = {0};
    sk_buf_adds(&q, "SELECT rowid FROM ");
    storage_sql_add_ident(&q, table);
    bool has_rowid = sqlite3_prepare_v2(r->dst, q.s, -1, &st, NULL) == SQLITE_OK;
    sqlite3_finalize(st);
    sk_buf_free(&q);
    if (!has_rowid &&
        sqlite3_prepare_v2(r->dst, "SELECT name FROM pragma_table_info(?1) WHERE pk = 1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
            storage_sql_add_ident(key, (const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
            return;
        }
        sqlite3_finalize(st);
    }
    sk_buf_adds(key, "rowid");
}

/* Copies the rows of one table with key (rowid) > *last; returns the step's
 * result code (SQLITE_DONE at the end, an error where the file is damaged). */
static int
copy_rows_after(struct rescue *r, const char *table, int64_t *last)
{
    struct sk_buf cols = {0}, key = {0};
    int n_cols = 0;
    shared_columns(r, table, &cols, &n_cols);
    copy_key(r, table, &key);
    bool by_rowid = strcmp(key.s, "rowid") == 0;
    struct sk_buf q = {0};
    sk_buf_addf(&q, "SELECT %s%s FROM ", key.s, n_cols ? cols.s : "");
    storage_sql_add_ident(&q, table);
    sk_buf_addf(&q, " WHERE %s > ?1 ORDER BY %s", key.s, key.s);
    sk_buf_free(&key);
    sqlite3_stmt *get = NULL;
    int rc = sqlite3_prepare_v2(r->src, q.s, -1, &get, NULL);
    sk_buf_free(&q);
    if (rc != SQLITE_OK) {
        sk_buf_free(&cols);
        return rc;
    }
    sqlite3_bind_int64(get, 1, *last);
    struct sk_buf ins = {0};
    sk_buf_adds(&ins, "INSERT OR IGNORE INTO ");
    storage_sql_add_ident(&ins, table);
    if (by_rowid)
        sk_buf_addf(&ins, "(rowid%s) VALUES (?1", n_cols ? cols.s : "");
    else /* the key is one of the columns; ?1 stays unused */
        sk_buf_addf(&ins, "(%s) VALUES (?2", n_cols ? cols.s + 2 : "");
    for (int c = by_rowid ? 1 : 2; c <= n_cols; c++)
        sk_buf_addf(&ins, ", ?%d", c + 1);
    sk_buf_adds(&ins, ")");
    sk_buf_free(&cols);
    sqlite3_stmt *put = NULL;
    rc = sqlite3_prepare_v2(r->dst, ins.s, -1, &put, NULL);
    sk_buf_free(&ins);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(get);
        return rc;
    }
    while ((rc = sqlite3_step(get)) == SQLITE_ROW) {
        *last = sqlite3_column_int64(get, 0);
        for (int c = 0; c <= n_cols; c++)
            sqlite3_bind_value(put, c + 1, sqlite3_column_value(get, c));
        /* a row that breaks a CHECK of its table is damaged: left out */
        if (sqlite3_step(put) == SQLITE_DONE && sqlite3_changes(r->dst) > 0)
            r->out->rows++;
        sqlite3_reset(put);
        sqlite3_clear_bindings(put);
    }
    sqlite3_finalize(put);
    sqlite3_finalize(get);
    return rc;
}

static void
copy_table(struct rescue *r, const char *table)
{
    int64_t last = INT64_MIN;
    int rc = copy_rows_after(r, table, &last);
    int64_t skip = 1;
    while (rc != SQLITE_DONE) {
        /* unreadable after `last`: probe further and further ahead */
        if (skip == 1)
            r->out->lost_ranges++;
        if (last > INT64_MAX - skip)
            return;
        int64_t probe = last + skip;
        int64_t got = probe;
        rc = copy_rows_after(r, table, &got);
        if (got != probe) {
            last = got; /* read on; a new error is a new stretch */
            skip = 1;
        } else if (skip > INT64_MAX / 4) {
            return;
        } else {
            skip *= 4;
        }
    }
}

/* Whether the damaged file has a table `name` (a bound lookup). */
static bool
src_has_table(struct rescue *r, const char *name)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(r->src, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        has = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return has;
}

static bool
rescue_all(struct rescue *r, const char *src_path, struct sk_error *err)
{
    /* the table list comes from the new file: skola's own schema */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(r->dst,
                                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail_sql(r->dst, src_path, err);
    struct sk_buf tables = {0}; /* NUL-separated names */
    size_t n_tables = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (name) {
            sk_buf_add(&tables, name, strlen(name) + 1);
            n_tables++;
        }
    }
    sqlite3_finalize(st);
    /* Is the damaged file's table list readable at all? */
    rc = sqlite3_prepare_v2(r->src, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        rc = SQLITE_OK;
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        sk_buf_free(&tables);
        return sk_fail(err, SK_EDB,
                       _("The list of tables in %s is damaged; nothing can be rescued: %s"),
                       src_path, sqlite3_errmsg(r->src));
    }
    /* rows as they were: no trigger may change them, and rows whose parent
     * was lost stay (`check` lists them) */
    sqlite3_exec(r->dst, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    sqlite3_db_config(r->dst, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
    rc = sqlite3_exec(r->dst, "BEGIN", NULL, NULL, NULL);
    const char *name = tables.s;
    for (size_t i = 0; rc == SQLITE_OK && i < n_tables; i++) {
        if (src_has_table(r, name)) {
            copy_table(r, name);
            r->out->tables++;
        }
        name += strlen(name) + 1;
    }
    sk_buf_free(&tables);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(r->dst, "COMMIT", NULL, NULL, NULL);
    sqlite3_db_config(r->dst, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
    sqlite3_exec(r->dst, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail_sql(r->dst, src_path, err);
    return true;
}

/* The damaged file's schema version, from its header (0 when unreadable). */
static int
src_version(sqlite3 *src)
{
    sqlite3_stmt *st = NULL;
    int v = 0;
    if (sqlite3_prepare_v2(src, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Opens the damaged file read-only and untrusted: defensive mode (no
 * writable schema, no shadow-table writes), an untrusted schema (functions
 * with side effects are not run from it), no triggers or views. */
static bool
open_src(struct rescue *r, const char *src, struct sk_error *err)
{
    if (sqlite3_open_v2(src, &r->src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return fail_sql(r->src, src, err);
    sqlite3_db_config(r->src, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(r->src, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    sqlite3_db_config(r->src, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
    sqlite3_db_config(r->src, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
    sqlite3_db_config(r->src, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
    return true;
}

bool
storage_rescue(const char *src, const char *dst, struct storage_rescue_report *out,
               struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!storage_exists(src))
        return sk_fail(err, SK_EIO, _("There is no database at %s."), src);
    struct sk_atomic tmp;
    if (!storage_output_allowed(src, dst, err) || !sk_atomic_open(&tmp, dst, 0600, err))
        return false;
    storage_file_share_like(tmp.fd, src); /* a shared file's copy: the group's */
    struct rescue r = {.out = out};
    bool ok = open_src(&r, src, err);
    int version = ok ? src_version(r.src) : 0;
    if (ok && version > storage_schema_version)
        ok = sk_fail(err, SK_EDB,
                     _("This database was created by a newer skola (schema %d); this program "
                       "knows up to %d; please update skola."),
                     version, storage_schema_version);
    if (ok && version < 1)
        version = storage_schema_version; /* header unreadable: today's schema */
    if (ok) {
        /* the new file's schema comes from skola's migrations, up to the
         * damaged file's version, so its rows fit; later steps run after */
        r.dst_db = storage_open_at(tmp.tmp, SO_NO_CHECK, version, err);
        ok = r.dst_db != NULL;
    }
    if (ok) {
        r.dst = r.dst_db->sql;
        ok = rescue_all(&r, src, err) && storage_migrate(r.dst_db, err);
    }
    /* sort keys copied from a damaged file (or missing) are computed
     * anew, so that the copy passes `check` */
    int64_t n_keys = 0;
    ok = ok && storage_sortkeys_repair(r.dst_db, &n_keys, err);
    sqlite3_close(r.src);
    storage_close(r.dst_db);
    if (!ok)
        sk_atomic_abort(&tmp);
    return ok && sk_atomic_commit(&tmp, err);
}

/* Rescuing what can be read from a damaged database file: the schema is
 * recreated in a new file, every table is copied row by row in rowid order
 * (an unreadable stretch is skipped by probing ever further rowids), then the
 * indexes are rebuilt from the copied rows. Used by `skola backup` when the
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
    sqlite3 *dst; /* the new file */
    struct storage_rescue_report *out;
};

static bool
fail_sql(sqlite3 *sql, const char *path, struct sk_error *err)
{
    return sk_fail(err, SK_EIO, _("Cannot rescue %s: %s"), path, sqlite3_errmsg(sql));
}

/* Copies the rows of one table with rowid > *last; returns the step's
 * result code (SQLITE_DONE at the end, an error where the file is damaged). */
static int
copy_rows_after(struct rescue *r, const char *table, int64_t *last)
{
    char *sql = sk_xasprintf("SELECT rowid, * FROM \"%s\" WHERE rowid > ?1 ORDER BY rowid", table);
    sqlite3_stmt *get = NULL;
    int rc = sqlite3_prepare_v2(r->src, sql, -1, &get, NULL);
    free(sql);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(get, 1, *last);
    int n_cols = sqlite3_column_count(get);
    struct sk_buf ins = {0};
    sk_buf_addf(&ins, "INSERT OR IGNORE INTO \"%s\"(rowid", table);
    for (int c = 1; c < n_cols; c++)
        sk_buf_addf(&ins, ", \"%s\"", sqlite3_column_name(get, c));
    sk_buf_adds(&ins, ") VALUES (?1");
    for (int c = 1; c < n_cols; c++)
        sk_buf_addf(&ins, ", ?%d", c + 1);
    sk_buf_adds(&ins, ")");
    sqlite3_stmt *put = NULL;
    rc = sqlite3_prepare_v2(r->dst, ins.s, -1, &put, NULL);
    sk_buf_free(&ins);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(get);
        return rc;
    }
    while ((rc = sqlite3_step(get)) == SQLITE_ROW) {
        *last = sqlite3_column_int64(get, 0);
        for (int c = 0; c < n_cols; c++)
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

static bool
rescue_all(struct rescue *r, const char *src_path, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(r->src,
                                "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
                                " AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC, rowid",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sk_fail(err, SK_EDB,
                       _("The list of tables in %s is damaged; nothing can be rescued: %s"),
                       src_path, sqlite3_errmsg(r->src));
    struct sk_buf tables = {0}; /* NUL-separated names */
    size_t n_tables = 0;
    sqlite3_exec(r->dst, "BEGIN", NULL, NULL, NULL);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *sql = (const char *)sqlite3_column_text(st, 2);
        if (!type || !name || !sql)
            continue;
        if (strcmp(type, "table") == 0) {
            if (sqlite3_exec(r->dst, sql, NULL, NULL, NULL) != SQLITE_OK)
                continue;
            sk_buf_add(&tables, name, strlen(name) + 1);
            n_tables++;
            r->out->tables++;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sk_buf_free(&tables);
        sqlite3_exec(r->dst, "ROLLBACK", NULL, NULL, NULL);
        return sk_fail(err, SK_EDB,
                       _("The list of tables in %s is damaged; nothing can be rescued: %s"),
                       src_path, sqlite3_errmsg(r->src));
    }
    const char *name = tables.s;
    for (size_t i = 0; i < n_tables; i++) {
        copy_table(r, name);
        name += strlen(name) + 1;
    }
    sk_buf_free(&tables);
    /* indexes, triggers and views after the rows */
    rc =
        sqlite3_prepare_v2(r->src,
                           "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND type <> 'table'"
                           " AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                           -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *sql = (const char *)sqlite3_column_text(st, 0);
        if (sql)
            sqlite3_exec(r->dst, sql, NULL, NULL, NULL); /* a failing index is left out */
    }
    sqlite3_finalize(st);
    int64_t v[2] = {0, 0};
    const char *pragmas[2] = {"PRAGMA application_id", "PRAGMA user_version"};
    for (int k = 0; k < 2; k++) {
        if (sqlite3_prepare_v2(r->src, pragmas[k], -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            v[k] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    char *sql = sk_xasprintf("PRAGMA application_id = %lld; PRAGMA user_version = %lld",
                             (long long)v[0], (long long)v[1]);
    rc = sqlite3_exec(r->dst, sql, NULL, NULL, NULL);
    free(sql);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(r->dst, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail_sql(r->dst, src_path, err);
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
    struct rescue r = {.out = out};
    bool ok = false;
    if (sqlite3_open_v2(src, &r.src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_sql(r.src, src, err);
    else if (sqlite3_open_v2(tmp.tmp, &r.dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_sql(r.dst, src, err);
    else {
        sqlite3_exec(r.dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL,
                     NULL);
        ok = rescue_all(&r, src, err);
    }
    sqlite3_close(r.src);
    if (sqlite3_close(r.dst) != SQLITE_OK && ok)
        ok = fail_sql(r.dst, src, err);
    if (!ok)
        sk_atomic_abort(&tmp);
    return ok && sk_atomic_commit(&tmp, err);
}

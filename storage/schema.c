/* Comparing the schema of a file with the one this release expects: the
 * expected schema is built at run time by running skola's own migrations on
 * an in-memory database up to the file's version, so it is never a second
 * copy that could drift. The file's schema text is only read and compared,
 * never run. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What is said of one kind of schema object. */
struct object_words {
    const char *type; /* sqlite_schema.type */
    const char *missing, *differs, *unknown;
};

static const struct object_words words[] = {
    {"table", N_("table %s is missing"), N_("table %s differs from the one this skola expects"),
     N_("table %s is not part of skola's schema")},
    {"index", N_("index %s is missing"), N_("index %s differs from the one this skola expects"),
     N_("index %s is not part of skola's schema")},
    {"trigger", N_("trigger %s is missing"),
     N_("trigger %s differs from the one this skola expects"),
     N_("trigger %s is not part of skola's schema")},
    {"view", N_("view %s is missing"), N_("view %s differs from the one this skola expects"),
     N_("view %s is not part of skola's schema")},
};

static const struct object_words *
words_of(const char *type)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(words); i++)
        if (type && strcmp(words[i].type, type) == 0)
            return &words[i];
    return &words[0];
}

static void
say(void (*report)(void *, const char *), void *ctx, size_t *n, const char *fmt, const char *name)
{
    char line[512];
    snprintf(line, sizeof line, _(fmt), name);
    (*n)++;
    if (report)
        report(ctx, line);
}

/* Columns of a table or index as one comparable text (pragma rows). */
static char *
shape_of(sqlite3 *sql, const char *type, const char *name)
{
    const char *q =
        strcmp(type, "table") == 0
            ? "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden"
              " FROM pragma_table_xinfo(?1)"
            : "SELECT seqno, cid, name, \"desc\", coll, key FROM pragma_index_xinfo(?1)";
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                sk_buf_addf(&b, "%s\x1f", v ? v : "\x1e");
            }
            sk_buf_adds(&b, "\n");
        }
    }
    sqlite3_finalize(st);
    return b.s;
}

/* The file's schema version (PRAGMA user_version), 0 when unreadable. */
static int64_t
file_version(struct storage_db *db)
{
    sqlite3_stmt *st = NULL;
    int64_t version = 0;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return version;
}

bool
storage_schema_compare(struct storage_db *db, void (*report)(void *ctx, const char *line),
                       void *ctx, size_t *n_problems, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int64_t version = file_version(db);
    if (version < 1 || version > storage_schema_version)
        return true; /* no skola schema to compare with (storage_open says so) */
    struct storage_db *want = storage_open_at(":memory:", 0, (int)version, err);
    if (!want)
        return false;
    static const char *const list =
        "SELECT type, name, tbl_name, sql FROM sqlite_schema"
        " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type = 'table' DESC, name";
    static const char *const one = "SELECT type, tbl_name, sql FROM sqlite_schema WHERE name = ?1";
    sqlite3_stmt *find = NULL;
    int rc = sqlite3_prepare_v2(want->sql, list, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql, one, -1, &find, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *table = (const char *)sqlite3_column_text(st, 2);
        const char *sql = (const char *)sqlite3_column_text(st, 3);
        const struct object_words *w = words_of(type);
        sqlite3_bind_text(find, 1, name, -1, SQLITE_TRANSIENT);
        int r = sqlite3_step(find);
        if (r != SQLITE_ROW) {
            sqlite3_reset(find);
            if (r != SQLITE_DONE) {
                rc = r;
                break;
            }
            say(report, ctx, n_problems, w->missing, name);
            continue;
        }
        const char *got_type = (const char *)sqlite3_column_text(find, 0);
        const char *got_table = (const char *)sqlite3_column_text(find, 1);
        const char *got_sql = (const char *)sqlite3_column_text(find, 2);
        bool same = got_type && strcmp(got_type, type) == 0 && got_table &&
                    strcmp(got_table, table) == 0 && storage_same_ddl(sql, got_sql);
        sqlite3_reset(find);
        if (same && (strcmp(type, "table") == 0 || strcmp(type, "index") == 0)) {
            char *a = shape_of(want->sql, type, name), *b = shape_of(db->sql, type, name);
            same = strcmp(a, b) == 0;
            free(a);
            free(b);
        }
        if (!same)
            say(report, ctx, n_problems, w->differs, name);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(find);
    find = NULL;
    /* what the file has beyond the expected schema */
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql, list, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(want->sql, one, -1, &find, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        sqlite3_bind_text(find, 1, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(find) != SQLITE_ROW)
            say(report, ctx, n_problems, words_of(type)->unknown, name);
        sqlite3_reset(find);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(find);
    storage_close(want);
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Whether sql (a CREATE statement as stored) is, followed by ";", in the
 * text of migration steps 1..version. */
static bool
in_steps(const char *sql, int version)
{
    if (!sql || !*sql)
        return false;
    size_t n = strlen(sql);
    for (int v = 1; v <= version; v++) {
        const char *step = storage_migrate_step_sql(v);
        for (const char *p = step; p && (p = strstr(p, sql)) != NULL; p++)
            if (p[n] == ';' && (p == step || p[-1] == '\n'))
                return true;
    }
    return false;
}

bool
storage_schema_foreign_triggers(struct storage_db *db, struct sk_error *err)
{
    static const char *const list = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
                                    " ORDER BY name";
    sqlite3_stmt *st = NULL;
    int64_t version = file_version(db);
    if (version < 1 || version > storage_schema_version)
        return true; /* storage_open names a file that is not skola's */
    int rc = sqlite3_prepare_v2(db->sql, list, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return storage_fail_db(db, rc, err);
    struct storage_db *want = NULL;
    sqlite3_stmt *find = NULL;
    struct sk_buf names = {0};
    size_t n_foreign = 0;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *sql = (const char *)sqlite3_column_text(st, 1);
        /* Fast path: skola's triggers are created by the text of its
         * migration steps, which SQLite keeps verbatim. Only a trigger not
         * found there costs building the expected schema (tens of ms). */
        if (in_steps(sql, (int)version))
            continue;
        if (!want) {
            want = storage_open_at(":memory:", 0, (int)version, err);
            if (!want || sqlite3_prepare_v2(want->sql,
                                            "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                                            " AND name = ?1",
                                            -1, &find, NULL) != SQLITE_OK) {
                ok = want ? sk_fail(err, SK_EDB, "%s", _("Cannot read the schema.")) : false;
                break;
            }
        }
        sqlite3_bind_text(find, 1, name ? name : "", -1, SQLITE_TRANSIENT);
        bool known = sqlite3_step(find) == SQLITE_ROW &&
                     storage_same_ddl((const char *)sqlite3_column_text(find, 0), sql);
        sqlite3_reset(find);
        if (!known) {
            if (n_foreign++)
                sk_buf_adds(&names, ", ");
            sk_buf_adds(&names, SK_QUOTE(name ? name : ""));
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = storage_fail_db(db, rc, err);
    else if (ok && n_foreign)
        ok = sk_fail(err, SK_EDB,
                     _("%s has triggers that skola did not make (%s); they would run with every "
                       "change skola makes, so nothing is written into it. "
                       "“skola check” names them; remove them (e.g. with sqlite3: DROP TRIGGER "
                       "name) or restore a backup."),
                     db->path ? db->path : ":memory:", names.s);
    sqlite3_finalize(st);
    sqlite3_finalize(find);
    storage_close(want);
    sk_buf_free(&names);
    return ok;
}

/* The tables of the record kinds, generated from their descriptors
 * (forms/kind_*.c), so a kind is described once. A kind's table is
 * id, school_id, one column per field (STRICT types; CHECKs for dates,
 * booleans and enum keys; REFERENCES for FT_REF), the bookkeeping columns
 * and the sort-key BLOB of every text list field; its indexes are the
 * school, the natural key (unique), each other unique field, each
 * reference, and one list index per list field on exactly the expression
 * of storage_sql_sort_key(), so keyset paging stays on an index.
 *
 * storage_kinds_sync() brings any file up to the descriptors. A kind's
 * table that is missing is created; one this generator wrote is rebuilt
 * when its text differs (a new field in its place, a changed CHECK such as
 * a new choice key), so an upgraded file is the same as a fresh one. The
 * tables of the kinds older than the generator were written by hand in
 * migrate.c's historical steps and keep that text (history is never
 * edited): they only gain columns (ALTER TABLE ADD COLUMN). New or changed
 * indexes are made again; a new sort key is filled. Nothing is dropped: a
 * column the descriptor does not know (a newer skola's field) stops the
 * rebuild, and removing a field's data is a hand-written step's job. */
#include "storage/internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATE_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"

static bool
is_text_field(enum forms_type t)
{
    return t == FT_TEXT || t == FT_MEMO || t == FT_DATE || t == FT_ENUM || t == FT_FLAGS;
}

/* Appends "\"key\" = 'k1' OR \"key\" = 'k2'..." of an enum's keys (keys are
 * ASCII identifiers, but quotes are doubled anyway): not `IN (...)`, for
 * which SQLite builds a temporary table on every insert (migration 17). */
static void
add_choice_keys(struct sk_buf *b, const struct forms_field *f)
{
    for (size_t c = 0; c < f->n_choices; c++) {
        sk_buf_addf(b, "%s\"%s\" = '", c ? " OR " : "", f->key);
        for (const char *p = f->choices[c].key; *p; p++)
            if (*p == '\'')
                sk_buf_adds(b, "''");
            else
                sk_buf_add(b, p, 1);
        sk_buf_adds(b, "'");
    }
}

void
storage_gen_column(struct sk_buf *b, const struct forms_kind *kind, const struct forms_field *f)
{
    (void)kind;
    sk_buf_addf(b, "\"%s\" %s", f->key, is_text_field(f->type) ? "TEXT" : "INTEGER");
    if (f->type == FT_DATE)
        sk_buf_addf(b, " CHECK (\"%s\" IS NULL OR \"%s\" GLOB " DATE_GLOB ")", f->key, f->key);
    else if (f->type == FT_BOOL)
        sk_buf_addf(b, " CHECK (\"%s\" IS NULL OR \"%s\" IN (0, 1))", f->key, f->key);
    else if (f->type == FT_ENUM && f->n_choices > 0) {
        sk_buf_addf(b, " CHECK (\"%s\" IS NULL OR (", f->key);
        add_choice_keys(b, f);
        sk_buf_adds(b, "))");
    } else if (f->type == FT_REF) {
        const struct forms_kind *to = f->ref_kind ? forms_kind_by_key(f->ref_kind) : NULL;
        if (to)
            sk_buf_addf(b, " REFERENCES \"%s\"(id)", to->table);
    }
}

/* The bookkeeping columns after the fields, as in every historical table; a
 * new one added here is added to every kind's table (with a DEFAULT if NOT
 * NULL: ALTER TABLE ADD COLUMN needs one). */
static const struct {
    const char *name, *def;
} tail_columns[] = {
    {"created_at", "created_at TEXT"},
    {"updated_at", "updated_at TEXT"},
    {"version", "version INTEGER NOT NULL DEFAULT 1"},
    {"search", "search TEXT"},
    {"import_batch", "import_batch INTEGER REFERENCES import_batch(id)"},
    /* '' for a row another program (or an older release) wrote: such rows
     * get theirs from storage_uids_fill (uid.c) */
    {"uid", "uid TEXT NOT NULL DEFAULT ''"},
};

/* Columns that storage derives from a kind's fields and keeps beside them
 * (written with the row, read by the summary's covering index), after the
 * bookkeeping columns: the observation sheet's tick bit sets (obs_ticks.c). */
static const struct {
    const char *table, *name, *def;
} derived_columns[] = {
    {"observation", "ticks_assessed", "ticks_assessed INTEGER NOT NULL DEFAULT 0"},
    {"observation", "ticks_on", "ticks_on INTEGER NOT NULL DEFAULT 0"},
};

void
storage_gen_table(struct sk_buf *b, const struct forms_kind *kind)
{
    sk_buf_addf(b,
                "CREATE TABLE \"%s\" (\n  id INTEGER PRIMARY KEY,\n"
                "  school_id INTEGER NOT NULL REFERENCES school(id)",
                kind->table);
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (kind->fields[i].flags & FF_ROWS)
            continue; /* stored as rows of their own table (obs_ticks.c) */
        sk_buf_adds(b, ",\n  ");
        storage_gen_column(b, kind, &kind->fields[i]);
    }
    for (size_t i = 0; i < SK_ARRAY_LEN(tail_columns); i++)
        sk_buf_addf(b, ",\n  %s", tail_columns[i].def);
    for (size_t i = 0; i < SK_ARRAY_LEN(derived_columns); i++)
        if (strcmp(derived_columns[i].table, kind->table) == 0)
            sk_buf_addf(b, ",\n  %s", derived_columns[i].def);
    for (size_t i = 0; i < kind->n_fields; i++)
        if (storage_field_has_sort_key(&kind->fields[i]))
            sk_buf_addf(b, ",\n  \"%s" STORAGE_SORT_KEY_SUFFIX "\" BLOB", kind->fields[i].key);
    sk_buf_adds(b, "\n) STRICT");
}

/* Calls each(ctx, name, sql) for every generated index of kind. */
void
storage_gen_indexes(const struct forms_kind *kind,
                    void (*each)(void *ctx, const char *name, const char *sql), void *ctx)
{
    const char *t = kind->table;
    struct sk_buf name = {0}, sql = {0};
#define EMIT()                                                                                     \
    do {                                                                                           \
        each(ctx, name.s, sql.s);                                                                  \
        sk_buf_reset(&name);                                                                       \
        sk_buf_reset(&sql);                                                                        \
    } while (0)
    sk_buf_addf(&name, "%s_school", t);
    sk_buf_addf(&sql, "CREATE INDEX \"%s\" ON \"%s\"(school_id)", name.s, t);
    EMIT();
    sk_buf_addf(&name, "%s_uid", t);
    /* partial: two rows another program inserted without a uid (both '')
     * are not a conflict; the second index finds them without a scan and
     * stays empty otherwise (storage_uids_fill) */
    sk_buf_addf(&sql, "CREATE UNIQUE INDEX \"%s\" ON \"%s\"(uid) WHERE uid <> ''", name.s, t);
    EMIT();
    sk_buf_addf(&name, "%s_nouid", t);
    sk_buf_addf(&sql, "CREATE INDEX \"%s\" ON \"%s\"(id) WHERE uid = ''", name.s, t);
    EMIT();
    bool has_natkey = false;
    for (size_t i = 0; i < kind->n_fields; i++)
        has_natkey |= (kind->fields[i].flags & FF_NATKEY) != 0;
    if (has_natkey) {
        sk_buf_addf(&name, "%s_natkey", t);
        sk_buf_addf(&sql, "CREATE UNIQUE INDEX \"%s\" ON \"%s\"(school_id", name.s, t);
        for (size_t i = 0; i < kind->n_fields; i++)
            if (kind->fields[i].flags & FF_NATKEY)
                sk_buf_addf(&sql, ", \"%s\"", kind->fields[i].key);
        sk_buf_adds(&sql, ")");
        EMIT();
    }
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if ((f->flags & FF_UNIQUE) && !(f->flags & FF_NATKEY)) {
            sk_buf_addf(&name, "%s_unique_%s", t, f->key);
            sk_buf_addf(
                &sql,
                "CREATE UNIQUE INDEX \"%s\" ON \"%s\"(school_id, \"%s\") WHERE \"%s\" IS NOT NULL",
                name.s, t, f->key, f->key);
            EMIT();
        }
        if (f->type == FT_REF) {
            sk_buf_addf(&name, "%s_ref_%s", t, f->key);
            sk_buf_addf(&sql, "CREATE INDEX \"%s\" ON \"%s\"(\"%s\")", name.s, t, f->key);
            EMIT();
        }
        if (f->flags & FF_LIST) {
            sk_buf_addf(&name, "%s_list_%s", t, f->key);
            sk_buf_addf(&sql, "CREATE INDEX \"%s\" ON \"%s\"(school_id, ", name.s, t);
            storage_sql_sort_key(&sql, kind, (int)i);
            sk_buf_adds(&sql, ", id)");
            EMIT();
        }
    }
#undef EMIT
    sk_buf_free(&name);
    sk_buf_free(&sql);
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

bool
storage_same_ddl(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    for (;;) {
        bool sa = false, sb = false;
        while (is_space(*a) || *a == '"')
            sa |= is_space(*a++);
        while (is_space(*b) || *b == '"')
            sb |= is_space(*b++);
        if (!*a || !*b)
            return !*a && !*b;
        if (sa != sb || *a != *b)
            return false;
        a++;
        b++;
    }
}

/* ------------------------------------------------------------------ sync */

struct sync {
    struct storage_db *db;
    bool apply;    /* change the file, else only look */
    bool *in_sync; /* cleared by any difference */
    bool ok;
    struct sk_error *err;
};

/* The sql of schema object `name`, owned, or NULL when there is none. */
static char *
object_sql(struct storage_db *db, const char *type, const char *name)
{
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *s = (const char *)sqlite3_column_text(st, 0);
            out = sk_xstrdup(s ? s : "");
        }
    }
    sqlite3_finalize(st);
    return out;
}

static void
sync_index(void *ctx, const char *name, const char *sql)
{
    struct sync *s = ctx;
    if (!s->ok)
        return;
    char *have = object_sql(s->db, "index", name);
    if (!have || !storage_same_ddl(have, sql)) {
        *s->in_sync = false;
        if (s->apply) {
            struct sk_buf drop = {0};
            sk_buf_addf(&drop, "DROP INDEX IF EXISTS \"%s\"", name);
            s->ok = storage_exec(s->db, drop.s, s->err) && storage_exec(s->db, sql, s->err);
            sk_buf_free(&drop);
        }
    }
    free(have);
}

static bool
has_column(struct storage_db *db, const char *table, const char *column)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
        has = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return has;
}

/* Adds one missing column; *added_key when it is a sort key (to fill). */
static void
sync_column(struct sync *s, const struct forms_kind *kind, const char *column, const char *def,
            bool *added_key)
{
    if (!s->ok || has_column(s->db, kind->table, column))
        return;
    *s->in_sync = false;
    if (!s->apply)
        return;
    struct sk_buf sql = {0};
    sk_buf_addf(&sql, "ALTER TABLE \"%s\" ADD COLUMN %s", kind->table, def);
    s->ok = storage_exec(s->db, sql.s, s->err);
    sk_buf_free(&sql);
    if (s->ok && strstr(column, STORAGE_SORT_KEY_SUFFIX))
        *added_key = true;
}

/* Whether a table's CREATE text was written by storage_gen_table: the
 * generator quotes the table's name, the historical steps of migrate.c
 * never did. Only such tables are rebuilt; a historical one keeps its text
 * and only gains columns. */
static bool
is_generated(const char *create_sql)
{
    return strncmp(create_sql, "CREATE TABLE \"", 14) == 0;
}

/* The names of kind's generated columns, as "\x1fname\x1f..." for lookups. */
static void
generated_columns(struct sk_buf *b, const struct forms_kind *kind)
{
    sk_buf_adds(b, "\x1fid\x1fschool_id\x1f");
    for (size_t i = 0; i < SK_ARRAY_LEN(tail_columns); i++)
        sk_buf_addf(b, "%s\x1f", tail_columns[i].name);
    for (size_t i = 0; i < SK_ARRAY_LEN(derived_columns); i++)
        if (strcmp(derived_columns[i].table, kind->table) == 0)
            sk_buf_addf(b, "%s\x1f", derived_columns[i].name);
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (kind->fields[i].flags & FF_ROWS)
            continue;
        sk_buf_addf(b, "%s\x1f", kind->fields[i].key);
        if (storage_field_has_sort_key(&kind->fields[i]))
            sk_buf_addf(b, "%s" STORAGE_SORT_KEY_SUFFIX "\x1f", kind->fields[i].key);
    }
}

/* The quoted, comma-separated columns the file's table shares with the
 * generated one into `common`; false when the file has a column the
 * descriptor does not know (a newer skola's field, or one a hand-written
 * step must drop): such a table is not rebuilt, so nothing is lost. */
static bool
shared_columns(struct storage_db *db, const struct forms_kind *kind, struct sk_buf *common,
               bool *gains_key)
{
    struct sk_buf known = {0}, probe = {0};
    generated_columns(&known, kind);
    sqlite3_stmt *st = NULL;
    bool only_known = true;
    size_t n_key_cols = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->table, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            sk_buf_reset(&probe);
            sk_buf_addf(&probe, "\x1f%s\x1f", name ? name : "");
            if (!name || !strstr(known.s, probe.s)) {
                only_known = false;
                continue;
            }
            sk_buf_addf(common, "%s\"%s\"", common->len ? ", " : "", name);
            n_key_cols += strstr(name, STORAGE_SORT_KEY_SUFFIX) != NULL;
        }
    }
    sqlite3_finalize(st);
    *gains_key = n_key_cols < storage_n_sort_keys(kind);
    sk_buf_free(&known);
    sk_buf_free(&probe);
    return only_known;
}

/* Remembers the CREATE text of the indexes and triggers on the table that
 * the generator does not make (hand-written in a step), to make them again. */
struct extra_objects {
    const struct forms_kind *kind;
    struct sk_buf generated; /* "\x1fname\x1f..." of the generated indexes */
    struct sk_buf sql;       /* their CREATE texts, each ending in ";\n" */
};

static void
note_generated_index(void *ctx, const char *name, const char *sql)
{
    (void)sql;
    struct extra_objects *x = ctx;
    sk_buf_addf(&x->generated, "%s\x1f", name);
}

static bool
collect_extra_objects(struct storage_db *db, struct extra_objects *x, struct sk_error *err)
{
    sk_buf_adds(&x->generated, "\x1f");
    sk_buf_adds(&x->sql, "");
    storage_gen_indexes(x->kind, note_generated_index, x);
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(db->sql,
                           "SELECT name, sql FROM sqlite_schema WHERE tbl_name = ?1"
                           " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
                           -1, &st, NULL);
    struct sk_buf probe = {0};
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, x->kind->table, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            sk_buf_reset(&probe);
            sk_buf_addf(&probe, "\x1f%s\x1f", sqlite3_column_text(st, 0));
            if (!strstr(x->generated.s, probe.s))
                sk_buf_addf(&x->sql, "%s;\n", sqlite3_column_text(st, 1));
        }
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    sk_buf_free(&probe);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

/* Makes a generated table's text the descriptor's again (a field added, a
 * CHECK changed, say a new choice key) the way SQLite's documentation
 * says: keep the rows aside, drop, create, copy back. Foreign keys are
 * deferred to the commit, by which time every id is back. */
static bool
rebuild(struct storage_db *db, const struct forms_kind *kind, const char *common,
        struct sk_error *err)
{
    struct extra_objects x = {.kind = kind};
    struct sk_buf b = {0};
    bool ok = collect_extra_objects(db, &x, err) &&
              storage_exec(db, "PRAGMA defer_foreign_keys = ON", err);
    if (ok) {
        sk_buf_addf(&b,
                    "CREATE TEMP TABLE skola_rebuild AS SELECT %s FROM \"%s\";\n"
                    "DROP TABLE \"%s\";\n",
                    common, kind->table, kind->table);
        storage_gen_table(&b, kind);
        sk_buf_addf(&b,
                    ";\nINSERT INTO \"%s\"(%s) SELECT %s FROM temp.skola_rebuild;\n"
                    "DROP TABLE temp.skola_rebuild;\n%s",
                    kind->table, common, common, x.sql.s);
        ok = storage_exec(db, b.s, err);
    }
    sk_buf_free(&b);
    sk_buf_free(&x.generated);
    sk_buf_free(&x.sql);
    return ok;
}

static void
sync_kind(struct sync *s, const struct forms_kind *kind, bool *added_key)
{
    char *have = object_sql(s->db, "table", kind->table);
    struct sk_buf b = {0}, common = {0};
    if (!have) {
        *s->in_sync = false;
        if (s->apply) {
            storage_gen_table(&b, kind);
            s->ok = storage_exec(s->db, b.s, s->err);
        }
    } else if (is_generated(have)) {
        bool gains_key = false;
        storage_gen_table(&b, kind);
        if (!storage_same_ddl(have, b.s) && shared_columns(s->db, kind, &common, &gains_key)) {
            *s->in_sync = false;
            if (s->apply) {
                s->ok = rebuild(s->db, kind, common.s, s->err);
                *added_key |= gains_key;
            }
        }
    } else {
        for (size_t i = 0; s->ok && i < SK_ARRAY_LEN(tail_columns); i++)
            sync_column(s, kind, tail_columns[i].name, tail_columns[i].def, added_key);
        for (size_t i = 0; s->ok && i < SK_ARRAY_LEN(derived_columns); i++)
            if (strcmp(derived_columns[i].table, kind->table) == 0)
                sync_column(s, kind, derived_columns[i].name, derived_columns[i].def, added_key);
        for (size_t i = 0; s->ok && i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (!storage_field_has_sort_key(f))
                continue;
            sk_buf_reset(&b);
            sk_buf_addf(&b, "%s" STORAGE_SORT_KEY_SUFFIX, f->key);
            char *col = sk_xstrdup(b.s);
            sk_buf_reset(&b);
            sk_buf_addf(&b, "\"%s\" BLOB", col);
            sync_column(s, kind, col, b.s, added_key);
            free(col);
        }
        /* Fields last: a field added to the descriptor is then the last
         * column both of an older file (ALTER appends it after the tail
         * columns it has) and of a new one, so `skola check` finds them alike. */
        for (size_t i = 0; s->ok && i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (f->flags & FF_ROWS)
                continue;
            sk_buf_reset(&b);
            storage_gen_column(&b, kind, f);
            sync_column(s, kind, f->key, b.s, added_key);
        }
    }
    bool had = have != NULL;
    free(have);
    sk_buf_free(&b);
    sk_buf_free(&common);
    /* before the unique index: rows of an older file get their uids */
    if (s->ok && s->apply && had && !*s->in_sync)
        s->ok = storage_uids_fill(s->db, kind, s->err);
    if (s->ok && (had || s->apply))
        storage_gen_indexes(kind, sync_index, s);
}

static void
fingerprint_add(void *ctx, const char *name, const char *sql)
{
    uint64_t *h = ctx;
    for (const char *p = name; *p; p++)
        *h = (*h ^ (unsigned char)*p) * 0x100000001b3u;
    for (const char *p = sql; *p; p++)
        *h = (*h ^ (unsigned char)*p) * 0x100000001b3u;
}

void
storage_kinds_fingerprint(char out[17])
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    struct sk_buf b = {0};
    for (size_t k = 0; k < forms_n_kinds; k++) {
        sk_buf_reset(&b);
        storage_gen_table(&b, forms_kinds[k]);
        fingerprint_add(&h, forms_kinds[k]->table, b.s);
        storage_gen_indexes(forms_kinds[k], fingerprint_add, &h);
    }
    sk_buf_free(&b);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

bool
storage_kinds_fingerprint_matches(struct storage_db *db, bool *matches, struct sk_error *err)
{
    char want[17];
    storage_kinds_fingerprint(want);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT fingerprint FROM generated_schema WHERE id = 1",
                                -1, &st, NULL);
    *matches = false;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *got = (const char *)sqlite3_column_text(st, 0);
            *matches = got && strcmp(got, want) == 0;
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

/* Records what the descriptors generated (schema 14 on). */
static bool
write_fingerprint(struct storage_db *db, struct sk_error *err)
{
    char fp[17];
    storage_kinds_fingerprint(fp);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db->sql, "INSERT OR REPLACE INTO generated_schema(id, fingerprint) VALUES (1, ?1)", -1, &st,
        NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, fp, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

bool
storage_kinds_sync(struct storage_db *db, bool apply, bool *in_sync, struct sk_error *err)
{
    bool dummy = true;
    struct sync s = {db, apply, in_sync ? in_sync : &dummy, true, err};
    *s.in_sync = true;
    bool added_key = false;
    for (size_t k = 0; s.ok && k < forms_n_kinds; k++)
        sync_kind(&s, forms_kinds[k], &added_key);
    /* rows of an existing table get the keys of a new list text field */
    if (s.ok && added_key)
        s.ok = storage_sortkeys_fill(db, err);
    if (s.ok && apply)
        s.ok = write_fingerprint(db, err);
    return s.ok;
}

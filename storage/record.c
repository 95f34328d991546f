/* Generic record CRUD driven by forms/ descriptors: SQL is generated once
 * per (kind, purpose) from the descriptor's keys and cached; every value is
 * bound. Each write also maintains the folded `search` column and writes
 * the audit log in the same transaction. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ SQL pieces */

void
storage_sql_add_ident(struct sk_buf *b, const char *name)
{
    sk_buf_adds(b, "\"");
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sk_buf_adds(b, "\"\"");
        else
            sk_buf_add(b, p, 1);
    }
    sk_buf_adds(b, "\"");
}

static bool
is_text_type(enum forms_type t)
{
    return t == FT_TEXT || t == FT_MEMO;
}

static bool
is_int_type(enum forms_type t)
{
    return t == FT_INT || t == FT_DEC3 || t == FT_MONEY || t == FT_BOOL || t == FT_REF;
}

void
storage_sql_columns(struct sk_buf *b, const struct forms_kind *kind)
{
    sk_buf_adds(b, "id, version, uid");
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (kind->fields[i].flags & FF_ROWS)
            continue;
        sk_buf_adds(b, ", ");
        storage_sql_add_ident(b, kind->fields[i].key);
    }
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (f->type != FT_REF)
            continue;
        const struct forms_kind *target = f->ref_kind ? forms_kind_by_key(f->ref_kind) : NULL;
        if (!target || !target->name_field) {
            sk_buf_adds(b, ", NULL");
            continue;
        }
        sk_buf_addf(b, ", (SELECT r.\"%s\" FROM \"%s\" r WHERE r.id = \"%s\".\"%s\")",
                    target->name_field, target->table, kind->table, f->key);
    }
    storage_rows_columns(b, kind);
}

void
storage_sql_sort_key(struct sk_buf *b, const struct forms_kind *kind, int field)
{
    if (field < 0) {
        sk_buf_adds(b, "id");
        return;
    }
    const struct forms_field *f = &kind->fields[field];
    if (storage_field_has_sort_key(f))
        sk_buf_addf(b, "ifnull(\"%s" STORAGE_SORT_KEY_SUFFIX "\",X'')", f->key);
    else if (is_text_type(f->type))
        /* not a list column: no index, sorted by the connection's collation */
        sk_buf_addf(b, "ifnull(\"%s\",'') COLLATE lv", f->key);
    else if (is_int_type(f->type))
        sk_buf_addf(b, "ifnull(\"%s\",-9223372036854775808)", f->key);
    else
        sk_buf_addf(b, "ifnull(\"%s\",'')", f->key);
}

/* Writes the storage text of a DATE/ENUM/FLAGS value into buf (512 bytes);
 * "" when unset or out of range. */
static const char *
storage_text(const struct forms_field *f, const struct forms_value *v, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!v->is_set)
        return buf;
    switch (f->type) {
    case FT_DATE:
        sk_date_format((sk_date)v->i, true, buf);
        return buf;
    case FT_ENUM:
        if (v->i >= 0 && (size_t)v->i < f->n_choices)
            return f->choices[v->i].key;
        return buf;
    case FT_FLAGS:
        return forms_value_format(f, v, FS_CSV, buf, cap);
    default:
        return forms_value_format(f, v, FS_CSV, buf, cap);
    }
}

int
storage_bind_value(sqlite3_stmt *st, int i, const struct forms_field *f,
                   const struct forms_value *v)
{
    if (!v->is_set)
        return sqlite3_bind_null(st, i);
    char buf[512];
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO:
        if (!v->s)
            return sqlite3_bind_null(st, i);
        return sqlite3_bind_text(st, i, v->s, -1, SQLITE_STATIC);
    case FT_INT:
    case FT_DEC3:
    case FT_MONEY:
    case FT_BOOL:
        return sqlite3_bind_int64(st, i, v->i);
    case FT_REF:
        if (v->i == 0)
            return sqlite3_bind_null(st, i);
        return sqlite3_bind_int64(st, i, v->i);
    case FT_DATE:
    case FT_ENUM:
    case FT_FLAGS: {
        const char *s = storage_text(f, v, buf, sizeof buf);
        if (!*s)
            return sqlite3_bind_null(st, i);
        return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    }
    }
    return sqlite3_bind_null(st, i);
}

int
storage_bind_sort_key(sqlite3_stmt *st, int i, const struct forms_kind *kind, int field,
                      const struct forms_record *rec)
{
    if (field < 0)
        return sqlite3_bind_int64(st, i, rec->id);
    const struct forms_field *f = &kind->fields[field];
    const struct forms_value *v = &rec->values[field];
    if (is_int_type(f->type)) {
        bool has = v->is_set && (f->type != FT_REF || v->i != 0);
        return sqlite3_bind_int64(st, i, has ? v->i : INT64_MIN);
    }
    if (storage_field_has_sort_key(f))
        return storage_bind_text_sort_key(st, i, v->is_set ? v->s : NULL);
    if (is_text_type(f->type))
        return sqlite3_bind_text(st, i, v->is_set && v->s ? v->s : "", -1, SQLITE_TRANSIENT);
    char buf[512];
    return sqlite3_bind_text(st, i, storage_text(f, v, buf, sizeof buf), -1, SQLITE_TRANSIENT);
}

/* ------------------------------------------------------------- reading */

static int
choice_index(const struct forms_field *f, const char *key, size_t n)
{
    for (size_t c = 0; c < f->n_choices; c++) {
        const char *k = f->choices[c].key;
        if (k[0] == key[0] && strncmp(k, key, n) == 0 && k[n] == '\0')
            return (int)c;
    }
    return -1;
}

static void
read_value(sqlite3_stmt *st, int col, const struct forms_field *f, struct forms_value *v)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) {
        forms_value_clear(v);
        return;
    }
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        forms_value_set_text(v, s ? s : "", (size_t)sqlite3_column_bytes(st, col));
        return;
    }
    case FT_INT:
    case FT_DEC3:
    case FT_MONEY:
    case FT_BOOL:
    case FT_REF: /* the name is read by storage_read_record */
        forms_value_set_int(v, sqlite3_column_int64(st, col));
        return;
    case FT_DATE: {
        sk_date day;
        const char *s = (const char *)sqlite3_column_text(st, col);
        if (s && sk_date_parse(s, &day))
            forms_value_set_int(v, day);
        else
            forms_value_clear(v);
        return;
    }
    case FT_ENUM: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        int c = s ? choice_index(f, s, (size_t)sqlite3_column_bytes(st, col)) : -1;
        if (c >= 0)
            forms_value_set_int(v, c);
        else
            forms_value_clear(v);
        return;
    }
    case FT_FLAGS: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        int64_t bits = 0;
        while (s && *s) {
            size_t n = strcspn(s, "|");
            int c = choice_index(f, s, n);
            if (c >= 0 && c < 63)
                bits |= INT64_C(1) << c;
            s += n;
            if (*s == '|')
                s++;
        }
        forms_value_set_int(v, bits);
        return;
    }
    }
}

void
storage_read_record(sqlite3_stmt *st, struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    rec->id = sqlite3_column_int64(st, 0);
    rec->version = sqlite3_column_int64(st, 1);
    const char *uid = (const char *)sqlite3_column_text(st, 2);
    snprintf(rec->uid, sizeof rec->uid, "%s", uid ? uid : "");
    int ref_col = 3 + (int)storage_n_columns(kind), col = 3;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (f->flags & FF_ROWS)
            continue; /* storage_rows_read below */
        read_value(st, col++, f, &rec->values[i]);
        if (f->type != FT_REF)
            continue;
        struct forms_value *v = &rec->values[i];
        if (v->is_set) {
            int64_t id = v->i;
            const char *name = (const char *)sqlite3_column_text(st, ref_col);
            forms_value_set_text(v, name ? name : "", (size_t)sqlite3_column_bytes(st, ref_col));
            v->i = id;
            v->is_set = true;
        }
        ref_col++;
    }
    storage_rows_read(st, ref_col, rec);
}

/* ------------------------------------------------------ folded search text */

static void
buf_reserve(struct sk_buf *b, size_t n)
{
    if (b->cap < n) {
        b->s = sk_xrealloc(b->s, n);
        b->cap = n;
    }
}

const char *
storage_fold(struct storage_db *db, const char *text)
{
    size_t n = strlen(text);
    buf_reserve(&db->fold_buf, 4 * n + 16);
    db->fold_buf.len = forms_fold(text, db->fold_buf.s, db->fold_buf.cap);
    return db->fold_buf.s;
}

/* The folded text of rec's searched fields (forms_search_text), in
 * db->fold_buf (borrowed). */
const char *
storage_search_text(struct storage_db *db, const struct forms_record *rec)
{
    forms_search_text(rec, &db->text_buf);
    return storage_fold(db, db->text_buf.s);
}

/* ------------------------------------------------------ generated statements */

static void
build_sql(struct sk_buf *b, const struct forms_kind *kind, enum storage_purpose purpose,
          unsigned variant)
{
    const size_t n = kind->n_fields, n_col = storage_n_columns(kind);
    switch (purpose) {
    case KP_INSERT:
        sk_buf_adds(b, "INSERT INTO ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, "(school_id");
        for (size_t i = 0; i < n; i++) {
            if (kind->fields[i].flags & FF_ROWS)
                continue;
            sk_buf_adds(b, ", ");
            storage_sql_add_ident(b, kind->fields[i].key);
        }
        for (size_t i = 0; i < n; i++)
            if (storage_field_has_sort_key(&kind->fields[i]))
                sk_buf_addf(b, ", \"%s" STORAGE_SORT_KEY_SUFFIX "\"", kind->fields[i].key);
        sk_buf_adds(b, ", search, created_at, updated_at, version, import_batch, uid");
        /* the derived bit sets, bound with the row (storage_rows_plan) */
        if (n_col < n)
            sk_buf_adds(b, ", ticks_assessed, ticks_on");
        sk_buf_adds(b, ") VALUES (?1");
        for (size_t i = 0; i < n_col; i++)
            sk_buf_addf(b, ", ?%zu", i + 2);
        for (size_t j = 0; j < storage_n_sort_keys(kind); j++)
            sk_buf_addf(b, ", ?%zu", n_col + 4 + j);
        sk_buf_addf(b, ", ?%zu, ?%zu, ?%zu, 1, ?%zu, ?%zu", n_col + 2, n_col + 3, n_col + 3,
                    n_col + 4 + storage_n_sort_keys(kind), n_col + 5 + storage_n_sort_keys(kind));
        if (n_col < n)
            sk_buf_addf(b, ", ?%zu, ?%zu", n_col + 6 + storage_n_sort_keys(kind),
                        n_col + 7 + storage_n_sort_keys(kind));
        sk_buf_adds(b, ")");
        break;
    case KP_UPDATE:
        sk_buf_adds(b, "UPDATE ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " SET ");
        for (size_t i = 0, c = 0; i < n; i++) {
            if (kind->fields[i].flags & FF_ROWS)
                continue;
            storage_sql_add_ident(b, kind->fields[i].key);
            sk_buf_addf(b, " = ?%zu, ", 2 + c++);
        }
        size_t n_sk = 0;
        for (size_t i = 0; i < n; i++)
            if (storage_field_has_sort_key(&kind->fields[i]))
                sk_buf_addf(b, "\"%s" STORAGE_SORT_KEY_SUFFIX "\" = ?%zu, ", kind->fields[i].key,
                            n_col + 4 + n_sk++);
        sk_buf_addf(b,
                    "search = ?%zu, updated_at = ?%zu, version = version + 1"
                    " WHERE id = ?%zu AND school_id = ?1 AND version = ?%zu",
                    n_col + 2, n_col + 3, n_col + 4 + n_sk, n_col + 5 + n_sk);
        break;
    case KP_GET:
        sk_buf_adds(b, "SELECT ");
        storage_sql_columns(b, kind);
        sk_buf_adds(b, " FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE id = ?1 AND school_id = ?2");
        break;
    case KP_DELETE:
        sk_buf_adds(b, "DELETE FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE id = ?1 AND school_id = ?2");
        break;
    case KP_NATKEY: {
        sk_buf_adds(b, "SELECT id FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE school_id = ?1");
        int p = 2;
        for (size_t i = 0; i < n; i++) {
            if (!(kind->fields[i].flags & FF_NATKEY))
                continue;
            sk_buf_adds(b, " AND ");
            storage_sql_add_ident(b, kind->fields[i].key);
            sk_buf_addf(b, " IS ?%d", p++);
        }
        sk_buf_adds(b, " LIMIT 1");
        break;
    }
    case KP_REFCOUNT:
        sk_buf_adds(b, "SELECT count(*) FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE ");
        storage_sql_add_ident(b, kind->fields[variant].key);
        sk_buf_adds(b, " = ?1");
        break;
    case KP_UID:
        sk_buf_adds(b, "SELECT id, school_id FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE uid = ?1");
        break;
    case KP_BY_NAME:
        sk_buf_adds(b, "SELECT id FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE school_id = ?1 AND ");
        storage_sql_add_ident(b, kind->name_field);
        sk_buf_adds(b, " = ?2 ORDER BY id LIMIT 1");
        break;
    case KP_NAMES:
    case KP_DISTINCT: {
        const struct forms_field *f = &kind->fields[variant];
        sk_buf_adds(b, purpose == KP_NAMES ? "SELECT id, " : "SELECT DISTINCT 0, ");
        storage_sql_add_ident(b, f->key);
        sk_buf_adds(b, " FROM ");
        storage_sql_add_ident(b, kind->table);
        sk_buf_adds(b, " WHERE school_id = ?1 AND ");
        storage_sql_add_ident(b, f->key);
        sk_buf_adds(b, " IS NOT NULL ORDER BY ");
        storage_sql_add_ident(b, f->key);
        if (is_text_type(f->type))
            sk_buf_adds(b, " COLLATE lv");
        break;
    }
    case KP_PAGE:
    case KP_COUNT:
        storage_sql_page(b, kind, purpose == KP_COUNT, variant);
        break;
    }
}

sqlite3_stmt *
storage_kind_stmt(struct storage_db *db, const struct forms_kind *kind,
                  enum storage_purpose purpose, unsigned variant, struct sk_error *err)
{
    int k = storage_kind_index(kind, err);
    if (k < 0)
        return NULL;
    uint32_t key = storage_stmt_key((size_t)k, purpose, variant);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (st)
        return st;
    sk_buf_reset(&db->sql_buf);
    build_sql(&db->sql_buf, kind, purpose, variant);
    return storage_stmt_add(db, key, db->sql_buf.s, err);
}

/* ----------------------------------------------------------------- errors */

/* The field whose key appears last in an SQLite constraint message such as
 * "UNIQUE constraint failed: device.school_id, device.serial". */
static int
field_in_message(const struct forms_kind *kind, const char *msg)
{
    int best = -1;
    const char *best_at = NULL;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *key = kind->fields[i].key;
        size_t n = strlen(key);
        for (const char *p = strstr(msg, key); p; p = strstr(p + 1, key)) {
            bool starts = p == msg || p[-1] == '.' || p[-1] == ' ' || p[-1] == '(';
            char after = p[n];
            bool ends = after == '\0' || after == ',' || after == ' ' || after == ')';
            if (starts && ends && (!best_at || p > best_at)) {
                best = (int)i;
                best_at = p;
            }
        }
    }
    return best;
}

/* Maps a failed INSERT/UPDATE to a message for the user. */
static bool
fail_write(struct storage_db *db, int rc, const struct forms_record *rec, struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    const char *msg = sqlite3_errmsg(db->sql);
    int fi = field_in_message(kind, msg);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        if (fi < 0)
            return sk_fail(err, SK_EINVAL, "%s", _("A record with these values already exists."));
        char buf[512];
        const struct forms_field *f = &kind->fields[fi];
        sk_fail(err, SK_EINVAL, _("“%s” already exists."),
                SK_QUOTE(forms_value_format(f, &rec->values[fi], FS_DISPLAY, buf, sizeof buf)));
        if (err)
            err->field = f->key;
        return false;
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return sk_fail(err, SK_EINVAL, "%s",
                           _("A record this one refers to does not exist (any more)."));
        if (fi >= 0) {
            sk_fail(err, SK_EINVAL, _("The value of “%s” is not allowed."),
                    forms_field_label(&kind->fields[fi]));
            if (err)
                err->field = kind->fields[fi].key;
            return false;
        }
        return sk_fail(err, SK_EINVAL, _("The record breaks a rule of the database: %s"), msg);
    }
    return storage_fail_db(db, rc, err);
}

static bool
fail_missing(struct sk_error *err)
{
    return sk_fail(err, SK_ENOTFOUND, "%s",
                   _("This record no longer exists; someone may have deleted it."));
}

static bool
fail_conflict(int64_t version, struct sk_error *err)
{
    return sk_fail(err, SK_ECONFLICT,
                   _("This record was changed by someone else (version %lld); reload it to see "
                     "their changes."),
                   (long long)version);
}

/* ------------------------------------------------------------ audit JSON */

static void
json_string(struct sk_buf *b, const char *s)
{
    sk_buf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* the run of characters that need no escape, in one append */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            sk_buf_add(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            sk_buf_add(b, esc, 2);
        } else if (*p == '\n') {
            sk_buf_adds(b, "\\n");
        } else if (*p < 0x20) {
            sk_buf_addf(b, "\\u%04x", *p);
        } else {
            sk_buf_add(b, (const char *)p, 1);
        }
    }
    sk_buf_add(b, "\"", 1);
}

/* The set fields of rec as a compact JSON object of CSV texts, in
 * db->text_buf (borrowed). */
static const char *
record_json(struct storage_db *db, const struct forms_record *rec)
{
    struct sk_buf *b = &db->text_buf;
    sk_buf_reset(b);
    sk_buf_add(b, "{", 1);
    bool first = true;
    for (size_t i = 0; i < rec->kind->n_fields; i++) {
        const struct forms_field *f = &rec->kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!v->is_set)
            continue;
        char buf[512];
        if (!first)
            sk_buf_add(b, ",", 1);
        first = false;
        json_string(b, f->key);
        sk_buf_add(b, ":", 1);
        json_string(b, forms_value_format(f, v, FS_CSV, buf, sizeof buf));
    }
    sk_buf_add(b, "}", 1);
    return b->s;
}

/* A deleted record's JSON also names its uid: its history can then be
 * found by the uid after the row is gone (storage_history_find_deleted). */
static const char *
deleted_json(struct storage_db *db, const struct forms_record *old, int64_t batch)
{
    struct sk_buf *b = &db->text_buf;
    record_json(db, old);
    b->len--; /* the closing brace */
    if (old->uid[0]) {
        sk_buf_adds(b, b->len > 1 ? "," : "");
        json_string(b, "uid");
        sk_buf_add(b, ":", 1);
        json_string(b, old->uid);
    }
    if (batch) /* the import that created it: "created by the import of …" */
        sk_buf_addf(b, "%s\"import_batch\":\"%lld\"", b->len > 1 ? "," : "", (long long)batch);
    sk_buf_add(b, "}", 1);
    return b->s;
}

/* The import batch that created record id (0 = none), read before it goes. */
static bool
batch_of_record(struct storage_db *db, const struct forms_kind *kind, int64_t id, int64_t *batch,
                struct sk_error *err)
{
    *batch = 0;
    char *sql = sk_xasprintf("SELECT import_batch FROM \"%s\" WHERE id = ?1", kind->table);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    free(sql);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *batch = sqlite3_column_int64(st, 0);
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

/* -------------------------------------------------------------- references */

/* Resolves FT_REF values given by name only (i == 0, s set). */
static bool
resolve_refs(struct storage_db *db, int64_t school_id, struct forms_record *rec,
             struct sk_error *err)
{
    for (size_t i = 0; i < rec->kind->n_fields; i++) {
        const struct forms_field *f = &rec->kind->fields[i];
        struct forms_value *v = &rec->values[i];
        if (f->type != FT_REF || !v->is_set || v->i != 0)
            continue;
        if (!v->s || !*v->s) {
            forms_value_clear(v);
            continue;
        }
        int64_t id = 0;
        char suggest[256];
        if (!storage_ref_resolve(db, f->ref_kind, school_id, v->s, &id, suggest, sizeof suggest,
                                 err)) {
            if (err)
                err->field = f->key;
            return false;
        }
        if (id == 0) {
            const struct forms_kind *target = forms_kind_by_key(f->ref_kind);
            const char *what = target ? forms_kind_label(target) : f->ref_kind;
            if (*suggest)
                sk_fail(err, SK_EINVAL, _("%s: nothing named “%s”; did you mean: %s?"), what,
                        SK_QUOTE(v->s), SK_QUOTE(suggest));
            else
                sk_fail(err, SK_EINVAL, _("%s: nothing named “%s”."), what, SK_QUOTE(v->s));
            if (err)
                err->field = f->key;
            return false;
        }
        v->i = id;
    }
    return true;
}

/* The name field of a reference target, or -1 with err set. */
static int
name_field_of(const struct forms_kind *target, const char *ref_kind, struct sk_error *err)
{
    int fi = target && target->name_field ? forms_field_index(target, target->name_field) : -1;
    if (fi < 0)
        sk_fail(err, SK_EINVAL, _("Unknown record kind “%s”."), ref_kind ? ref_kind : "?");
    return fi;
}

bool
storage_ref_resolve(struct storage_db *db, const char *ref_kind, int64_t school_id,
                    const char *name, int64_t *id, char *suggest, size_t suggest_cap,
                    struct sk_error *err)
{
    enum storage_ref_how how;
    return storage_ref_lookup(db, ref_kind, school_id, name, id, &how, NULL, 0, suggest,
                              suggest_cap, err);
}

bool
storage_ref_lookup(struct storage_db *db, const char *ref_kind, int64_t school_id, const char *name,
                   int64_t *id, enum storage_ref_how *how, char *stored, size_t stored_cap,
                   char *suggest, size_t suggest_cap, struct sk_error *err)
{
    *id = 0;
    *how = SR_NONE;
    if (stored && stored_cap > 0)
        stored[0] = '\0';
    if (suggest && suggest_cap > 0)
        suggest[0] = '\0';
    const struct forms_kind *target = ref_kind ? forms_kind_by_key(ref_kind) : NULL;
    int fi = name_field_of(target, ref_kind, err);
    if (fi < 0)
        return false;
    sqlite3_stmt *st = storage_kind_stmt(db, target, KP_BY_NAME, 0, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    if (*id) {
        *how = SR_EXACT;
        return true;
    }

    /* Not spelled exactly: accept a case/diacritic-insensitive match if
     * there is only one ("ilze berzina" with both "Ilze Bērziņa" and
     * "Ilze Bērzina" stored is an error naming both), else collect the
     * three closest names. */
    st = storage_kind_stmt(db, target, KP_NAMES, (unsigned)fi, err);
    if (!st)
        return false;
    char needle[256], folded[256];
    forms_fold(name, needle, sizeof needle);
    size_t needle_len = strlen(needle);
    struct {
        size_t score;
        char name[128];
    } best[3];
    size_t n_best = 0;
    struct sk_buf matches = {0}; /* the folded matches, quoted, for the error */
    size_t n_matches = 0;
    sqlite3_bind_int64(st, 1, school_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cand = (const char *)sqlite3_column_text(st, 1);
        if (!cand)
            continue;
        forms_fold(cand, folded, sizeof folded);
        if (strcmp(folded, needle) == 0) {
            if (n_matches++ == 0) {
                *id = sqlite3_column_int64(st, 0);
                if (stored && stored_cap > 0)
                    snprintf(stored, stored_cap, "%s", cand);
            } else {
                sk_buf_adds(&matches, ", ");
            }
            sk_buf_addf(&matches, "“%s”", cand);
            continue;
        }
        if (!suggest || suggest_cap == 0)
            continue; /* no suggestions wanted: spare the distances */
        size_t score = forms_edit_distance(needle, folded);
        if (needle_len > 0 && strncmp(folded, needle, needle_len) == 0)
            score = score < 1 ? score : 1; /* a prefix is as good as one typo */
        size_t at = n_best;
        while (at > 0 && best[at - 1].score > score)
            at--;
        if (at >= 3)
            continue;
        size_t last = n_best < 3 ? n_best : 2;
        for (size_t j = last; j > at; j--)
            best[j] = best[j - 1];
        best[at].score = score;
        snprintf(best[at].name, sizeof best[at].name, "%s", cand);
        if (n_best < 3)
            n_best++;
    }
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sk_buf_free(&matches);
        *id = 0;
        return storage_fail_db(db, rc, err);
    }
    if (n_matches > 1) {
        *id = 0;
        if (stored && stored_cap > 0)
            stored[0] = '\0';
        sk_fail(
            err, SK_EINVAL,
            _("%s: “%s” could be any of %s (they differ only in capitals, diacritics or spaces); "
              "write the name exactly as it is stored."),
            forms_kind_label(target), name, matches.s);
        sk_buf_free(&matches);
        return false;
    }
    sk_buf_free(&matches);
    if (*id)
        *how = SR_FOLDED;
    if (*id == 0 && suggest && suggest_cap > 0) {
        size_t used = 0;
        for (size_t j = 0; j < n_best && used < suggest_cap; j++) {
            int w =
                snprintf(suggest + used, suggest_cap - used, "%s%s", j ? ", " : "", best[j].name);
            if (w < 0)
                break;
            used += (size_t)w;
        }
    }
    return true;
}

/* Whether every space-separated word of the folded needle occurs in the
 * folded name, in any order ("zvirbule rit" finds "rita zvirbule"). */
static bool
all_words_in(const char *folded, const char *needle)
{
    char word[256];
    for (const char *p = needle; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (n >= sizeof word)
            n = sizeof word - 1;
        memcpy(word, p, n);
        word[n] = '\0';
        if (!strstr(folded, word))
            return false;
        p += strcspn(p, " ");
    }
    return true;
}

bool
storage_complete(struct storage_db *db, const char *ref_kind, const struct forms_kind *kind,
                 const char *key, int64_t school_id, const char *prefix, size_t max, char ***out,
                 size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (ref_kind) {
        const struct forms_kind *target = forms_kind_by_key(ref_kind);
        int fi = name_field_of(target, ref_kind, err);
        if (fi < 0 || !storage_check_read(db, target, err))
            return false;
        st = storage_kind_stmt(db, target, KP_NAMES, (unsigned)fi, err);
    } else {
        int fi = kind && key ? forms_field_index(kind, key) : -1;
        if (fi < 0)
            return sk_fail(err, SK_EINVAL, _("Unknown field “%s”."), key ? key : "?");
        if (!storage_check_read(db, kind, err))
            return false;
        st = storage_kind_stmt(db, kind, KP_DISTINCT, (unsigned)fi, err);
    }
    if (!st)
        return false;
    if (max == 0)
        return true;
    char needle[256], folded[512];
    forms_fold(prefix ? prefix : "", needle, sizeof needle);
    size_t needle_len = strlen(needle);
    /* Names starting with the prefix first, then those containing it. */
    char **starts = sk_xcalloc(max, sizeof *starts);
    char **contains = sk_xcalloc(max, sizeof *contains);
    size_t n_starts = 0, n_contains = 0;
    int rc;
    sqlite3_bind_int64(st, 1, school_id);
    while (n_starts < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 1);
        if (!s)
            continue;
        forms_fold(s, folded, sizeof folded);
        const char *hit = needle_len ? strstr(folded, needle) : folded;
        if (!hit && strchr(needle, ' ') && all_words_in(folded, needle))
            hit = folded + 1; /* every word somewhere: with those containing it */
        if (!hit)
            continue;
        char **list = hit == folded ? starts : contains;
        size_t *count = hit == folded ? &n_starts : &n_contains;
        if (*count >= max || (*count > 0 && strcmp(list[*count - 1], s) == 0))
            continue;
        list[(*count)++] = sk_xstrdup(s);
    }
    if (n_starts >= max)
        rc = SQLITE_DONE;
    storage_stmt_release(st);
    for (size_t i = 0; i < n_contains; i++) {
        if (n_starts < max)
            starts[n_starts++] = contains[i];
        else
            free(contains[i]);
    }
    free(contains);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < n_starts; i++)
            free(starts[i]);
        free(starts);
        return storage_fail_db(db, rc, err);
    }
    *out = starts;
    *n = n_starts;
    return true;
}

/* ------------------------------------------------------------------- CRUD */

/* Reads the stored row (id, school_id) into rec; *found says whether it exists. */
static bool
get_into(struct storage_db *db, int64_t school_id, int64_t id, struct forms_record *rec,
         bool *found, struct sk_error *err)
{
    sqlite3_stmt *st = storage_kind_stmt(db, rec->kind, KP_GET, 0, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, school_id);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        storage_read_record(st, rec);
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

int
storage_bind_row(struct storage_db *db, sqlite3_stmt *st, int64_t school_id,
                 const struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    const size_t n = kind->n_fields, n_col = storage_n_columns(kind);
    sqlite3_bind_int64(st, 1, school_id);
    for (size_t i = 0, c = 0; i < n; i++)
        if (!(kind->fields[i].flags & FF_ROWS))
            storage_bind_value(st, (int)c++ + 2, &kind->fields[i], &rec->values[i]);
    sqlite3_bind_text(st, (int)n_col + 2, storage_search_text(db, rec), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, (int)n_col + 3, db->now, -1, SQLITE_STATIC);
    int last = (int)n_col + 3;
    for (size_t i = 0; i < n; i++) {
        const struct forms_value *v = &rec->values[i];
        if (storage_field_has_sort_key(&kind->fields[i]))
            storage_bind_text_sort_key(st, ++last, v->is_set ? v->s : NULL);
    }
    return last;
}

static bool
insert_one(struct storage_db *db, int64_t school_id, struct forms_record *rec, const char *uid,
           int64_t *id, struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    if (!resolve_refs(db, school_id, rec, err))
        return false;
    /* a record read from elsewhere (import, merge) keeps its uid */
    if (uid && uid[0])
        snprintf(rec->uid, sizeof rec->uid, "%s", uid);
    else if (!storage_uid_new(rec->uid, err))
        return false;
    struct storage_rows_pre pre;
    if (!storage_rows_plan(db, school_id, rec, &pre, err))
        return false;
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_INSERT, 0, err);
    if (!st)
        return false;
    int last = storage_bind_row(db, st, school_id, rec);
    /* in an import batch the batch is the audit entry (storage/batch.c) */
    bool in_batch = storage_batch_is_for(db, kind);
    if (in_batch)
        sqlite3_bind_int64(st, last + 1, db->batch_id);
    else
        sqlite3_bind_null(st, last + 1);
    sqlite3_bind_text(st, last + 2, rec->uid, -1, SQLITE_STATIC);
    if (pre.has_rows) {
        if (pre.template_field >= 0 && pre.template_code[0]) {
            int p = 2; /* the template column's parameter: columns before it, plus 2 */
            for (int i = 0; i < pre.template_field; i++)
                p += !(kind->fields[i].flags & FF_ROWS);
            sqlite3_bind_text(st, p, pre.template_code, -1, SQLITE_TRANSIENT);
        }
        sqlite3_bind_int64(st, last + 3, (int64_t)pre.assessed);
        sqlite3_bind_int64(st, last + 4, (int64_t)pre.on);
    }
    int rc = sqlite3_step(st);
    /* every parameter is bound again on each use: no need to clear them */
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail_write(db, sqlite3_extended_errcode(db->sql), rec, err);
    *id = sqlite3_last_insert_rowid(db->sql);
    if (!storage_rows_insert(db, *id, rec, &pre, err))
        return false;
    if (in_batch) {
        storage_batch_note(db, *id);
        return true;
    }
    return storage_audit_write(db, school_id, kind->key, *id, "insert", "*", NULL,
                               record_json(db, rec), err);
}

bool
storage_record_insert(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                      struct sk_error *err)
{
    return storage_record_insert_uid(db, school_id, rec, NULL, err);
}

bool
storage_record_insert_uid(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                          const char *uid, struct sk_error *err)
{
    bool own;
    int64_t id = 0;
    if (!storage_require(db, rec->kind, SA_WRITE, err))
        return false;
    if (storage_kind_index(rec->kind, err) < 0 || !storage_op_begin(db, &own, err))
        return false;
    bool ok = insert_one(db, school_id, rec, uid, &id, err);
    if (!storage_op_end(db, own, ok, err))
        return false;
    rec->id = id;
    rec->version = 1;
    return true;
}

/* A row another program inserted without a uid gets one when skola
 * updates it; a statement of its own, so that the common update does not
 * touch the uid indexes. */
static bool
give_missing_uid(struct storage_db *db, struct forms_record *rec, struct sk_error *err)
{
    char uid[FORMS_UID_LEN + 1];
    if (!storage_uid_new(uid, err))
        return false;
    struct sk_buf sql = {0};
    sk_buf_adds(&sql, "UPDATE ");
    storage_sql_add_ident(&sql, rec->kind->table);
    sk_buf_adds(&sql, " SET uid = ?1 WHERE id = ?2 AND uid = ''");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, rec->id);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return storage_fail_db(db, rc, err);
    memcpy(rec->uid, uid, sizeof uid);
    return true;
}

/* Writes rec over `old` (the stored row, same id and version) and audits
 * every changed field. */
static bool
update_one(struct storage_db *db, int64_t school_id, struct forms_record *rec,
           const struct forms_record *old, struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    if (!resolve_refs(db, school_id, rec, err))
        return false;
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_UPDATE, 0, err);
    if (!st)
        return false;
    int last = storage_bind_row(db, st, school_id, rec);
    sqlite3_bind_int64(st, last + 1, rec->id);
    sqlite3_bind_int64(st, last + 2, rec->version);
    int rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return fail_write(db, sqlite3_extended_errcode(db->sql), rec, err);
    if (sqlite3_changes(db->sql) == 0)
        return fail_conflict(old->version, err);
    if (!storage_rows_write(db, rec->id, false, rec, err))
        return false;
    if (!old->uid[0] && !give_missing_uid(db, rec, err))
        return false;
    /* a new name: the records that refer to this one find it by that name */
    int nf = kind->name_field ? forms_field_index(kind, kind->name_field) : -1;
    if (nf >= 0 && !forms_value_equal(&kind->fields[nf], &old->values[nf], &rec->values[nf]) &&
        !storage_search_refresh_refs(db, kind, rec->id, err))
        return false;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *a = &old->values[i], *b = &rec->values[i];
        if (forms_value_equal(f, a, b))
            continue;
        char buf_a[512], buf_b[512];
        const char *ta = a->is_set ? forms_value_format(f, a, FS_CSV, buf_a, sizeof buf_a) : NULL;
        const char *tb = b->is_set ? forms_value_format(f, b, FS_CSV, buf_b, sizeof buf_b) : NULL;
        if (!storage_audit_write(db, school_id, kind->key, rec->id, "update", f->key, ta, tb, err))
            return false;
    }
    return true;
}

bool
storage_record_update(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                      struct sk_error *err)
{
    bool own, found = false;
    if (storage_kind_index(rec->kind, err) < 0 || !storage_require(db, rec->kind, SA_WRITE, err))
        return false;
    struct forms_record old;
    forms_record_init(&old, rec->kind);
    bool ok = storage_op_begin(db, &own, err);
    if (!ok) {
        forms_record_fini(&old);
        return false;
    }
    ok = get_into(db, school_id, rec->id, &old, &found, err);
    if (ok && !found)
        ok = fail_missing(err);
    if (ok && old.version != rec->version)
        ok = fail_conflict(old.version, err);
    ok = ok && update_one(db, school_id, rec, &old, err);
    forms_record_fini(&old);
    if (!storage_op_end(db, own, ok, err))
        return false;
    rec->version++;
    return true;
}

/* Refuses to delete rec while records of any kind refer to it. */
static bool
check_unreferenced(struct storage_db *db, const struct forms_kind *kind, int64_t id,
                   struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *other = forms_kinds[k];
        for (size_t i = 0; i < other->n_fields; i++) {
            const struct forms_field *f = &other->fields[i];
            if (f->type != FT_REF || !f->ref_kind || strcmp(f->ref_kind, kind->key) != 0)
                continue;
            sqlite3_stmt *st = storage_kind_stmt(db, other, KP_REFCOUNT, (unsigned)i, err);
            if (!st)
                return false;
            sqlite3_bind_int64(st, 1, id);
            int rc = sqlite3_step(st);
            int64_t count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
            storage_stmt_release(st);
            if (rc != SQLITE_ROW)
                return storage_fail_db(db, rc, err);
            if (count > 0)
                return sk_fail(err, SK_EINVAL,
                               dngettext(SK_DOMAIN,
                                         "This record cannot be deleted: %lld record in “%s” "
                                         "refers to it.",
                                         "This record cannot be deleted: %lld records in “%s” "
                                         "refer to it.",
                                         (unsigned long)count),
                               (long long)count, forms_kind_label(other));
        }
    }
    return true;
}

static bool
delete_one(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int64_t id,
           int64_t version, struct forms_record *old, struct sk_error *err)
{
    bool found = false;
    if (!get_into(db, school_id, id, old, &found, err))
        return false;
    if (!found)
        return fail_missing(err);
    if (version != 0 && old->version != version)
        return fail_conflict(old->version, err);
    if (!check_unreferenced(db, kind, id, err))
        return false;
    int64_t batch = 0;
    if (!batch_of_record(db, kind, id, &batch, err))
        return false;
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_DELETE, 0, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, school_id);
    int rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY || (rc & 0xff) == SQLITE_CONSTRAINT)
        return sk_fail(err, SK_EINVAL, "%s",
                       _("This record cannot be deleted: other records refer to it."));
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return storage_audit_write(db, school_id, kind->key, id, "delete", "*",
                               deleted_json(db, old, batch), NULL, err);
}

bool
storage_record_delete(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                      int64_t id, int64_t version, struct sk_error *err)
{
    bool own;
    if (!storage_require(db, kind, SA_WRITE, err))
        return false;
    if (storage_kind_index(kind, err) < 0 || !storage_op_begin(db, &own, err))
        return false;
    struct forms_record old;
    forms_record_init(&old, kind);
    bool ok = delete_one(db, kind, school_id, id, version, &old, err);
    forms_record_fini(&old);
    return storage_op_end(db, own, ok, err);
}

bool
storage_record_get(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                   int64_t id, struct forms_record *rec, struct sk_error *err)
{
    bool found = false;
    if (storage_kind_index(kind, err) < 0 || !storage_check_read(db, kind, err))
        return false;
    if (rec->kind != kind)
        return sk_fail(err, SK_EINVAL, "%s", _("The record is of another kind."));
    if (!get_into(db, school_id, id, rec, &found, err))
        return false;
    if (!found)
        return sk_fail(err, SK_ENOTFOUND, "%s",
                       _("The record does not exist (it may have been deleted)."));
    return true;
}

bool
storage_record_find_natkey(struct storage_db *db, int64_t school_id, const struct forms_record *rec,
                           int64_t *id, struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    *id = 0;
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_NATKEY, 0, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    int p = 2;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!(f->flags & FF_NATKEY))
            continue;
        /* a reference given by name (a training's staff member from CSV) */
        struct forms_value ref = {0};
        if (f->type == FT_REF && v->is_set && v->i == 0 && v->s) {
            ref.is_set = true;
            if (!storage_ref_resolve(db, f->ref_kind, school_id, v->s, &ref.i, NULL, 0, err)) {
                storage_stmt_release(st);
                return false;
            }
            if (ref.i == 0) { /* nobody of that name: no such record either */
                storage_stmt_release(st);
                return true;
            }
            v = &ref;
        }
        storage_bind_value(st, p++, f, v);
    }
    if (p == 2) {
        storage_stmt_release(st);
        return sk_fail(err, SK_EINVAL, _("Records of “%s” have no natural key."),
                       forms_kind_label(kind));
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Prefixes err->msg with the record's name ("INV-7: ..."), for bulk changes. */
static void
name_the_record(const struct forms_record *rec, struct sk_error *err)
{
    int fi = rec->kind->name_field ? forms_field_index(rec->kind, rec->kind->name_field) : -1;
    if (!err || fi < 0)
        return;
    char buf[512];
    const char *name =
        forms_value_format(&rec->kind->fields[fi], &rec->values[fi], FS_DISPLAY, buf, sizeof buf);
    struct sk_buf msg = {0};
    sk_buf_addf(&msg, "%s: %s", SK_QUOTE(name), err->msg);
    size_t n = msg.len < sizeof err->msg - 1 ? msg.len : sizeof err->msg - 1;
    memcpy(err->msg, msg.s, n);
    err->msg[n] = '\0';
    sk_buf_free(&msg);
}

static bool
bulk_set_all(struct storage_db *db, int64_t school_id, const int64_t *ids, size_t n_ids, int field,
             const struct forms_value *v, struct forms_record *rec, struct forms_record *old,
             struct sk_error *err)
{
    for (size_t k = 0; k < n_ids; k++) {
        bool found = false;
        if (!get_into(db, school_id, ids[k], old, &found, err))
            return false;
        if (!found)
            return fail_missing(err);
        forms_record_copy(rec, old);
        forms_value_copy(&rec->values[field], v);
        forms_record_complete(rec);
        if (!forms_record_validate(rec, err) || !update_one(db, school_id, rec, old, err)) {
            name_the_record(old, err);
            return false;
        }
    }
    return true;
}

bool
storage_record_bulk_set(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                        const int64_t *ids, size_t n_ids, int field, const struct forms_value *v,
                        struct sk_error *err)
{
    bool own;
    if (storage_kind_index(kind, err) < 0 || !storage_require(db, kind, SA_WRITE, err))
        return false;
    if (field < 0 || (size_t)field >= kind->n_fields)
        return sk_fail(err, SK_EINVAL, "%s", _("Unknown field."));
    if (!storage_op_begin(db, &own, err))
        return false;
    struct forms_record rec, old;
    forms_record_init(&rec, kind);
    forms_record_init(&old, kind);
    bool ok = bulk_set_all(db, school_id, ids, n_ids, field, v, &rec, &old, err);
    forms_record_fini(&rec);
    forms_record_fini(&old);
    return storage_op_end(db, own, ok, err);
}

/* ------------------------------------------------- for storage/forget.c */

const char *
storage_record_json(struct storage_db *db, const struct forms_record *rec)
{
    return record_json(db, rec);
}

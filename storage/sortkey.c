/* Stored sort keys. Text list columns are ordered by a BLOB column beside
 * them (field key + STORAGE_SORT_KEY_SUFFIX) holding forms_lv_sort_key() of
 * the text, indexed with SQLite's built-in BINARY collation: the schema
 * names no custom collation or function, so the sqlite3 CLI, Python or DB
 * Browser can check and write the file. skola writes the key with every
 * save; a row written by another program keeps an old key or none (NULL
 * sorts as the empty key, first), and `skola check` finds such rows and
 * `skola check --repair` (storage_sortkeys_repair) recomputes them. */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>

bool
storage_field_has_sort_key(const struct forms_field *f)
{
    return (f->type == FT_TEXT || f->type == FT_MEMO) && (f->flags & FF_LIST);
}

size_t
storage_n_sort_keys(const struct forms_kind *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        n += storage_field_has_sort_key(&kind->fields[i]);
    return n;
}

/* Computes the key of text[0..n) into an owned buffer; *len its length. */
static unsigned char *
make_key(const char *text, size_t n, size_t *len)
{
    unsigned char *k = sk_xmalloc(forms_lv_sort_key_max(n) + 1);
    *len = forms_lv_sort_key(text ? text : "", text ? n : 0, k);
    return k;
}

int
storage_bind_text_sort_key(sqlite3_stmt *st, int i, const char *text)
{
    size_t len;
    unsigned char *k = make_key(text, text ? strlen(text) : 0, &len);
    /* SQLite frees the key after the step (or when the binding changes). */
    return sqlite3_bind_blob64(st, i, k, len, free);
}

/* Whether kind's table has the key column of field `key` yet: during the
 * migrations a later step may add one (and fill it after its own step). */
static bool
has_key_column(struct storage_db *db, const struct forms_kind *kind, const char *key)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2 || ?3", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, STORAGE_SORT_KEY_SUFFIX, -1, SQLITE_STATIC);
        has = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return has;
}

/* Reads every row of kind's table, compares each stored key with the key of
 * the text and, when `repair`, writes the right key; *n_rows counts the
 * rows with at least one wrong key. */
static bool
scan_kind(struct storage_db *db, const struct forms_kind *kind, bool repair, int64_t *n_rows,
          struct sk_error *err)
{
    *n_rows = 0;
    struct sk_buf get = {0}, put = {0};
    sk_buf_adds(&get, "SELECT id");
    sk_buf_addf(&put, "UPDATE \"%s\" SET ", kind->table);
    size_t p = 1;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *key = kind->fields[i].key;
        if (!storage_field_has_sort_key(&kind->fields[i]) || !has_key_column(db, kind, key))
            continue;
        sk_buf_addf(&get, ", \"%s\", \"%s" STORAGE_SORT_KEY_SUFFIX "\"", key, key);
        sk_buf_addf(&put, "%s\"%s" STORAGE_SORT_KEY_SUFFIX "\" = ?%zu", p > 1 ? ", " : "", key, p);
        p++;
    }
    size_t n_sk = p - 1;
    if (n_sk == 0) {
        sk_buf_free(&get);
        sk_buf_free(&put);
        return true;
    }
    sk_buf_addf(&get, " FROM \"%s\" ORDER BY id", kind->table);
    sk_buf_addf(&put, " WHERE id = ?%zu", p);
    sqlite3_stmt *gs = NULL, *ps = NULL;
    int rc = sqlite3_prepare_v2(db->sql, get.s, -1, &gs, NULL);
    if (rc == SQLITE_OK && repair)
        rc = sqlite3_prepare_v2(db->sql, put.s, -1, &ps, NULL);
    sk_buf_free(&get);
    sk_buf_free(&put);
    /* Updating a row the SELECT has passed is safe in SQLite: the cursor
     * keeps its place by rowid, and the key column is in no WHERE here. */
    while (rc == SQLITE_OK) {
        rc = sqlite3_step(gs);
        if (rc != SQLITE_ROW)
            break;
        rc = SQLITE_OK;
        bool is_stale = false;
        for (size_t j = 0; j < n_sk; j++) {
            int col = 1 + 2 * (int)j;
            const char *text = (const char *)sqlite3_column_text(gs, col);
            size_t n = (size_t)sqlite3_column_bytes(gs, col);
            size_t len;
            unsigned char *k = make_key(text, n, &len);
            const void *stored = sqlite3_column_blob(gs, col + 1);
            size_t n_stored = (size_t)sqlite3_column_bytes(gs, col + 1);
            if (sqlite3_column_type(gs, col + 1) != SQLITE_BLOB || n_stored != len ||
                (len && memcmp(stored, k, len) != 0))
                is_stale = true;
            if (ps)
                sqlite3_bind_blob64(ps, (int)j + 1, k, len, free);
            else
                free(k);
        }
        if (!is_stale)
            continue;
        (*n_rows)++;
        if (!ps)
            continue;
        sqlite3_bind_int64(ps, (int)n_sk + 1, sqlite3_column_int64(gs, 0));
        rc = sqlite3_step(ps);
        sqlite3_reset(ps);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    bool ok = rc == SQLITE_OK || storage_fail_db(db, rc, err);
    sqlite3_finalize(gs);
    sqlite3_finalize(ps);
    return ok;
}

bool
storage_sortkeys_fill(struct storage_db *db, struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++) {
        int64_t n;
        if (!scan_kind(db, forms_kinds[k], true, &n, err))
            return false;
    }
    return true;
}

bool
storage_repair_kinds(struct storage_db *db, storage_scan_fn scan, int64_t *n_fixed,
                     struct sk_error *err)
{
    *n_fixed = 0;
    if (!storage_begin(db, err))
        return false;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        int64_t n;
        /* rewriting a kind's rows is writing it: a read-only role of a
         * shared file may only count them (README "Working together") */
        if (!scan(db, forms_kinds[k], false, &n, err) ||
            (n > 0 && !storage_require(db, forms_kinds[k], SA_WRITE, err)) ||
            (n > 0 && !scan(db, forms_kinds[k], true, &n, err))) {
            storage_rollback(db);
            *n_fixed = 0;
            return false;
        }
        *n_fixed += n;
    }
    return storage_commit(db, err);
}

bool
storage_sortkeys_check(struct storage_db *db, int64_t *stale, struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++)
        if (!scan_kind(db, forms_kinds[k], false, &stale[k], err))
            return false;
    return true;
}

bool
storage_sortkeys_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err)
{
    return storage_repair_kinds(db, scan_kind, n_fixed, err);
}

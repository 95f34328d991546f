/* The folded `search` column the list filter reads (instr(search, ?)): its
 * text comes from the descriptor (forms_search_text). A file written by an
 * older skola, which searched only the list columns, or rows written by
 * another program keep an outdated text; the upgrade step and
 * `skola check --repair` recompute it here. */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>

/* Reads every row of kind (ref_field >= 0: only those whose reference
 * ref_field is ref_id), compares its stored search text with the one its
 * values give and, when `repair`, writes it; *n counts the outdated rows. */
static bool
scan_rows(struct storage_db *db, const struct forms_kind *kind, int ref_field, int64_t ref_id,
          bool repair, int64_t *n, struct sk_error *err)
{
    *n = 0;
    struct sk_buf get = {0};
    sk_buf_adds(&get, "SELECT ");
    storage_sql_columns(&get, kind);
    sk_buf_addf(&get, ", search FROM \"%s\"", kind->table);
    if (ref_field >= 0)
        sk_buf_addf(&get, " WHERE \"%s\" = ?1", kind->fields[ref_field].key);
    sk_buf_adds(&get, " ORDER BY id");
    char *put = sk_xasprintf("UPDATE \"%s\" SET search = ?1 WHERE id = ?2", kind->table);
    sqlite3_stmt *gs = NULL, *ps = NULL;
    int rc = sqlite3_prepare_v2(db->sql, get.s, -1, &gs, NULL);
    if (rc == SQLITE_OK && repair)
        rc = sqlite3_prepare_v2(db->sql, put, -1, &ps, NULL);
    sk_buf_free(&get);
    free(put);
    if (rc == SQLITE_OK && ref_field >= 0)
        sqlite3_bind_int64(gs, 1, ref_id);
    int search_col = gs ? sqlite3_column_count(gs) - 1 : 0;
    struct forms_record rec;
    forms_record_init(&rec, kind);
    /* As in storage_sortkeys_repair: the cursor keeps its place by rowid,
     * and `search` is in no WHERE of the SELECT. */
    while (rc == SQLITE_OK) {
        rc = sqlite3_step(gs);
        if (rc != SQLITE_ROW)
            break;
        rc = SQLITE_OK;
        storage_read_record(gs, &rec);
        const char *want = storage_search_text(db, &rec);
        const char *have = (const char *)sqlite3_column_text(gs, search_col);
        if (have && strcmp(have, want) == 0)
            continue;
        (*n)++;
        if (!ps)
            continue;
        sqlite3_bind_text(ps, 1, want, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ps, 2, rec.id);
        rc = sqlite3_step(ps);
        sqlite3_reset(ps);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    forms_record_fini(&rec);
    bool ok = rc == SQLITE_OK || storage_fail_db(db, rc, err);
    sqlite3_finalize(gs);
    sqlite3_finalize(ps);
    return ok;
}

static bool
scan_kind(struct storage_db *db, const struct forms_kind *kind, bool repair, int64_t *n,
          struct sk_error *err)
{
    return scan_rows(db, kind, -1, 0, repair, n, err);
}

bool
storage_search_refresh_refs(struct storage_db *db, const struct forms_kind *kind, int64_t id,
                            struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *other = forms_kinds[k];
        for (size_t i = 0; i < other->n_fields; i++) {
            const struct forms_field *f = &other->fields[i];
            int64_t n;
            if (f->type == FT_REF && f->ref_kind && strcmp(f->ref_kind, kind->key) == 0 &&
                !scan_rows(db, other, (int)i, id, true, &n, err))
                return false;
        }
    }
    return true;
}

bool
storage_search_fill(struct storage_db *db, int64_t *n_fixed, struct sk_error *err)
{
    *n_fixed = 0;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        int64_t n;
        if (!scan_kind(db, forms_kinds[k], true, &n, err))
            return false;
        *n_fixed += n;
    }
    return true;
}

bool
storage_search_check(struct storage_db *db, int64_t *stale, struct sk_error *err)
{
    *stale = 0;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        int64_t n;
        if (!scan_kind(db, forms_kinds[k], false, &n, err))
            return false;
        *stale += n;
    }
    return true;
}

bool
storage_search_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err)
{
    return storage_repair_kinds(db, scan_kind, n_fixed, err);
}

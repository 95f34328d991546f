/* Keyset paging, counting and streaming over one kind in one school.
 * Rows are ordered by (sort key, id) where the sort key is the expression of
 * storage_sql_sort_key(): NULL sorts as the lowest value ('' for text,
 * dates and enums, INT64_MIN for numbers), so NULLs come first ascending
 * and last descending, and the keyset comparison never meets a NULL. The
 * redundant "key >= ?2" lets SQLite seek in the list index; it is never
 * OFFSET. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The anchor's sort key: ?2, computed from the anchor's values; for a stored
 * key, the anchor row's own key while the row exists, so that a row whose
 * key another program left outdated does not make the next page skip or
 * repeat rows. */
static void
add_anchor_key(struct sk_buf *b, const struct forms_kind *kind, int sort)
{
    if (!storage_field_has_sort_key(&kind->fields[sort])) {
        sk_buf_adds(b, "?2");
        return;
    }
    sk_buf_adds(b, "coalesce((SELECT ");
    storage_sql_sort_key(b, kind, sort);
    sk_buf_addf(b, " FROM \"%s\" WHERE id = ?3), ?2)", kind->table);
}

static void sql_page(struct sk_buf *b, const struct forms_kind *kind, bool is_count,
                     unsigned variant, const struct storage_query *q);

/* The field filters' conditions, parameters ?10 on (?8 is the scope's, ?9
 * the reference's of "my sheets"; bind_conds binds them in the same order). */
static void
add_conds(struct sk_buf *b, const struct forms_kind *kind, const struct storage_query *q)
{
    int p = 10;
    if (q && q->ref_id != 0)
        sk_buf_addf(b, " AND \"%s\" = ?9", kind->fields[q->ref_field].key);
    for (size_t i = 0; q && i < q->n_conds; i++) {
        const struct storage_cond *c = &q->conds[i];
        const struct forms_field *f = &kind->fields[c->field];
        bool is_text = f->type == FT_TEXT || f->type == FT_MEMO || f->type == FT_FLAGS ||
                       f->type == FT_ENUM || f->type == FT_DATE;
        sk_buf_adds(b, " AND ");
        switch (c->op) {
        case SC_EMPTY:
            sk_buf_addf(b, is_text ? "ifnull(\"%s\",'') = ''" : "\"%s\" IS NULL", f->key);
            break;
        case SC_EQ:
            if (f->type == FT_FLAGS) {
                sk_buf_addf(b, "instr('|' || ifnull(\"%s\",'') || '|', '|' || ?%d || '|') > 0",
                            f->key, p++);
            } else if (f->type == FT_REF) {
                const struct forms_kind *t = f->ref_kind ? forms_kind_by_key(f->ref_kind) : NULL;
                if (t && t->name_field)
                    sk_buf_addf(b, "\"%s\" IN (SELECT id FROM \"%s\" WHERE \"%s\" = ?%d)", f->key,
                                t->table, t->name_field, p++);
                else
                    sk_buf_addf(b, "\"%s\" = ?%d", f->key, p++);
            } else if (f->type == FT_TEXT || f->type == FT_MEMO) {
                sk_buf_addf(b, "\"%s\" = ?%d COLLATE NOCASE", f->key, p++);
            } else {
                sk_buf_addf(b, "\"%s\" = ?%d", f->key, p++);
            }
            break;
        case SC_RANGE:
            if (c->lo.is_set)
                sk_buf_addf(b, "\"%s\" >= ?%d", f->key, p++);
            if (c->lo.is_set && c->hi.is_set)
                sk_buf_adds(b, " AND ");
            if (c->hi.is_set)
                sk_buf_addf(b, "\"%s\" <= ?%d", f->key, p++);
            if (!c->lo.is_set && !c->hi.is_set)
                sk_buf_adds(b, "1");
            break;
        }
    }
}

static void
bind_conds(sqlite3_stmt *st, const struct storage_query *q)
{
    int p = 10;
    if (q->ref_id != 0)
        sqlite3_bind_int64(st, 9, q->ref_id);
    for (size_t i = 0; i < q->n_conds; i++) {
        const struct storage_cond *c = &q->conds[i];
        const struct forms_field *f = &q->kind->fields[c->field];
        switch (c->op) {
        case SC_EMPTY:
            break;
        case SC_EQ:
            if (f->type == FT_FLAGS) {
                const char *key = "";
                for (size_t k = 0; k < f->n_choices && k < 63; k++)
                    if (c->lo.i & (INT64_C(1) << k)) {
                        key = f->choices[k].key;
                        break;
                    }
                sqlite3_bind_text(st, p++, key, -1, SQLITE_STATIC);
            } else if (f->type == FT_REF) {
                sqlite3_bind_text(st, p++, c->lo.s ? c->lo.s : "", -1, SQLITE_STATIC);
            } else {
                storage_bind_value(st, p++, f, &c->lo);
            }
            break;
        case SC_RANGE:
            if (c->lo.is_set)
                storage_bind_value(st, p++, f, &c->lo);
            if (c->hi.is_set)
                storage_bind_value(st, p++, f, &c->hi);
            break;
        }
    }
}

/* The scope's condition (the choice key bound to ?8); `out`: the rows it
 * leaves out instead, in the form of the field's list index. */
static void
add_scope(struct sk_buf *b, const struct forms_kind *kind, const struct forms_scope *scope,
          bool out)
{
    if (out) {
        sk_buf_adds(b, " AND ");
        storage_sql_sort_key(b, kind, forms_field_index(kind, scope->field));
        sk_buf_adds(b, " = ?8");
    } else if (scope->not_choice)
        sk_buf_addf(b, " AND ifnull(\"%s\", '') <> ?8", scope->field);
    else
        sk_buf_addf(b, " AND \"%s\" IS NULL", scope->field);
}

void
storage_sql_page(struct sk_buf *b, const struct forms_kind *kind, bool is_count, unsigned variant)
{
    sql_page(b, kind, is_count, variant, NULL);
}

static void
sql_page(struct sk_buf *b, const struct forms_kind *kind, bool is_count, unsigned variant,
         const struct storage_query *q)
{
    if (is_count && variant == PV_ALL_ROWS) {
        sk_buf_addf(b, "SELECT count(*) FROM \"%s\"", kind->table);
        return;
    }
    int sort = (int)((variant & ~(unsigned)(PV_SCOPE | PV_SCOPE_OUT)) >> PV_SORT_SHIFT) - 1;
    bool is_desc = variant & PV_DESC;
    if (is_count) {
        sk_buf_adds(b, "SELECT count(*)");
    } else {
        sk_buf_adds(b, "SELECT ");
        storage_sql_columns(b, kind);
    }
    sk_buf_addf(b, " FROM \"%s\" WHERE school_id = ?1", kind->table);
    if (variant & PV_FILTER)
        sk_buf_adds(b, " AND instr(search, ?4) > 0");
    add_conds(b, kind, q);
    /* a kind without a year field ignores the year */
    if ((variant & PV_YEAR) && kind->year_field) {
        int yf = forms_field_index(kind, kind->year_field);
        if (kind->fields[yf].type == FT_DATE)
            sk_buf_addf(b, " AND \"%s\" >= ?5 AND \"%s\" < ?6", kind->year_field, kind->year_field);
        else
            sk_buf_addf(b, " AND \"%s\" = ?5", kind->year_field);
    }
    if ((variant & PV_SCOPE) && kind->scope)
        add_scope(b, kind, kind->scope, (variant & PV_SCOPE_OUT) != 0);
    const char *op = is_desc ? "<" : ">";
    if (variant & PV_ANCHOR) {
        if (sort < 0) {
            sk_buf_addf(b, " AND id %s ?3", op);
        } else {
            sk_buf_adds(b, " AND ");
            storage_sql_sort_key(b, kind, sort);
            sk_buf_addf(b, " %s= ", op);
            add_anchor_key(b, kind, sort);
            sk_buf_adds(b, " AND (");
            storage_sql_sort_key(b, kind, sort);
            sk_buf_addf(b, ", id) %s (", op);
            add_anchor_key(b, kind, sort);
            sk_buf_adds(b, ", ?3)");
        }
    }
    if (is_count)
        return;
    const char *dir = is_desc ? " DESC" : "";
    sk_buf_adds(b, " ORDER BY ");
    if (sort >= 0) {
        storage_sql_sort_key(b, kind, sort);
        sk_buf_addf(b, "%s, ", dir);
    }
    sk_buf_addf(b, "id%s LIMIT ?7", dir);
}

/* Checks q and folds its filter into needle (empty = no filter). */
static bool
check_query(const struct storage_query *q, char *needle, size_t cap, struct sk_error *err)
{
    if (storage_kind_index(q->kind, err) < 0)
        return false;
    if (q->sort_field >= (int)q->kind->n_fields || q->sort_field < -1)
        return sk_fail(err, SK_EINVAL, "%s", _("Unknown sort column."));
    if (q->year != 0 &&
        (!q->kind->year_field || forms_field_index(q->kind, q->kind->year_field) < 0))
        return sk_fail(err, SK_EINVAL, _("Records of “%s” do not belong to a school year."),
                       forms_kind_label(q->kind));
    for (size_t i = 0; i < q->n_conds; i++)
        if (q->conds[i].field < 0 || q->conds[i].field >= (int)q->kind->n_fields ||
            (q->kind->fields[q->conds[i].field].flags & FF_ROWS))
            return sk_fail(err, SK_EINVAL, "%s", _("Unknown filter field."));
    if (q->ref_id != 0 && (q->ref_field < 0 || q->ref_field >= (int)q->kind->n_fields ||
                           q->kind->fields[q->ref_field].type != FT_REF))
        return sk_fail(err, SK_EINVAL, "%s", _("Unknown reference column."));
    needle[0] = '\0';
    if (q->filter && *q->filter)
        forms_fold(q->filter, needle, cap);
    return true;
}

static unsigned
variant_of(const struct storage_query *q, bool is_desc, bool has_anchor, const char *needle)
{
    unsigned v = (unsigned)(q->sort_field + 1) << PV_SORT_SHIFT;
    if (is_desc)
        v |= PV_DESC;
    if (has_anchor)
        v |= PV_ANCHOR;
    if (*needle)
        v |= PV_FILTER;
    if (q->year != 0)
        v |= PV_YEAR;
    if (q->is_scoped && q->kind->scope)
        v |= PV_SCOPE;
    return v;
}

static void
bind_query(sqlite3_stmt *st, const struct storage_query *q, const struct forms_record *anchor,
           const char *needle)
{
    sqlite3_bind_int64(st, 1, q->school_id);
    if (anchor) {
        if (q->sort_field >= 0)
            storage_bind_sort_key(st, 2, q->kind, q->sort_field, anchor);
        sqlite3_bind_int64(st, 3, anchor->id);
    }
    if (*needle)
        sqlite3_bind_text(st, 4, needle, -1, SQLITE_TRANSIENT);
    if (q->is_scoped && q->kind->scope && q->kind->scope->not_choice)
        sqlite3_bind_text(st, 8, q->kind->scope->not_choice, -1, SQLITE_STATIC);
    if (q->year != 0) {
        int yf = forms_field_index(q->kind, q->kind->year_field);
        if (q->kind->fields[yf].type == FT_DATE) {
            char lo[32], hi[32];
            snprintf(lo, sizeof lo, "%04d-09-01", q->year);
            snprintf(hi, sizeof hi, "%04d-09-01", q->year + 1);
            sqlite3_bind_text(st, 5, lo, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 6, hi, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_int64(st, 5, q->year);
        }
    }
    bind_conds(st, q);
}

/* The paging or count statement of one shape: the cached one, or with field
 * filters or a reference ("my sheets": shapes too many to cache) one
 * prepared now, which put_stmt finalizes. */
static sqlite3_stmt *
get_stmt(struct storage_db *db, const struct storage_query *q, enum storage_purpose purpose,
         unsigned variant, struct sk_error *err)
{
    if (q->n_conds == 0 && q->ref_id == 0)
        return storage_kind_stmt(db, q->kind, purpose, variant, err);
    struct sk_buf sql = {0};
    sql_page(&sql, q->kind, purpose == KP_COUNT, variant, q);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->sql, sql.s, -1, 0, &st, NULL);
    sk_buf_free(&sql);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        return NULL;
    }
    return st;
}

static void
put_stmt(const struct storage_query *q, sqlite3_stmt *st)
{
    if (q->n_conds == 0 && q->ref_id == 0)
        storage_stmt_release(st);
    else
        sqlite3_finalize(st);
}

/* Makes rows[0..need) usable records of kind. */
static void
page_reserve(struct storage_page *page, const struct forms_kind *kind, size_t need)
{
    if (need > page->cap) {
        size_t cap = page->cap ? page->cap : 16;
        while (cap < need)
            cap *= 2;
        page->rows = sk_xrealloc(page->rows, cap * sizeof *page->rows);
        for (size_t i = page->cap; i < cap; i++)
            forms_record_init(&page->rows[i], kind);
        page->cap = cap;
    }
    for (size_t i = 0; i < need; i++) {
        if (page->rows[i].kind != kind) {
            forms_record_fini(&page->rows[i]);
            forms_record_init(&page->rows[i], kind);
        }
    }
}

void
storage_page_fini(struct storage_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->cap; i++)
        forms_record_fini(&page->rows[i]);
    free(page->rows);
    page->rows = NULL;
    page->n = page->cap = 0;
}

/* The caller's stop test, for sqlite3_progress_handler. */
struct fetch_stop {
    bool (*should_stop)(void *ctx);
    void *ctx;
};

static int
fetch_progress(void *arg)
{
    const struct fetch_stop *fs = arg;
    return fs->should_stop(fs->ctx) ? 1 : 0;
}

bool
storage_page_fetch(struct storage_db *db, const struct storage_query *q,
                   const struct forms_record *anchor, enum storage_dir dir, size_t limit,
                   struct storage_page *page, struct sk_error *err)
{
    return storage_page_fetch_cancellable(db, q, anchor, dir, limit, page, NULL, NULL, err);
}

bool
storage_page_fetch_cancellable(struct storage_db *db, const struct storage_query *q,
                               const struct forms_record *anchor, enum storage_dir dir,
                               size_t limit, struct storage_page *page,
                               bool (*should_stop)(void *ctx), void *ctx, struct sk_error *err)
{
    struct fetch_stop fs = {should_stop, ctx};
    char needle[256];
    page->n = 0;
    if (!check_query(q, needle, sizeof needle, err) || !storage_check_read(db, q->kind, err))
        return false;
    if (limit == 0)
        return true;
    bool is_reversed = dir == SD_BEFORE || dir == SD_LAST;
    if (dir == SD_FIRST || dir == SD_LAST)
        anchor = NULL;
    unsigned variant = variant_of(q, q->desc != is_reversed, anchor != NULL, needle);
    sqlite3_stmt *st = get_stmt(db, q, KP_PAGE, variant, err);
    if (!st)
        return false;
    bind_query(st, q, anchor, needle);
    sqlite3_bind_int64(st, 7, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    int rc;
    if (should_stop)
        sqlite3_progress_handler(db->sql, STORAGE_COUNT_CHECK_STEPS, fetch_progress, &fs);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        page_reserve(page, q->kind, page->n + 1);
        storage_read_record(st, &page->rows[page->n++]);
    }
    if (should_stop)
        sqlite3_progress_handler(db->sql, 0, NULL, NULL);
    put_stmt(q, st);
    if (rc == SQLITE_INTERRUPT && should_stop) {
        page->n = 0;
        return sk_fail(err, SK_ECANCELLED, "%s", _("The search was interrupted."));
    }
    if (rc != SQLITE_DONE) {
        page->n = 0;
        return storage_fail_db(db, rc, err);
    }
    if (is_reversed) {
        for (size_t i = 0, j = page->n; i + 1 < j; i++, j--) {
            struct forms_record t = page->rows[i];
            page->rows[i] = page->rows[j - 1];
            page->rows[j - 1] = t;
        }
    }
    return true;
}

/* Whether the scope's field is a choice (FT_ENUM) with a list index (FF_LIST). */
static bool
scope_has_index(const struct forms_kind *kind, const struct forms_scope *scope)
{
    int fi = forms_field_index(kind, scope->field);
    return fi >= 0 && kind->fields[fi].type == FT_ENUM && (kind->fields[fi].flags & FF_LIST);
}

/* Whether the file holds exactly one school: then every row of every
 * table is that school's (school_id is NOT NULL and refers to it). */
static bool
is_one_school(struct storage_db *db, int64_t school_id)
{
    sqlite3_stmt *st = storage_stmt(db, STMT_SCHOOL_FIRST2, NULL);
    if (!st)
        return false;
    int n = 0;
    bool is_it = false;
    while (sqlite3_step(st) == SQLITE_ROW)
        is_it = ++n == 1 && sqlite3_column_int64(st, 0) == school_id;
    storage_stmt_release(st);
    return is_it && n == 1;
}

/* The caller's stop test, for sqlite3_progress_handler. */
struct count_stop {
    bool (*should_stop)(void *ctx);
    void *ctx;
};

static int
count_progress(void *arg)
{
    const struct count_stop *cs = arg;
    return cs->should_stop(cs->ctx) ? 1 : 0;
}

/* Steps a count statement (bound) for its one row, with the progress
 * handler installed while it runs; releases the statement. */
static bool
step_count(struct storage_db *db, const struct storage_query *q, sqlite3_stmt *st,
           struct count_stop *cs, int64_t *n, struct sk_error *err)
{
    if (cs->should_stop)
        sqlite3_progress_handler(db->sql, STORAGE_COUNT_CHECK_STEPS, count_progress, cs);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    if (cs->should_stop)
        sqlite3_progress_handler(db->sql, 0, NULL, NULL);
    put_stmt(q, st);
    if (rc == SQLITE_ROW)
        return true;
    *n = 0;
    if (rc == SQLITE_INTERRUPT && cs->should_stop)
        return sk_fail(err, SK_ECANCELLED, "%s", _("The count was interrupted."));
    return storage_fail_db(db, rc, err);
}

bool
storage_count(struct storage_db *db, const struct storage_query *q,
              const struct forms_record *anchor, int64_t *n, struct sk_error *err)
{
    return storage_count_cancellable(db, q, anchor, n, NULL, NULL, err);
}

bool
storage_count_cancellable(struct storage_db *db, const struct storage_query *q,
                          const struct forms_record *anchor, int64_t *n,
                          bool (*should_stop)(void *ctx), void *ctx, struct sk_error *err)
{
    char needle[256];
    struct count_stop cs = {should_stop, ctx};
    *n = 0;
    if (!check_query(q, needle, sizeof needle, err) || !storage_check_read(db, q->kind, err))
        return false;
    /* All rows of a one-school file: SQLite counts the cells of the smallest
     * index page by page (1.6 ms at 1 000 000 rows) instead of stepping
     * through every entry of the school's index range (26 ms). */
    if (!anchor && !*needle && q->year == 0 && q->n_conds == 0 && q->ref_id == 0 &&
        !(q->is_scoped && q->kind->scope) && is_one_school(db, q->school_id)) {
        sqlite3_stmt *st = storage_kind_stmt(db, q->kind, KP_COUNT, PV_ALL_ROWS, err);
        if (!st)
            return false;
        return step_count(db, q, st, &cs, n, err);
    }
    /* The default list of a kind with a scope (devices without the
     * written-off): all rows (the count above) less those the scope leaves
     * out, counted on its field's list index, instead of reading every
     * row's field (1.2 s at 1 000 000 devices). */
    const struct forms_scope *scope = q->is_scoped ? q->kind->scope : NULL;
    if (!anchor && !*needle && q->year == 0 && q->n_conds == 0 && q->ref_id == 0 && scope &&
        scope->not_choice && scope_has_index(q->kind, scope)) {
        struct storage_query all = *q;
        all.is_scoped = false;
        int64_t total = 0, out = 0;
        if (!storage_count_cancellable(db, &all, NULL, &total, should_stop, ctx, err))
            return false;
        sqlite3_stmt *st = storage_kind_stmt(db, q->kind, KP_COUNT, PV_SCOPE | PV_SCOPE_OUT, err);
        if (!st)
            return false;
        sqlite3_bind_int64(st, 1, q->school_id);
        sqlite3_bind_text(st, 8, scope->not_choice, -1, SQLITE_STATIC);
        if (!step_count(db, q, st, &cs, &out, err))
            return false;
        *n = total - out;
        return true;
    }
    /* Rows before the anchor: '<' in ascending order, '>' in descending. */
    struct storage_query shape = *q;
    if (!anchor)
        shape.sort_field = -1;
    unsigned variant = variant_of(&shape, anchor && !q->desc, anchor != NULL, needle);
    sqlite3_stmt *st = get_stmt(db, &shape, KP_COUNT, variant, err);
    if (!st)
        return false;
    bind_query(st, &shape, anchor, needle);
    return step_count(db, &shape, st, &cs, n, err);
}

/* A running export: its own statement (not cached, so a list may page the
 * same shape meanwhile), finalized by storage_iter_close. */
struct storage_iter {
    struct storage_db *db;
    sqlite3_stmt *st;                 /* owned */
    struct storage_rows_cursor *rows; /* owned: the FF_ROWS fields, or NULL */
};

struct storage_iter *
storage_iter_open(struct storage_db *db, const struct storage_query *q, struct sk_error *err)
{
    char needle[256];
    if (!check_query(q, needle, sizeof needle, err) || !storage_check_read(db, q->kind, err))
        return NULL;
    struct sk_buf sql = {0};
    sql_page(&sql, q->kind, false, variant_of(q, q->desc, false, needle), q);
    /* the FF_ROWS fields come from a second cursor (storage_rows_cursor):
     * their sub-select, the last column, reads NULL here */
    struct sk_buf rows = {0};
    storage_rows_columns(&rows, q->kind);
    char *at = rows.len ? strstr(sql.s, rows.s) : NULL;
    struct storage_rows_cursor *rc_rows = NULL;
    if (at) {
        size_t tail = strlen(at + rows.len);
        memcpy(at, ", NULL", 6);
        memmove(at + 6, at + rows.len, tail + 1);
        sql.len = strlen(sql.s);
        rc_rows = storage_rows_cursor_open(db, q->kind, err);
        if (!rc_rows) {
            sk_buf_free(&rows);
            sk_buf_free(&sql);
            return NULL;
        }
    }
    sk_buf_free(&rows);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->sql, sql.s, -1, 0, &st, NULL);
    sk_buf_free(&sql);
    if (rc != SQLITE_OK) {
        storage_rows_cursor_close(rc_rows);
        storage_fail_db(db, rc, err);
        return NULL;
    }
    bind_query(st, q, NULL, needle);
    sqlite3_bind_int64(st, 7, -1);
    struct storage_iter *it = sk_xcalloc(1, sizeof *it);
    it->db = db;
    it->st = st;
    it->rows = rc_rows;
    return it;
}

int
storage_iter_next(struct storage_iter *it, struct forms_record *rec, struct sk_error *err)
{
    int rc = sqlite3_step(it->st);
    if (rc == SQLITE_ROW) {
        storage_read_record(it->st, rec);
        rc = storage_rows_cursor_read(it->rows, rec);
        if (rc == SQLITE_OK)
            return 1;
    }
    if (rc == SQLITE_DONE)
        return 0;
    storage_fail_db(it->db, rc, err);
    return -1;
}

void
storage_iter_close(struct storage_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    storage_rows_cursor_close(it->rows);
    free(it);
}

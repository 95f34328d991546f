/* The generic list of one record kind: columns from the descriptor's
 * FF_LIST fields (plus computed columns), virtualized with keyset paging so
 * that only the visible rows and a page around them are in memory. */
#include "tui/internal.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

enum { MAX_COLS = 32, N_COUNTS = 8 };

/* One column: a stored field or a computed one. */
struct list_col {
    int field;                          /* index into kind->fields, or -1 */
    const struct tui_column_hook *hook; /* computed column, or NULL */
    int width;                          /* as drawn (after fitting) */
};

/* An exact count remembered for one (filter, year): paging, moving and
 * sorting never count again; a change of the records forgets them all. */
struct list_count {
    char *filter; /* owned; NULL = empty slot */
    int year;
    int64_t n;
    bool is_scoped;
};

struct list_screen {
    struct tui_screen base;
    const struct forms_kind *kind;
    struct storage_query q;
    char *filter; /* owned; q.filter points here */
    struct list_col cols[MAX_COLS];
    size_t n_cols;
    size_t sort_col;  /* index into cols */
    bool is_reversed; /* S pressed */
    struct tui_win win;
    struct storage_page page; /* rows [buf_start, buf_start + page.n) */
    int64_t buf_start;
    struct forms_record anchor; /* copy of the row fetches continue from */
    int64_t *marked;            /* ids of marked rows, owned */
    size_t n_marked, cap_marked;
    bool by_year;                       /* only records of the current school year (y) */
    bool is_stale;                      /* reload before the next draw */
    int64_t keep_id;                    /* after a reload, put the cursor on this record */
    bool is_count_pending;              /* win.n holds only the rows fetched; on_work counts */
    bool is_page_pending;               /* a key interrupted the first page; on_work fetches */
    struct list_count counts[N_COUNTS]; /* newest first */
    struct tui_list_filters fl;         /* field filters (f); q.conds points here */
    char *saved_view;                   /* the view last stored (storage_view_put), owned */
    struct storage_db *db;              /* borrowed from the app: the view is stored on close */
    struct tui_binding own_keys[64];    /* the bindings of tui_keys_list this kind has */
    struct tui_keymap own_map;          /* base.keys: own_keys after the shared navigation */
    char *scope_help;                   /* owned: `a`'s help naming this kind's usual records */
};

/* ------------------------------------------------------------- columns */

static void
build_columns(struct list_screen *l)
{
    size_t n_hooks = 0;
    const struct tui_column_hook *hooks = tui_columns_for(l->kind, &n_hooks);
    l->n_cols = 0;
    for (size_t i = 0; i < l->kind->n_fields && l->n_cols < MAX_COLS; i++) {
        const struct forms_field *f = &l->kind->fields[i];
        if (!(f->flags & FF_LIST))
            continue;
        l->cols[l->n_cols++] = (struct list_col){(int)i, NULL, f->width};
        for (size_t h = 0; h < n_hooks && l->n_cols < MAX_COLS; h++)
            if (hooks[h].after_key && strcmp(hooks[h].after_key, f->key) == 0)
                l->cols[l->n_cols++] = (struct list_col){-1, &hooks[h], hooks[h].width};
    }
    for (size_t h = 0; h < n_hooks && l->n_cols < MAX_COLS; h++)
        if (!hooks[h].after_key || forms_field_index(l->kind, hooks[h].after_key) < 0)
            l->cols[l->n_cols++] = (struct list_col){-1, &hooks[h], hooks[h].width};
}

static bool
col_sortable(const struct list_screen *l, size_t c)
{
    const struct list_col *col = &l->cols[c];
    return col->field >= 0 ||
           (col->hook->sort_key && forms_field_index(l->kind, col->hook->sort_key) >= 0);
}

static void
apply_sort(struct list_screen *l)
{
    const struct list_col *col = &l->cols[l->sort_col];
    if (col->field >= 0) {
        l->q.sort_field = col->field;
        l->q.desc = l->is_reversed;
    } else {
        l->q.sort_field = forms_field_index(l->kind, col->hook->sort_key);
        l->q.desc = l->is_reversed != col->hook->sort_reversed;
    }
}

static const char *
col_label(const struct list_screen *l, const struct list_col *col)
{
    return col->field >= 0 ? forms_field_label(&l->kind->fields[col->field]) : _(col->hook->label);
}

static bool
col_right_aligned(const struct list_screen *l, const struct list_col *col)
{
    if (col->hook)
        return true;
    enum forms_type t = l->kind->fields[col->field].type;
    return t == FT_INT || t == FT_DEC3 || t == FT_MONEY;
}

/* How the layout sees column c: keys, dates and numbers are never cut;
 * lists of choices show labels of up to 12 columns whole; text may be cut
 * to 10 columns. Required fields outlast optional ones; among equals the
 * later column is left out first (tui_columns_layout). */
static struct tui_col_spec
col_spec(const struct list_screen *l, size_t c)
{
    const struct list_col *col = &l->cols[c];
    const struct forms_field *f = col->field >= 0 ? &l->kind->fields[col->field] : NULL;
    int head = forms_utf8_width(col_label(l, col));
    int hmin = head < 8 ? head : 8;
    int w = f ? (f->width > 0 ? f->width : 1) : col->hook->width;
    struct tui_col_spec sp = {.priority = 1};
    sp.is_kept = c == 0 || (f && (f->flags & FF_NATKEY));
    if (sp.is_kept)
        sp.priority = 3;
    else if (f && (f->flags & FF_REQUIRED))
        sp.priority = 2;
    switch (f ? f->type : FT_INT) {
    case FT_ENUM:
    case FT_FLAGS: {
        int longest = 0;
        for (size_t i = 0; i < f->n_choices; i++) {
            int lw = forms_utf8_width(forms_choice_label(&f->choices[i]));
            longest = lw > longest ? lw : longest;
        }
        int whole = longest > hmin ? longest : hmin;
        sp.min = whole < 12 ? whole : 12;
        sp.want = w > head ? w : head;
        sp.want = sp.want > sp.min ? sp.want : sp.min;
        sp.max = longest > sp.want ? longest : sp.want;
        break;
    }
    case FT_TEXT:
    case FT_MEMO:
    case FT_REF: {
        int tmin = head < 10 ? head : 10, wmin = w < 10 ? w : 10;
        sp.min = tmin > wmin ? tmin : wmin;
        if (sp.is_kept && sp.min < w)
            sp.min = w; /* the natural key is never cut */
        sp.want = w > head ? w : head;
        sp.max = INT_MAX;
        break;
    }
    default: /* dates, numbers, check boxes, computed: whole or not at all */
        sp.min = (f && f->type == FT_DATE) || w > hmin ? w : hmin;
        sp.want = w > head ? w : head;
        sp.max = sp.want;
        break;
    }
    if (c == l->sort_col && sp.want < head + 1)
        sp.want = head + 1; /* room for the sort mark */
    if (sp.max < sp.want)
        sp.max = sp.want;
    return sp;
}

/* Draws text in w columns; a longer text ends in "…" instead of being cut
 * off where it happens to end. */
static void
put_cut(int y, int x, const char *text, int w)
{
    if (w <= 0)
        return;
    if (forms_utf8_width(text) <= w) {
        tui_put(y, x, text, w, false);
        return;
    }
    char buf[512];
    size_t n = forms_utf8_prefix_for_width(text, w - 1);
    if (n + sizeof "…" > sizeof buf) { /* only with absurd combining sequences */
        tui_put(y, x, text, w, false);
        return;
    }
    memcpy(buf, text, n);
    while (n > 0 && buf[n - 1] == ' ')
        n--; /* "Purchase…", not "Purchase …" */
    memcpy(buf + n, "…", sizeof "…");
    tui_put(y, x, buf, w, false);
}

/* ---------------------------------------------------------------- marks */

static ssize_t
mark_index(const struct list_screen *l, int64_t id)
{
    for (size_t i = 0; i < l->n_marked; i++)
        if (l->marked[i] == id)
            return (ssize_t)i;
    return -1;
}

static void
mark_toggle(struct list_screen *l, int64_t id)
{
    ssize_t i = mark_index(l, id);
    if (i >= 0) {
        l->marked[i] = l->marked[--l->n_marked];
        return;
    }
    if (l->n_marked == l->cap_marked) {
        l->cap_marked = l->cap_marked ? l->cap_marked * 2 : 16;
        l->marked = sk_xrealloc(l->marked, l->cap_marked * sizeof *l->marked);
    }
    l->marked[l->n_marked++] = id;
}

/* ----------------------------------------------------------------- data */

static const struct forms_record *
row_at(const struct list_screen *l, int64_t pos)
{
    if (pos < l->buf_start || pos >= l->buf_start + (int64_t)l->page.n)
        return NULL;
    return &l->page.rows[pos - l->buf_start];
}

static void
report(struct tui_app *app, const struct sk_error *err)
{
    tui_app_message(app, true, "%s", err->msg[0] ? err->msg : _("The database could not be read."));
}

static bool
fetch(struct tui_app *app, struct list_screen *l, const struct forms_record *anchor,
      enum storage_dir dir, size_t limit)
{
    struct sk_error err = {0};
    if (!storage_page_fetch(app->opts->db, &l->q, anchor, dir, limit, &l->page, &err)) {
        l->page.n = 0;
        report(app, &err);
        return false;
    }
    return true;
}

/* Fills the buffer so that the visible rows are present (keyset paging). */
static void
sync_rows(struct tui_app *app, struct list_screen *l)
{
    struct tui_fetch_plan p = tui_win_plan(&l->win, l->buf_start, l->page.n);
    switch (p.kind) {
    case TF_NONE:
        return;
    case TF_FIRST:
        if (l->win.top != 0)
            tui_win_home(&l->win);
        if (fetch(app, l, NULL, SD_FIRST, p.limit))
            l->buf_start = 0;
        break;
    case TF_LAST:
        if (fetch(app, l, NULL, SD_LAST, p.limit))
            l->buf_start = l->win.n - (int64_t)l->page.n;
        break;
    case TF_AFTER:
        forms_record_copy(&l->anchor, row_at(l, p.anchor));
        if (fetch(app, l, &l->anchor, SD_AFTER, p.limit))
            l->buf_start = p.anchor + 1;
        break;
    case TF_BEFORE:
        forms_record_copy(&l->anchor, row_at(l, p.anchor));
        if (fetch(app, l, &l->anchor, SD_BEFORE, p.limit))
            l->buf_start = p.anchor - (int64_t)l->page.n;
        break;
    }
    /* Rows may have gone since the count (another program): shrink. */
    if (p.kind != TF_LAST && l->buf_start + (int64_t)l->page.n < l->win.top + l->win.height &&
        l->buf_start + (int64_t)l->page.n < l->win.n) {
        l->win.n = l->buf_start + (int64_t)l->page.n;
        tui_win_clamp(&l->win);
    }
}

/* ---------------------------------------------------------------- counts */

static const char *
filter_text(const struct list_screen *l)
{
    return l->filter ? l->filter : "";
}

/* The remembered count of the current filter and year. */
static bool
count_recall(const struct list_screen *l, int64_t *n)
{
    for (size_t i = 0; i < N_COUNTS && l->counts[i].filter; i++)
        if (l->counts[i].year == l->q.year && l->counts[i].is_scoped == l->q.is_scoped &&
            strcmp(l->counts[i].filter, filter_text(l)) == 0) {
            *n = l->counts[i].n;
            return true;
        }
    return false;
}

static void
count_remember(struct list_screen *l, int64_t n)
{
    free(l->counts[N_COUNTS - 1].filter);
    memmove(&l->counts[1], &l->counts[0], (N_COUNTS - 1) * sizeof l->counts[0]);
    l->counts[0] = (struct list_count){sk_xstrdup(filter_text(l)), l->q.year, n, l->q.is_scoped};
}

/* The records changed (or may have): every remembered count is stale. */
static void
counts_forget(struct list_screen *l)
{
    for (size_t i = 0; i < N_COUNTS; i++) {
        free(l->counts[i].filter);
        l->counts[i].filter = NULL;
    }
}

/* The exact count arrived: the list may now go past the fetched rows. */
static void
count_done(struct list_screen *l, int64_t n)
{
    l->is_count_pending = false;
    count_remember(l, n);
    l->win.n = n;
    tui_win_clamp(&l->win);
}

/* Counts now, blocking (a key needs rows beyond those fetched). */
static void
count_now(struct tui_app *app, struct list_screen *l)
{
    struct sk_error err = {0};
    int64_t n = 0;
    if (!storage_count(app->opts->db, &l->q, NULL, &n, &err)) {
        report(app, &err);
        l->is_count_pending = false; /* keep the rows known */
        return;
    }
    count_done(l, n);
}

/* Whether action a would move past the rows fetched while the count is pending. */
static bool
needs_count(const struct list_screen *l, enum tui_action a)
{
    if (!l->is_count_pending)
        return false;
    switch (a) {
    case TA_END:
        return true;
    case TA_DOWN:
        return l->win.cursor + 1 >= l->win.n;
    case TA_PGDN:
        return l->win.top + 2 * (int64_t)l->win.height >= l->win.n;
    default:
        return false;
    }
}

/* A filter's count scans every row (a third of a second at 1 000 000):
 * fetch the first page now and leave the count to list_work, unless the
 * page holds every match. The cursor goes to the first row. */
/* Stop test of a first page: never in its first milliseconds (a page that
 * is quick to find is always shown at once), then as soon as a key waits. */
struct page_stop {
    struct tui_app *app;
    struct timespec t0;
};

static bool
page_should_stop(void *ctx)
{
    struct page_stop *ps = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long us =
        (long long)(now.tv_sec - ps->t0.tv_sec) * 1000000 + (now.tv_nsec - ps->t0.tv_nsec) / 1000;
    return us >= 3000 && tui_app_should_stop(ps->app);
}

static void
reload_count_later(struct tui_app *app, struct list_screen *l)
{
    size_t page = (size_t)l->win.height * 2;
    l->win.cursor = l->win.top = 0;
    l->win.n = 0;
    l->is_page_pending = false;
    /* A filter that few rows match scans them all for its first page (a
     * second at 1 000 000 rows): the next key abandons it, and list_work
     * fetches it again once no key is waiting. */
    struct sk_error err = {0};
    struct page_stop ps = {.app = app};
    clock_gettime(CLOCK_MONOTONIC, &ps.t0);
    if (storage_page_fetch_cancellable(app->opts->db, &l->q, NULL, SD_FIRST, page + 1, &l->page,
                                       page_should_stop, &ps, &err)) {
        l->buf_start = 0;
        l->win.n = (int64_t)l->page.n;
        if (l->page.n <= page)
            count_remember(l, l->win.n);
        else
            l->is_count_pending = true;
    } else if (err.code == SK_ECANCELLED) {
        l->is_page_pending = true;
    } else {
        l->page.n = 0;
        report(app, &err);
    }
    tui_win_clamp(&l->win);
}

/* Counts the rows again (or recalls the count) and puts the cursor on
 * keep_id (or the first row). */
static void
reload(struct tui_app *app, struct list_screen *l)
{
    struct sk_error err = {0};
    int64_t n = 0;
    l->is_stale = false;
    l->is_count_pending = false;
    l->is_page_pending = false;
    l->page.n = 0;
    l->buf_start = 0;
    if (count_recall(l, &n)) {
        /* counted before */
    } else if (l->keep_id == 0 && (filter_text(l)[0] || l->fl.n > 0)) {
        reload_count_later(app, l);
        return;
    } else if (storage_count(app->opts->db, &l->q, NULL, &n, &err)) {
        count_remember(l, n);
    } else {
        report(app, &err);
        n = 0;
    }
    l->win.n = n;
    if (l->keep_id == 0 || n == 0) {
        l->win.cursor = l->win.top = 0;
        tui_win_clamp(&l->win);
        return;
    }
    /* Find the kept record's position and fill the buffer around it. */
    int64_t pos = 0;
    sk_error_clear(&err);
    if (!storage_record_get(app->opts->db, l->kind, app->opts->school_id, l->keep_id, &l->anchor,
                            &err) ||
        !storage_count(app->opts->db, &l->q, &l->anchor, &pos, &err)) {
        l->keep_id = 0;
        l->win.cursor = l->win.top = 0;
        tui_win_clamp(&l->win);
        return;
    }
    l->keep_id = 0;
    tui_win_goto(&l->win, pos);
    if (l->win.top == 0)
        return; /* sync_rows fetches from the start */
    /* rows [top-1, pos) end just before the kept record */
    if (!fetch(app, l, &l->anchor, SD_BEFORE, (size_t)(pos - l->win.top + 1)) || l->page.n == 0)
        return;
    forms_record_copy(&l->anchor, &l->page.rows[0]);
    int64_t anchor_pos = pos - (int64_t)l->page.n;
    if (fetch(app, l, &l->anchor, SD_AFTER, (size_t)l->win.height * 2))
        l->buf_start = anchor_pos + 1;
    else
        l->page.n = 0;
}

/* ------------------------------------------------------------------ draw */

static void
list_draw(struct tui_screen *s, struct tui_app *app)
{
    struct list_screen *l = (struct list_screen *)s;
    l->win.height = LINES - 4 > 1 ? LINES - 4 : 1;
    if (l->by_year && l->q.year != app->year) {
        l->q.year = app->year;
        l->is_stale = true;
    }
    if (l->is_stale)
        reload(app, l);
    tui_win_clamp(&l->win);
    sync_rows(app, l);

    char title[512], part[256];
    int len = snprintf(title, sizeof title, "%s", forms_kind_label(l->kind));
    if (l->is_page_pending) /* the first page follows when no key is waiting */
        snprintf(part, sizeof part, "%s", _("searching…"));
    else if (l->is_count_pending) /* the count follows when no key is waiting */
        snprintf(part, sizeof part, _("%lld of …"), (long long)l->win.cursor + 1);
    else
        snprintf(part, sizeof part, _("%lld of %lld"),
                 (long long)(l->win.n ? l->win.cursor + 1 : 0), (long long)l->win.n);
    len += snprintf(title + len, sizeof title - (size_t)len, " — %s", part);
    if (l->by_year && len < (int)sizeof title)
        len += snprintf(title + len, sizeof title - (size_t)len, " — %d./%d.", l->q.year,
                        l->q.year + 1);
    /* the scope first: the filters that follow narrow what it shows */
    if (l->q.is_scoped && l->kind->scope && len < (int)sizeof title)
        len += snprintf(title + len, sizeof title - (size_t)len, " — %s",
                        tui_list_scope_title(l->kind->scope, part, sizeof part));
    if (l->fl.n > 0 && len < (int)sizeof title) {
        char conds[256];
        tui_filters_title(l->kind, &l->fl, conds, sizeof conds);
        len += snprintf(title + len, sizeof title - (size_t)len, " — %s", conds);
    }
    if (l->q.ref_id != 0 && len < (int)sizeof title)
        len += snprintf(title + len, sizeof title - (size_t)len, " — %s",
                        l->kind == &forms_kind_observation ? _("my sheets") : _("mine"));
    if (!tui_may(app, l->kind, SA_WRITE) && len < (int)sizeof title)
        len += snprintf(title + len, sizeof title - (size_t)len, " — %s", _("read only"));
    if (l->filter && l->filter[0] && len < (int)sizeof title)
        len += snprintf(title + len, sizeof title - (size_t)len, "%s%s “%s”",
                        l->fl.n > 0 ? " · " : " — ", _("filter"), l->filter);
    if (l->n_marked && len < (int)sizeof title) {
        snprintf(part, sizeof part, ngettext("%zu marked", "%zu marked", l->n_marked), l->n_marked);
        snprintf(title + len, sizeof title - (size_t)len, " — %s", part);
    }
    tui_draw_frame(app, title, s->keys);

    /* column widths: fit into the screen, 2 columns for the mark */
    struct tui_col_spec specs[MAX_COLS];
    int widths[MAX_COLS];
    for (size_t c = 0; c < l->n_cols; c++)
        specs[c] = col_spec(l, c);
    tui_columns_layout(specs, l->n_cols, COLS - 2, widths);

    attron(tui_attr(TS_HEADER));
    tui_blank(1, 0, COLS);
    int x = 2;
    for (size_t c = 0; c < l->n_cols; c++) {
        if (widths[c] == 0)
            continue;
        const char *mark = c == l->sort_col ? (l->is_reversed ? "▼" : "▲") : "";
        int mw = mark[0] ? 1 : 0;
        put_cut(1, x, col_label(l, &l->cols[c]), widths[c] - mw);
        if (mw) {
            int lw = forms_utf8_width(col_label(l, &l->cols[c]));
            tui_put(1, x + (lw < widths[c] - mw ? lw : widths[c] - mw), mark, 1, false);
        }
        x += widths[c] + 1;
    }
    attroff(tui_attr(TS_HEADER));

    if (l->win.n == 0 && l->is_page_pending)
        return;
    if (l->win.n == 0) {
        const char *empty = (l->filter && l->filter[0]) || l->fl.n > 0
                                ? _("No records match the filters. Press / or f to change "
                                    "them, F to clear them.")
                                : _("No records yet. Press n to add one or i to import a file.");
        tui_put(3, 2, empty, COLS - 4, false);
        return;
    }
    for (int r = 0; r < l->win.height; r++) {
        int64_t pos = l->win.top + r;
        const struct forms_record *rec = row_at(l, pos);
        if (!rec)
            break;
        bool is_cur = pos == l->win.cursor;
        bool is_marked = mark_index(l, rec->id) >= 0;
        int attr = is_cur      ? tui_attr(TS_CURSOR)
                   : is_marked ? tui_attr(TS_MARKED)
                               : tui_attr(TS_NORMAL);
        attron(attr);
        tui_blank(2 + r, 0, COLS);
        tui_put(2 + r, 0, is_marked ? "*" : " ", 1, false);
        x = 2;
        for (size_t c = 0; c < l->n_cols; c++) {
            if (widths[c] == 0)
                continue;
            char buf[512];
            const char *text;
            const struct list_col *col = &l->cols[c];
            if (col->field >= 0) {
                text = forms_value_format(&l->kind->fields[col->field], &rec->values[col->field],
                                          FS_DISPLAY, buf, sizeof buf);
            } else {
                if (col->hook->format)
                    col->hook->format(rec, buf, sizeof buf);
                else
                    col->hook->format_app(app, rec, buf, sizeof buf);
                text = buf;
            }
            int w = forms_utf8_width(text);
            int off = col_right_aligned(l, col) && w < widths[c] ? widths[c] - w : 0;
            put_cut(2 + r, x + off, text, widths[c] - off);
            x += widths[c] + 1;
        }
        attroff(attr);
    }
}

/* --------------------------------------------------------------- actions */

static const struct forms_record *
current(const struct list_screen *l)
{
    return l->win.n ? row_at(l, l->win.cursor) : NULL;
}

static void
open_editor(struct tui_app *app, struct list_screen *l, int64_t id)
{
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, l->kind);
    if (id == 0) {
        tui_new_record_defaults(app, &rec);
    } else if (!storage_record_get(app->opts->db, l->kind, app->opts->school_id, id, &rec, &err)) {
        report(app, &err);
        forms_record_fini(&rec);
        l->is_stale = true;
        return;
    }
    /* the observation sheet has its own screen, laid out like the paper */
    struct tui_screen *ed =
        l->kind == &forms_kind_observation ? tui_sheet_new(app, &rec) : tui_form_new(app, &rec);
    if (ed) {
        tui_app_push(app, ed);
        if (ed->ops->offer_draft)
            ed->ops->offer_draft(ed, app);
    }
    forms_record_fini(&rec);
}

static void
delete_current(struct tui_app *app, struct list_screen *l)
{
    const struct forms_record *rec = current(l);
    if (!rec)
        return;
    char name[256], buf[512], q[768];
    int nf = l->kind->name_field ? forms_field_index(l->kind, l->kind->name_field) : -1;
    snprintf(name, sizeof name, "%s",
             nf >= 0 ? forms_value_format(&l->kind->fields[nf], &rec->values[nf], FS_DISPLAY, buf,
                                          sizeof buf)
                     : "");
    bool is_sheet = l->kind == &forms_kind_observation;
    if (is_sheet) /* the date alone does not tell two sheets of a day apart */
        tui_sheet_describe(rec, name, sizeof name);
    snprintf(q, sizeof q,
             is_sheet ? _("Delete the observation of %s? This cannot be undone.")
                      : _("Delete the record “%s”? This cannot be undone."),
             name);
    int64_t id = rec->id, version = rec->version;
    if (!tui_confirm(app, q))
        return;
    struct sk_error err = {0};
    if (!storage_record_delete(app->opts->db, l->kind, app->opts->school_id, id, version, &err)) {
        report(app, &err);
    } else {
        tui_app_message(app, false,
                        is_sheet ? _("Deleted the observation of %s.") : _("Deleted “%s”."), name);
        ssize_t m = mark_index(l, id);
        if (m >= 0)
            mark_toggle(l, id);
    }
    counts_forget(l);
    /* keep the cursor near where it was */
    int64_t cursor = l->win.cursor;
    reload(app, l);
    l->win.cursor = cursor;
    tui_win_clamp(&l->win);
}

static void
show_history(struct tui_app *app, struct list_screen *l, const struct forms_record *rec)
{
    char buf[512];
    int nf = l->kind->name_field ? forms_field_index(l->kind, l->kind->name_field) : -1;
    const char *name = nf >= 0 ? forms_value_format(&l->kind->fields[nf], &rec->values[nf],
                                                    FS_DISPLAY, buf, sizeof buf)
                               : NULL;
    tui_history_show(app, l->kind, rec->id, name);
}

static void
filter_changed(void *ctx, struct tui_app *app, const char *text)
{
    struct list_screen *l = ctx;
    free(l->filter);
    l->filter = sk_xstrdup(text);
    l->q.filter = l->filter;
    l->keep_id = 0;
    reload(app, l);
}

/* Stores the list's sort and filters for this OS login when they changed
 * (a read-only file keeps none: no message, the list works the same). Once,
 * when the list closes: a write is a synced commit (milliseconds), too slow
 * for every key of a filter. */
static char *
view_text(const struct list_screen *l)
{
    const struct list_col *col = &l->cols[l->sort_col];
    char tag = col->field >= 0 ? 'f' : 'h';
    const char *key = col->field >= 0 ? l->kind->fields[col->field].key : col->hook->label;
    return tui_view_encode(l->kind, tag, key, l->is_reversed, l->filter, &l->fl);
}

static void
view_save(struct storage_db *db, struct list_screen *l)
{
    char *state = view_text(l);
    if (l->saved_view && strcmp(l->saved_view, state) == 0) {
        free(state);
        return;
    }
    struct sk_error err = {0};
    if (storage_view_put(db, l->kind->key, state, &err)) {
        free(l->saved_view);
        l->saved_view = state;
    } else {
        free(state);
    }
}

/* Restores the sort and filters this OS login left the list with. */
static void
view_restore(struct tui_app *app, struct list_screen *l)
{
    char *state = NULL;
    struct sk_error err = {0};
    if (!storage_view_get(app->opts->db, l->kind->key, &state, &err) || !state)
        return;
    char tag = 0, key[128] = "";
    bool is_reversed = false;
    char *filter = NULL;
    tui_view_decode(l->kind, state, &tag, key, sizeof key, &is_reversed, &filter, &l->fl);
    l->saved_view = state;
    for (size_t c = 0; tag && c < l->n_cols; c++) {
        const struct list_col *col = &l->cols[c];
        bool is_it = tag == 'f'
                         ? col->field >= 0 && strcmp(l->kind->fields[col->field].key, key) == 0
                         : col->hook && strcmp(col->hook->label, key) == 0;
        if (is_it && col_sortable(l, c)) {
            l->sort_col = c;
            l->is_reversed = is_reversed;
            break;
        }
    }
    if (filter && *filter) {
        free(l->filter);
        l->filter = filter;
        l->q.filter = l->filter;
    } else {
        free(filter);
    }
    l->q.conds = l->fl.conds;
    l->q.n_conds = l->fl.n;
}

static void
ask_field_filter(struct tui_app *app, struct list_screen *l)
{
    enum tui_filters_change ch = tui_filters_ask(app, l->kind, &l->fl, l->filter && l->filter[0]);
    if (ch == TF_UNCHANGED)
        return;
    if (ch == TF_CLEAR_ALL) {
        free(l->filter);
        l->filter = NULL;
        l->q.filter = NULL;
    }
    l->q.conds = l->fl.conds;
    l->q.n_conds = l->fl.n;
    l->keep_id = 0;
    counts_forget(l);
    reload(app, l);
}

/* F: every filter off (the text filter too). */
static void
clear_filters(struct tui_app *app, struct list_screen *l)
{
    if (l->fl.n == 0 && !(l->filter && l->filter[0])) {
        tui_app_message(app, false, "%s", _("No filter is set."));
        return;
    }
    tui_filters_clear(&l->fl);
    free(l->filter);
    l->filter = NULL;
    l->q.filter = NULL;
    l->q.conds = NULL;
    l->q.n_conds = 0;
    const struct forms_record *rec = current(l);
    l->keep_id = rec ? rec->id : 0;
    counts_forget(l);
    reload(app, l);
}

static void
ask_filter(struct tui_app *app, struct list_screen *l)
{
    char *old = sk_xstrdup(l->filter ? l->filter : "");
    char *text = tui_prompt(app, _("Filter:"), old, filter_changed, NULL, l);
    if (!text)
        filter_changed(l, app, old);
    free(text);
    free(old);
}

/* Reads the value for a bulk change of field f. Returns false when cancelled. */
static bool
ask_bulk_value(struct tui_app *app, const struct forms_field *f, struct forms_value *v)
{
    char title[256];
    snprintf(title, sizeof title, _("New value of “%s”"), forms_field_label(f));
    if (f->type == FT_ENUM || f->type == FT_BOOL) {
        const char *yes_no[2] = {_("No"), _("Yes")};
        const char **items = sk_xcalloc(f->type == FT_BOOL ? 2 : f->n_choices + 1, sizeof *items);
        size_t n = 2;
        if (f->type == FT_BOOL) {
            items[0] = yes_no[0];
            items[1] = yes_no[1];
        } else {
            for (n = 0; n < f->n_choices; n++)
                items[n] = forms_choice_label(&f->choices[n]);
        }
        int i = tui_pick(app, title, items, n, 0);
        free(items);
        if (i < 0)
            return false;
        forms_value_set_int(v, i);
        return true;
    }
    if (f->type == FT_FLAGS) {
        const char **items = sk_xcalloc(f->n_choices + 1, sizeof *items);
        bool *checked = sk_xcalloc(f->n_choices + 1, sizeof *checked);
        for (size_t i = 0; i < f->n_choices; i++)
            items[i] = forms_choice_label(&f->choices[i]);
        bool ok = tui_checklist(app, title, items, f->n_choices, checked);
        int64_t bits = 0;
        for (size_t i = 0; i < f->n_choices; i++)
            if (checked[i])
                bits |= (int64_t)1 << i;
        free(items);
        free(checked);
        if (!ok)
            return false;
        if (bits)
            forms_value_set_int(v, bits);
        else
            forms_value_clear(v);
        return true;
    }
    for (;;) {
        char label[300];
        snprintf(label, sizeof label, "%s:", title);
        char *text = tui_prompt(app, label, "", NULL, NULL, NULL);
        if (!text)
            return false;
        struct sk_error err = {0};
        bool ok = forms_value_parse(f, text, v, &err);
        free(text);
        if (ok)
            return true;
        tui_app_message(app, true, "%s", err.msg);
    }
}

static void
bulk_change(struct tui_app *app, struct list_screen *l)
{
    if (l->n_marked == 0) {
        tui_app_message(app, true, "%s", _("Mark records with Space first."));
        return;
    }
    int idx[128];
    const char *items[128];
    size_t n = 0;
    for (size_t i = 0; i < l->kind->n_fields && n < SK_ARRAY_LEN(idx); i++) {
        const struct forms_field *f = &l->kind->fields[i];
        if (f->flags & (FF_READONLY | FF_UNIQUE | FF_NATKEY))
            continue;
        idx[n] = (int)i;
        items[n++] = forms_field_label(f);
    }
    char title[256];
    snprintf(title, sizeof title,
             ngettext("Change which field of %zu record?", "Change which field of %zu records?",
                      l->n_marked),
             l->n_marked);
    int pick = tui_pick(app, title, items, n, 0);
    if (pick < 0)
        return;
    const struct forms_field *f = &l->kind->fields[idx[pick]];
    struct forms_value v = {0};
    if (!ask_bulk_value(app, f, &v)) {
        forms_value_free(&v);
        return;
    }
    char buf[512], q[1024];
    const char *shown = forms_value_format(f, &v, FS_DISPLAY, buf, sizeof buf);
    snprintf(q, sizeof q,
             ngettext("Set “%s” to “%s” in %zu marked record?",
                      "Set “%s” to “%s” in %zu marked records?", l->n_marked),
             forms_field_label(f), shown, l->n_marked);
    if (tui_confirm(app, q)) {
        struct sk_error err = {0};
        if (storage_record_bulk_set(app->opts->db, l->kind, app->opts->school_id, l->marked,
                                    l->n_marked, idx[pick], &v, &err)) {
            tui_app_message(app, false,
                            ngettext("%zu record changed.", "%zu records changed.", l->n_marked),
                            l->n_marked);
            l->n_marked = 0;
        } else {
            report(app, &err);
        }
        const struct forms_record *rec = current(l);
        l->keep_id = rec ? rec->id : 0;
        counts_forget(l);
        reload(app, l);
    }
    forms_value_free(&v);
}

static void
next_sort(struct list_screen *l)
{
    for (size_t k = 1; k <= l->n_cols; k++) {
        size_t c = (l->sort_col + k) % l->n_cols;
        if (col_sortable(l, c)) {
            l->sort_col = c;
            break;
        }
    }
    l->is_reversed = false;
    apply_sort(l);
}

/* Whether the kind's records belong to a school year at all. */
static bool
has_year(const struct forms_kind *kind)
{
    return kind->year_field && forms_field_index(kind, kind->year_field) >= 0;
}

static void
toggle_year(struct tui_app *app, struct list_screen *l)
{
    if (!has_year(l->kind)) {
        tui_app_message(app, true, "%s", _("These records do not belong to a school year."));
        return;
    }
    l->by_year = !l->by_year;
    l->q.year = l->by_year ? app->year : 0;
    const struct forms_record *rec = current(l);
    l->keep_id = rec ? rec->id : 0;
    reload(app, l);
}

static void
fill_year(struct tui_app *app, struct list_screen *l)
{
    if (!l->kind->fill_field) {
        tui_app_message(app, true, "%s", _("This list has no yearly table to fill in."));
        return;
    }
    size_t added = 0;
    struct sk_error err = {0};
    if (!core_fill_year(app->opts->db, l->kind, app->opts->school_id, app->year, &added, &err)) {
        report(app, &err);
        return;
    }
    if (added)
        tui_app_message(app, false,
                        ngettext("Added %zu row to the table of %d./%d.",
                                 "Added %zu rows to the table of %d./%d.", added),
                        added, app->year, app->year + 1);
    else
        tui_app_message(app, false, _("The table of %d./%d. has every row already."), app->year,
                        app->year + 1);
    l->by_year = true;
    l->q.year = app->year;
    l->keep_id = 0;
    counts_forget(l);
    reload(app, l);
}

/* m: only the records whose observer (consultant) is the staff record
 * linked to the login, or all again. */
static void
toggle_mine(struct tui_app *app, struct list_screen *l)
{
    int f = tui_mine_field(l->kind);
    if (f < 0) {
        tui_app_message(app, false, "%s",
                        _("This key works in the observation and consultation lists."));
        return;
    }
    if (l->q.ref_id == 0) {
        const struct storage_identity *id = storage_identity(app->opts->db);
        int64_t me = tui_my_staff_id(app);
        if (!id || !id->shared) {
            tui_app_message(app, true, "%s",
                            _("Only a shared school file knows who is working (see “skola "
                              "share”); here every sheet is yours."));
            return;
        }
        if (me == 0) {
            tui_app_message(app, true,
                            _("Your login %s is not linked to a staff record, so skola does not "
                              "know which are yours: the head links it with “skola users add "
                              "LOGIN --role ROLE --staff \"FULL NAME\"”."),
                            SK_QUOTE(id->login));
            return;
        }
        l->q.ref_field = f;
        l->q.ref_id = me;
    } else {
        l->q.ref_id = 0;
    }
    const struct forms_record *rec = current(l);
    l->keep_id = rec ? rec->id : 0;
    counts_forget(l);
    reload(app, l);
}

/* The keys that change records, on a list the role may only read: the
 * refusal naming the role needed (storage/ would refuse the save anyway). */
static bool
is_change_key(enum tui_action a)
{
    return a == TA_NEW || a == TA_EDIT || a == TA_DELETE || a == TA_BULK || a == TA_IMPORT ||
           a == TA_FILL;
}

/* v: the selected record whole, every field wrapped, in a scrollable box. */
static void
view_record(struct tui_app *app, struct list_screen *l, const struct forms_record *rec)
{
    if (!rec)
        return;
    const struct forms_kind *k = l->kind;
    char **lines = sk_xcalloc(k->n_fields + 1, sizeof *lines);
    size_t n = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        char buf[4096];
        const char *t =
            forms_value_format(&k->fields[i], &rec->values[i], FS_DISPLAY, buf, sizeof buf);
        lines[n++] = sk_xasprintf("%s: %s", forms_field_label(&k->fields[i]), t);
    }
    tui_textbox(app, forms_kind_label(k), (const char *const *)lines, n);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* p: the marked sheets, or the selected one when none is marked. */
static void
print_sheets(struct tui_app *app, struct list_screen *l, const struct forms_record *rec)
{
    if (l->kind != &forms_kind_observation) {
        tui_app_message(app, false, "%s", _("This key works in the observation list."));
        return;
    }
    if (l->n_marked)
        tui_print_sheets(app, l->marked, l->n_marked);
    else if (rec)
        tui_print_sheets(app, &rec->id, 1);
}

/* t: the selected staff member's record, or that of the sheet's teacher. */
static void
teacher_record(struct tui_app *app, struct list_screen *l, const struct forms_record *rec)
{
    if (l->kind != &forms_kind_observation && l->kind != &forms_kind_staff) {
        tui_app_message(app, false, "%s",
                        _("This key works in the staff list and the observation list."));
        return;
    }
    if (!rec)
        return;
    int64_t id = rec->id;
    if (l->kind == &forms_kind_observation) {
        const struct forms_value *v = &rec->values[forms_field_index(l->kind, "teacher")];
        id = v->is_set ? v->i : 0;
    }
    if (id == 0)
        tui_app_message(app, true, "%s", _("This sheet names no teacher."));
    else
        tui_teacher_show(app, id);
}

/* `a`: all records, or only the kind's usual ones (forms_kind.scope). */
static void
toggle_scope(struct tui_app *app, struct list_screen *l)
{
    if (!l->kind->scope) {
        tui_app_message(app, false, "%s", _("This list shows all records already."));
        return;
    }
    l->q.is_scoped = !l->q.is_scoped;
    const struct forms_record *rec = current(l);
    l->keep_id = rec ? rec->id : 0;
    reload(app, l);
}

static enum tui_result
list_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct list_screen *l = (struct list_screen *)s;
    const struct forms_record *rec = current(l);
    if (needs_count(l, a))
        count_now(app, l);
    if (tui_win_navigate(&l->win, a))
        return TUI_HANDLED;
    bool is_clear = a == TA_FILL && !l->kind->fill_field; /* F clears the filters there */
    if (is_change_key(a) && !is_clear && tui_refused(app, l->kind))
        return TUI_HANDLED;
    switch (a) {
    case TA_NEW:
        open_editor(app, l, 0);
        return TUI_HANDLED;
    case TA_EDIT:
        if (rec)
            open_editor(app, l, rec->id);
        return TUI_HANDLED;
    case TA_DELETE:
        delete_current(app, l);
        return TUI_HANDLED;
    case TA_MARK:
        if (rec) {
            mark_toggle(l, rec->id);
            tui_win_move(&l->win, 1);
        }
        return TUI_HANDLED;
    case TA_UNMARK_ALL:
        l->n_marked = 0;
        return TUI_HANDLED;
    case TA_BULK:
        bulk_change(app, l);
        return TUI_HANDLED;
    case TA_SORT:
    case TA_SORT_REVERSE:
        if (a == TA_SORT)
            next_sort(l);
        else {
            l->is_reversed = !l->is_reversed;
            apply_sort(l);
        }
        l->keep_id = rec ? rec->id : 0;
        reload(app, l);
        return TUI_HANDLED;
    case TA_FILTER:
        ask_filter(app, l);
        return TUI_HANDLED;
    case TA_FIELD_FILTER:
        ask_field_filter(app, l);
        return TUI_HANDLED;
    case TA_HISTORY:
        if (rec)
            show_history(app, l, rec);
        return TUI_HANDLED;
    case TA_IMPORT: {
        struct tui_screen *imp = tui_import_new(app, l->kind);
        if (imp)
            tui_app_push(app, imp);
        return TUI_HANDLED;
    }
    case TA_EXPORT:
        tui_export_run(app, &l->q);
        return TUI_HANDLED;
    case TA_YEAR:
        toggle_year(app, l);
        return TUI_HANDLED;
    case TA_FILL:
        /* F fills the year's table where there is one; elsewhere it clears
         * the filters (there f offers "clear all filters") */
        if (l->kind->fill_field)
            fill_year(app, l);
        else
            clear_filters(app, l);
        return TUI_HANDLED;
    case TA_ALL:
        toggle_scope(app, l);
        return TUI_HANDLED;
    case TA_LABELS:
        if (l->kind != &forms_kind_device)
            tui_app_message(app, false, "%s", _("This key works in the device list."));
        else
            tui_device_labels(app, l->marked, l->n_marked);
        return TUI_HANDLED;
    case TA_LEND:
    case TA_RETURN:
        if (l->kind != &forms_kind_device) {
            tui_app_message(app, false, "%s", _("This key works in the device list."));
        } else if (rec &&
                   (a == TA_LEND ? tui_device_lend(app, rec) : tui_device_return(app, rec))) {
            l->keep_id = rec->id;
            counts_forget(l);
            reload(app, l);
        }
        return TUI_HANDLED;
    case TA_UNOBSERVED:
        if (l->kind == &forms_kind_observation)
            tui_unobserved_show(app);
        else
            tui_app_message(app, false, "%s", _("This key works in the observation list."));
        return TUI_HANDLED;
    case TA_MINE:
        toggle_mine(app, l);
        return TUI_HANDLED;
    case TA_PRINT:
        print_sheets(app, l, rec);
        return TUI_HANDLED;
    case TA_TEACHER:
        teacher_record(app, l, rec);
        return TUI_HANDLED;
    case TA_VIEW:
        view_record(app, l, rec);
        return TUI_HANDLED;
    case TA_BACK:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static void
list_resume(struct tui_screen *s, struct tui_app *app)
{
    struct list_screen *l = (struct list_screen *)s;
    const struct forms_record *rec = current(l);
    l->keep_id = app->saved_id ? app->saved_id : rec ? rec->id : 0;
    app->saved_id = 0;
    l->is_stale = true;
    counts_forget(l); /* the records may have changed meanwhile */
}

/* The count a filter left pending, abandoned as soon as a key is waiting. */
static bool
list_work(struct tui_screen *s, struct tui_app *app)
{
    struct list_screen *l = (struct list_screen *)s;
    if (l->is_page_pending && !l->is_stale) {
        reload_count_later(app, l);
        return !l->is_page_pending;
    }
    if (!l->is_count_pending || l->is_stale)
        return false;
    struct sk_error err = {0};
    int64_t n = 0;
    if (storage_count_cancellable(app->opts->db, &l->q, NULL, &n, tui_app_should_stop, app, &err)) {
        count_done(l, n);
        return true;
    }
    if (err.code == SK_ECANCELLED)
        return false; /* offered again when the keys stop */
    report(app, &err);
    l->is_count_pending = false;
    return true;
}

static void
list_close(struct tui_screen *s)
{
    struct list_screen *l = (struct list_screen *)s;
    if (l->db && l->n_cols > 0)
        view_save(l->db, l);
    storage_page_fini(&l->page);
    forms_record_fini(&l->anchor);
    free(l->filter);
    free(l->scope_help);
    free(l->marked);
    counts_forget(l);
    tui_filters_clear(&l->fl);
    free(l->saved_view);
    free(l);
}

static const struct tui_screen_ops list_ops = {
    .draw = list_draw,
    .on_action = list_action,
    .on_resume = list_resume,
    .close = list_close,
    .on_work = list_work,
};

unsigned
tui_list_features(const struct forms_kind *kind)
{
    unsigned f = kind->fill_field ? TK_FILL : TK_NO_FILL;
    if (kind == &forms_kind_device)
        f |= TK_DEVICE;
    if (kind == &forms_kind_observation)
        f |= TK_OBS | TK_TEACHER;
    if (kind == &forms_kind_staff)
        f |= TK_TEACHER;
    if (tui_mine_field(kind) >= 0)
        f |= TK_MINE;
    if (has_year(kind))
        f |= TK_YEAR;
    if (kind->scope)
        f |= TK_SCOPE;
    return f;
}

struct tui_screen *
tui_list_new(struct tui_app *app, const struct forms_kind *kind)
{
    struct list_screen *l = sk_xcalloc(1, sizeof *l);
    l->base.ops = &list_ops;
    /* the kind's own keys only: its help and hints name no other list's */
    l->own_map = tui_keys_list;
    l->own_map.keys = l->own_keys;
    l->own_map.n_keys = tui_keys_filter(&tui_keys_list, tui_list_features(kind), l->own_keys,
                                        SK_ARRAY_LEN(l->own_keys));
    l->base.keys = &l->own_map;
    for (size_t i = 0; i < l->own_map.n_keys && kind->scope; i++) {
        /* `a` says what this kind leaves out, not what other kinds do */
        if (l->own_keys[i].action != TA_ALL)
            continue;
        l->scope_help = sk_xasprintf(_("Show all records, or only the usual ones (%s)"),
                                     forms_scope_label(kind->scope));
        l->own_keys[i].help = l->scope_help;
    }
    l->kind = kind;
    l->db = app->opts->db;
    l->q.kind = kind;
    l->q.school_id = app->opts->school_id;
    l->q.sort_field = -1;
    l->q.is_scoped = kind->scope != NULL; /* written-off devices hidden until `a` */
    forms_record_init(&l->anchor, kind);
    build_columns(l);
    if (l->n_cols == 0) {
        tui_app_message(app, true, "%s", _("This record kind has no list columns."));
        list_close(&l->base);
        return NULL;
    }
    l->sort_col = 0;
    if (!col_sortable(l, 0))
        next_sort(l);
    /* a yearly table (one row per indicator and year) opens on the current
     * year, in the order of its rows */
    if (kind->fill_field && has_year(kind)) {
        l->by_year = true;
        l->q.year = app->year;
        for (size_t c = 0; c < l->n_cols; c++)
            if (l->cols[c].field == forms_field_index(kind, kind->fill_field))
                l->sort_col = c;
    }
    /* the observation list opens on the current school year: the sheets of
     * this year are the ones being worked on (y shows every year) */
    if (kind == &forms_kind_observation && has_year(kind)) {
        l->by_year = true;
        l->q.year = app->year;
    }
    view_restore(app, l);
    apply_sort(l);
    if (!l->saved_view) /* as it opens: nothing to store unless it changes */
        l->saved_view = view_text(l);
    l->win.height = 1;
    l->is_stale = true;
    return &l->base;
}

/* Small modal widgets: the prompt line, the yes/no dialog, pick lists, a
 * scrollable text box and the multi-line editor, plus file-name completion.
 * Each is a screen run by tui_app_modal(); none reads input itself. */
#include "tui/internal.h"

#include <curses.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

/* ------------------------------------------------------------- helpers */

/* Display width of n bytes of s. */
static int
width_n(const char *s, size_t n)
{
    char buf[1024];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return forms_utf8_width(buf);
}

/* Byte length of the code point at s (1 for invalid bytes). */
static size_t
cp_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    for (size_t k = 1; k < n; k++)
        if (((unsigned char)s[k] & 0xc0) != 0x80)
            return 1;
    return n;
}

void
tui_draw_lineedit(struct tui_app *app, int y, int x, int w, const struct forms_lineedit *le,
                  bool has_cursor)
{
    const char *buf = le->buf ? le->buf : "";
    size_t start = 0;
    if (has_cursor) {
        while (start < le->cursor && width_n(buf + start, le->cursor - start) >= w)
            start += cp_len(buf + start);
    }
    /* text past the right edge ends in "…", unless the cursor stands in
     * the last column (it would hide the character under the cursor) */
    bool is_marked = !has_cursor || width_n(buf + start, le->cursor - start) < w - 1;
    if (is_marked)
        tui_put(y, x, buf + start, w, true);
    else
        tui_put_clip(y, x, buf + start, w, true);
    if (has_cursor) {
        app->cursor_y = y;
        app->cursor_x = x + width_n(buf + start, le->cursor - start);
    }
}

/* Splits text into lines of at most `width` columns at spaces. Returns the
 * count; lines[i] are owned. */
static size_t
wrap(const char *text, int width, char **lines, size_t max)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < max) {
        size_t fit = forms_utf8_prefix_for_width(p, width);
        const char *nl = memchr(p, '\n', fit);
        size_t take = nl ? (size_t)(nl - p) : fit;
        if (!nl && p[fit] != '\0') {
            size_t sp = take;
            while (sp > 0 && p[sp] != ' ')
                sp--;
            if (sp > 0)
                take = sp;
        }
        if (take == 0 && !nl)
            take = cp_len(p);
        lines[n++] = sk_xstrndup(p, take);
        p += take;
        if (*p == '\n' || *p == ' ')
            p++;
    }
    return n;
}

/* Appends the rows of text wrapped at `width` columns (at spaces where it
 * can, between characters where a word is longer) to *rows (owned strings,
 * grown as needed); an empty text is one empty row. */
static void
wrap_append(const char *text, int width, char ***rows, size_t *n, size_t *cap)
{
    const char *p = text;
    do {
        size_t fit = forms_utf8_prefix_for_width(p, width < 1 ? 1 : width);
        const char *nl = memchr(p, '\n', fit);
        size_t take = nl ? (size_t)(nl - p) : fit;
        if (!nl && p[fit] != '\0' && p[fit] != '\n') {
            size_t sp = take;
            while (sp > 0 && p[sp] != ' ')
                sp--;
            if (sp > 0)
                take = sp;
        }
        if (take == 0 && !nl && *p && *p != '\n')
            take = cp_len(p);
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 32;
            *rows = sk_xrealloc(*rows, *cap * sizeof **rows);
        }
        (*rows)[(*n)++] = sk_xstrndup(p, take);
        p += take;
        if (*p == '\n' || *p == ' ')
            p++;
    } while (*p);
}

/* -------------------------------------------------------------- prompt */

struct prompt {
    struct tui_screen base;
    const char *label;
    struct forms_lineedit le;
    tui_change_fn on_change;
    tui_complete_fn complete;
    void *ctx;
    bool is_accepted;
};

static void
prompt_draw(struct tui_screen *s, struct tui_app *app)
{
    struct prompt *p = (struct prompt *)s;
    int y = LINES - 1;
    tui_blank(y, 0, COLS);
    attron(A_BOLD);
    int lw = tui_put(y, 0, p->label, COLS / 2, false);
    attroff(A_BOLD);
    tui_draw_lineedit(app, y, lw + 1, COLS - lw - 2, &p->le, true);
}

static enum tui_result
prompt_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct prompt *p = (struct prompt *)s;
    int op = tui_keys_le_op(a);
    if (op >= 0) {
        forms_le_apply(&p->le, (enum forms_le_op)op);
        if (p->on_change)
            p->on_change(p->ctx, app, p->le.buf);
        return TUI_HANDLED;
    }
    switch (a) {
    case TA_SELECT:
        p->is_accepted = true;
        return TUI_CLOSE;
    case TA_CANCEL:
        return TUI_CLOSE;
    case TA_COMPLETE:
        if (p->complete)
            p->complete(p->ctx, app, &p->le);
        return TUI_HANDLED;
    default:
        return TUI_IGNORED;
    }
}

static enum tui_result
prompt_char(struct tui_screen *s, struct tui_app *app, const char *utf8, size_t n)
{
    struct prompt *p = (struct prompt *)s;
    if (forms_le_insert(&p->le, utf8, n) && p->on_change)
        p->on_change(p->ctx, app, p->le.buf);
    return TUI_HANDLED;
}

static const struct tui_screen_ops prompt_ops = {
    .draw = prompt_draw,
    .on_action = prompt_action,
    .on_char = prompt_char,
};

char *
tui_prompt(struct tui_app *app, const char *label, const char *initial, tui_change_fn on_change,
           tui_complete_fn complete, void *ctx)
{
    struct prompt p;
    memset(&p, 0, sizeof p);
    p.base.ops = &prompt_ops;
    p.base.keys = &tui_keys_prompt;
    p.label = label;
    p.on_change = on_change;
    p.complete = complete;
    p.ctx = ctx;
    forms_le_init(&p.le, initial ? initial : "", 1000);
    tui_app_modal(app, &p.base);
    char *out = p.is_accepted ? sk_xstrdup(p.le.buf ? p.le.buf : "") : NULL;
    forms_le_fini(&p.le);
    return out;
}

/* ------------------------------------------------------------- confirm */

struct confirm {
    struct tui_screen base;
    const char *question;
    bool answer;
};

static void
confirm_draw(struct tui_screen *s, struct tui_app *app)
{
    (void)app;
    struct confirm *c = (struct confirm *)s;
    char *lines[8];
    int w = COLS - 10 < 64 ? COLS - 10 : 64;
    size_t n = wrap(c->question, w - 4, lines, SK_ARRAY_LEN(lines));
    int h = (int)n + 4;
    int y = (LINES - h) / 2, x = (COLS - w) / 2;
    tui_box(y, x, h, w, _("Please confirm"));
    for (size_t i = 0; i < n; i++) {
        tui_put(y + 1 + (int)i, x + 2, lines[i], w - 4, false);
        free(lines[i]);
    }
    char keys[128];
    snprintf(keys, sizeof keys, "%s   %s", _("y = yes"), _("n = no"));
    attron(A_BOLD);
    tui_put(y + h - 2, x + 2, keys, w - 4, false);
    attroff(A_BOLD);
    tui_help_hints(&tui_keys_confirm, LINES - 1);
}

static enum tui_result
confirm_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    (void)app;
    struct confirm *c = (struct confirm *)s;
    if (a == TA_YES || a == TA_NO) {
        c->answer = a == TA_YES;
        return TUI_CLOSE;
    }
    return TUI_IGNORED;
}

static const struct tui_screen_ops confirm_ops = {
    .draw = confirm_draw,
    .on_action = confirm_action,
};

bool
tui_confirm(struct tui_app *app, const char *question)
{
    struct confirm c;
    memset(&c, 0, sizeof c);
    c.base.ops = &confirm_ops;
    c.base.keys = &tui_keys_confirm;
    c.question = question;
    tui_app_modal(app, &c.base);
    return c.answer;
}

/* ----------------------------------------------------- pick and checklist */

struct pick {
    struct tui_screen base;
    const char *title;
    const char *const *items;
    const char *const *whole; /* F3's texts when the items are cut, or NULL */
    size_t n;
    bool *checked; /* NULL for a plain pick list */
    struct tui_win win;
    char search[64]; /* typed so far */
    size_t search_len;
    bool is_accepted;
};

static void
pick_draw(struct tui_screen *s, struct tui_app *app)
{
    (void)app;
    struct pick *p = (struct pick *)s;
    int w = 20 + 6;
    for (size_t i = 0; i < p->n; i++) {
        int iw = forms_utf8_width(p->items[i]) + 8;
        if (iw > w)
            w = iw;
    }
    int tw = forms_utf8_width(p->title) + 6;
    if (tw > w)
        w = tw;
    if (w > COLS - 4)
        w = COLS - 4;
    int rows = (int)p->n < LINES - 6 ? (int)p->n : LINES - 6;
    if (rows < 1)
        rows = 1;
    p->win.n = (int64_t)p->n;
    p->win.height = rows;
    tui_win_clamp(&p->win);
    int h = rows + 2;
    int y = (LINES - h) / 2, x = (COLS - w) / 2;
    tui_box(y, x, h, w, p->title);
    for (int r = 0; r < rows && p->win.top + r < p->win.n; r++) {
        size_t i = (size_t)(p->win.top + r);
        bool is_cur = (int64_t)i == p->win.cursor;
        char line[600];
        if (p->checked)
            snprintf(line, sizeof line, "[%s] %s", p->checked[i] ? "x" : " ", p->items[i]);
        else
            snprintf(line, sizeof line, " %s", p->items[i]);
        if (is_cur)
            attron(tui_attr(TS_CURSOR));
        tui_put(y + 1 + r, x + 1, line, w - 2, true);
        if (is_cur)
            attroff(tui_attr(TS_CURSOR));
    }
    tui_help_hints(p->base.keys, LINES - 1);
}

static enum tui_result
pick_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct pick *p = (struct pick *)s;
    p->search_len = 0;
    p->search[0] = '\0';
    if (tui_win_navigate(&p->win, a))
        return TUI_HANDLED;
    switch (a) {
    case TA_TOGGLE:
        if (p->checked && p->n > 0)
            p->checked[p->win.cursor] = !p->checked[p->win.cursor];
        return TUI_HANDLED;
    case TA_VIEW: /* an item wider than the screen, cut with "…" */
        if (p->n > 0)
            tui_textbox(app, p->title, &(p->whole ? p->whole : p->items)[p->win.cursor], 1);
        return TUI_HANDLED;
    case TA_SELECT:
        p->is_accepted = p->n > 0;
        return TUI_CLOSE;
    case TA_CANCEL:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

/* The first item at or after `from` (wrapping) whose folded label starts
 * with the folded `prefix`, or -1. */
static int64_t
pick_find(const struct pick *p, size_t from, const char *prefix)
{
    char want[64], have[256];
    size_t n = forms_fold(prefix, want, sizeof want);
    if (n == 0)
        return -1;
    for (size_t k = 0; k < p->n; k++) {
        size_t i = (from + k) % p->n;
        forms_fold(p->items[i], have, sizeof have);
        if (strncmp(have, want, n) == 0)
            return (int64_t)i;
    }
    return -1;
}

/* Typing jumps to the item starting with what was typed ("sta" → Status);
 * a letter that continues no item starts a new search. */
static enum tui_result
pick_char(struct tui_screen *s, struct tui_app *app, const char *utf8, size_t n)
{
    (void)app;
    struct pick *p = (struct pick *)s;
    if (p->n == 0)
        return TUI_HANDLED;
    if (p->search_len + n < sizeof p->search) {
        memcpy(p->search + p->search_len, utf8, n);
        p->search_len += n;
        p->search[p->search_len] = '\0';
    }
    int64_t i = pick_find(p, (size_t)p->win.cursor, p->search);
    if (i < 0) {
        memcpy(p->search, utf8, n < sizeof p->search ? n : 0);
        p->search_len = n < sizeof p->search ? n : 0;
        p->search[p->search_len] = '\0';
        i = pick_find(p, (size_t)p->win.cursor + 1, p->search);
    }
    if (i >= 0) {
        p->win.cursor = i;
        tui_win_clamp(&p->win);
    }
    return TUI_HANDLED;
}

static const struct tui_screen_ops pick_ops = {
    .draw = pick_draw,
    .on_action = pick_action,
    .on_char = pick_char,
};

int
tui_pick(struct tui_app *app, const char *title, const char *const *items, size_t n, int initial)
{
    return tui_pick_in(app, &tui_keys_pick, title, items, NULL, n, initial);
}

int
tui_pick_in(struct tui_app *app, const struct tui_keymap *keys, const char *title,
            const char *const *items, const char *const *whole, size_t n, int initial)
{
    struct pick p;
    memset(&p, 0, sizeof p);
    p.base.ops = &pick_ops;
    p.base.keys = keys;
    p.title = title;
    p.items = items;
    p.whole = whole;
    p.n = n;
    p.win.n = (int64_t)n;
    p.win.height = 1;
    p.win.cursor = initial > 0 ? initial : 0;
    tui_win_clamp(&p.win);
    tui_app_modal(app, &p.base);
    return p.is_accepted ? (int)p.win.cursor : -1;
}

bool
tui_checklist(struct tui_app *app, const char *title, const char *const *items, size_t n,
              bool *checked)
{
    struct pick p;
    memset(&p, 0, sizeof p);
    p.base.ops = &pick_ops;
    p.base.keys = &tui_keys_checklist;
    p.title = title;
    p.items = items;
    p.n = n;
    p.checked = sk_xcalloc(n ? n : 1, sizeof(bool));
    memcpy(p.checked, checked, n * sizeof(bool));
    p.win.n = (int64_t)n;
    p.win.height = 1;
    tui_app_modal(app, &p.base);
    if (p.is_accepted)
        memcpy(checked, p.checked, n * sizeof(bool));
    free(p.checked);
    return p.is_accepted;
}

/* -------------------------------------------------------------- text box */

struct textbox {
    struct tui_screen base;
    const char *title;
    const char *const *lines;
    size_t n;
    int scroll;
};

/* The lines are wrapped at the box's width as it is drawn: nothing is cut,
 * whatever the terminal's size; scroll counts wrapped rows. */
static void
textbox_draw(struct tui_screen *s, struct tui_app *app)
{
    (void)app;
    struct textbox *t = (struct textbox *)s;
    int w = COLS - 4, h = LINES - 4;
    int rows = h - 2;
    char **wrapped = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < t->n; i++)
        wrap_append(t->lines[i] ? t->lines[i] : "", w - 4, &wrapped, &n, &cap);
    int max_scroll = (int)n - rows;
    if (t->scroll > max_scroll)
        t->scroll = max_scroll;
    if (t->scroll < 0)
        t->scroll = 0;
    tui_box(2, 2, h, w, t->title);
    for (int r = 0; r < rows && t->scroll + r < (int)n; r++)
        tui_put(3 + r, 4, wrapped[t->scroll + r], w - 4, false);
    if (t->scroll + rows < (int)n)
        tui_put(2 + h - 1, 2 + w - 4, "▼", 1, false);
    if (t->scroll > 0)
        tui_put(2, 2 + w - 4, "▲", 1, false);
    for (size_t i = 0; i < n; i++)
        free(wrapped[i]);
    free(wrapped);
    tui_help_hints(&tui_keys_text, LINES - 1);
}

static enum tui_result
textbox_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    (void)app;
    struct textbox *t = (struct textbox *)s;
    int page = LINES - 7;
    switch (a) {
    case TA_UP:
        t->scroll--;
        return TUI_HANDLED;
    case TA_DOWN:
        t->scroll++;
        return TUI_HANDLED;
    case TA_PGUP:
        t->scroll -= page;
        return TUI_HANDLED;
    case TA_PGDN:
        t->scroll += page;
        return TUI_HANDLED;
    case TA_HOME:
        t->scroll = 0;
        return TUI_HANDLED;
    case TA_END:
        t->scroll = INT_MAX / 2; /* clamped to the last page when drawn */
        return TUI_HANDLED;
    case TA_BACK:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static const struct tui_screen_ops textbox_ops = {
    .draw = textbox_draw,
    .on_action = textbox_action,
};

void
tui_textbox(struct tui_app *app, const char *title, const char *const *lines, size_t n)
{
    struct textbox t;
    memset(&t, 0, sizeof t);
    t.base.ops = &textbox_ops;
    t.base.keys = &tui_keys_text;
    t.title = title;
    t.lines = lines;
    t.n = n;
    tui_app_modal(app, &t.base);
}

/* ------------------------------------------------------------ memo editor */

struct memo {
    struct tui_screen base;
    const char *title;
    struct forms_lineedit le;
    int width; /* text columns, set by draw */
    int scroll;
    bool is_accepted;
    tui_memo_draft_fn on_draft; /* may be NULL */
    void *draft_ctx;
    char *drafted; /* owned: the text last handed to on_draft */
};

/* Width of the code point at s. */
static int
cp_width(const char *s, size_t n)
{
    wchar_t wc;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t r = mbrtowc(&wc, s, n, &st);
    if (r == (size_t)-1 || r == (size_t)-2)
        return 1;
    int w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

/* Visual row and column of byte offset `at` with soft wrapping at width. */
static void
memo_pos(const char *buf, size_t len, size_t at, int width, int *row, int *col)
{
    int r = 0, c = 0;
    for (size_t i = 0; i < len && i < at;) {
        size_t n = cp_len(buf + i);
        if (buf[i] == '\n') {
            r++;
            c = 0;
        } else {
            int w = cp_width(buf + i, n);
            if (c + w > width) {
                r++;
                c = 0;
            }
            c += w;
        }
        i += n;
    }
    if (c >= width) {
        r++;
        c = 0;
    }
    *row = r;
    *col = c;
}

/* The byte offset nearest to (row, col), for Up/Down. */
static size_t
memo_offset(const char *buf, size_t len, int width, int row, int col)
{
    size_t best = 0;
    for (size_t i = 0;;) {
        int r, c;
        memo_pos(buf, len, i, width, &r, &c);
        if (r == row && c <= col)
            best = i;
        if (r > row)
            break;
        if (r < row)
            best = i;
        if (i >= len)
            break;
        i += cp_len(buf + i);
    }
    return best;
}

static void
memo_draw(struct tui_screen *s, struct tui_app *app)
{
    struct memo *m = (struct memo *)s;
    int w = COLS - 6, h = LINES - 4;
    int rows = h - 2;
    m->width = w - 4;
    tui_box(2, 3, h, w, m->title);
    int cr, cc;
    memo_pos(m->le.buf, m->le.len, m->le.cursor, m->width, &cr, &cc);
    if (cr < m->scroll)
        m->scroll = cr;
    if (cr >= m->scroll + rows)
        m->scroll = cr - rows + 1;
    /* draw by walking the text with the same wrapping as memo_pos */
    int r = 0, c = 0;
    for (size_t i = 0; i < m->le.len;) {
        size_t n = cp_len(m->le.buf + i);
        if (m->le.buf[i] == '\n') {
            r++;
            c = 0;
        } else {
            int cw = cp_width(m->le.buf + i, n);
            if (c + cw > m->width) {
                r++;
                c = 0;
            }
            if (r >= m->scroll && r < m->scroll + rows) {
                char one[8];
                memcpy(one, m->le.buf + i, n);
                one[n] = '\0';
                tui_put(3 + r - m->scroll, 5 + c, one, cw, false);
            }
            c += cw;
        }
        i += n;
    }
    app->cursor_y = 3 + cr - m->scroll;
    app->cursor_x = 5 + cc;
    tui_help_hints(&tui_keys_memo, LINES - 1);
}

static enum tui_result
memo_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    (void)app;
    struct memo *m = (struct memo *)s;
    int op = tui_keys_le_op(a);
    if (op >= 0) {
        forms_le_apply(&m->le, (enum forms_le_op)op);
        return TUI_HANDLED;
    }
    switch (a) {
    case TA_UP:
    case TA_DOWN: {
        int r, c;
        memo_pos(m->le.buf, m->le.len, m->le.cursor, m->width, &r, &c);
        r += a == TA_UP ? -1 : 1;
        if (r >= 0)
            m->le.cursor = memo_offset(m->le.buf, m->le.len, m->width, r, c);
        return TUI_HANDLED;
    }
    case TA_SELECT:
        forms_le_insert(&m->le, "\n", 1);
        return TUI_HANDLED;
    case TA_SAVE:
        m->is_accepted = true;
        return TUI_CLOSE;
    case TA_CANCEL:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static enum tui_result
memo_char(struct tui_screen *s, struct tui_app *app, const char *utf8, size_t n)
{
    (void)app;
    struct memo *m = (struct memo *)s;
    forms_le_insert(&m->le, utf8, n);
    return TUI_HANDLED;
}

/* No key for a few seconds: the owner may keep a draft of the text. */
static void
memo_idle(struct tui_screen *s, struct tui_app *app)
{
    struct memo *m = (struct memo *)s;
    const char *now = m->le.buf ? m->le.buf : "";
    if (!m->on_draft || strcmp(now, m->drafted) == 0)
        return;
    free(m->drafted);
    m->drafted = sk_xstrdup(now);
    m->on_draft(m->draft_ctx, app, now);
}

/* skola is being ended: the owner gets the box's text for its draft. */
static void
memo_terminate(struct tui_screen *s, struct tui_app *app)
{
    struct memo *m = (struct memo *)s;
    if (m->on_draft)
        m->on_draft(m->draft_ctx, app, m->le.buf ? m->le.buf : "");
}

static const struct tui_screen_ops memo_ops = {
    .draw = memo_draw,
    .on_action = memo_action,
    .on_char = memo_char,
    .on_idle = memo_idle,
    .on_terminate = memo_terminate,
};

bool
tui_memo_edit_draft(struct tui_app *app, const char *title, char **text, size_t max_chars,
                    tui_memo_draft_fn on_draft, void *ctx)
{
    struct memo m;
    memset(&m, 0, sizeof m);
    m.base.ops = &memo_ops;
    m.base.keys = &tui_keys_memo;
    m.title = title;
    m.width = 60;
    m.on_draft = on_draft;
    m.draft_ctx = ctx;
    m.drafted = sk_xstrdup(*text ? *text : "");
    forms_le_init(&m.le, *text ? *text : "", max_chars);
    m.le.multiline = true;
    tui_app_modal(app, &m.base);
    if (m.is_accepted) {
        free(*text);
        *text = sk_xstrdup(m.le.buf ? m.le.buf : "");
    }
    forms_le_fini(&m.le);
    free(m.drafted);
    return m.is_accepted;
}

bool
tui_memo_edit(struct tui_app *app, const char *title, char **text, size_t max_chars)
{
    return tui_memo_edit_draft(app, title, text, max_chars, NULL, NULL);
}

/* ------------------------------------------------------------ file names */

char *
tui_expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home)
        return sk_xasprintf("%s%s", home, path + 1);
    return sk_xstrdup(path);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
tui_complete_path(void *ctx, struct tui_app *app, struct forms_lineedit *le)
{
    (void)ctx;
    const char *text = le->buf ? le->buf : "";
    const char *slash = strrchr(text, '/');
    size_t dir_len = slash ? (size_t)(slash - text) + 1 : 0;
    char *dir_typed = sk_xstrndup(text, dir_len);
    const char *base = text + dir_len;
    char *dir = dir_len ? tui_expand_home(dir_typed) : sk_xstrdup(".");
    DIR *d = opendir(dir);
    if (!d) {
        tui_app_message(app, true, _("The folder “%s” cannot be read."), dir);
        free(dir);
        free(dir_typed);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    size_t blen = strlen(base);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (e->d_name[0] == '.' && base[0] != '.')
            continue;
        if (strncmp(e->d_name, base, blen) != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = sk_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = sk_xstrdup(e->d_name);
    }
    closedir(d);
    if (n == 0) {
        tui_app_message(app, true, "%s", _("No file name starts like that."));
    } else {
        qsort(names, n, sizeof *names, cmp_str);
        size_t common = strlen(names[0]);
        for (size_t i = 1; i < n; i++) {
            size_t k = 0;
            while (k < common && names[i][k] == names[0][k])
                k++;
            common = k;
        }
        char *completed = sk_xasprintf("%s%.*s", dir_typed, (int)common, names[0]);
        if (n == 1) {
            char *full = sk_xasprintf("%s/%s", dir, names[0]);
            struct stat st;
            if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
                char *with_slash = sk_xasprintf("%s/", completed);
                free(completed);
                completed = with_slash;
            }
            free(full);
        } else {
            char list[512] = "";
            size_t used = 0;
            for (size_t i = 0; i < n && used + 2 < sizeof list; i++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s  ", names[i]);
            tui_app_message(app, false, "%s", list);
        }
        forms_le_set(le, completed);
        free(completed);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
    free(dir_typed);
}

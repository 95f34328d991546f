/* Pure logic of the widgets: the list window arithmetic (cursor, top,
 * paging, what to fetch), column fitting and text sanitising. No curses
 * and no database here, so that all of it has unit tests. */
#include "tui/internal.h"

#include <string.h>

static int64_t
max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static int64_t
min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

void
tui_win_clamp(struct tui_win *w)
{
    if (w->height < 1)
        w->height = 1;
    if (w->n < 0)
        w->n = 0;
    w->cursor = w->n == 0 ? 0 : min64(max64(w->cursor, 0), w->n - 1);
    /* No empty space below the last row when the list is longer than the window. */
    w->top = min64(w->top, max64(w->n - w->height, 0));
    if (w->cursor < w->top)
        w->top = w->cursor;
    if (w->cursor >= w->top + w->height)
        w->top = w->cursor - w->height + 1;
    w->top = max64(w->top, 0);
}

void
tui_win_move(struct tui_win *w, int64_t delta)
{
    w->cursor += delta;
    tui_win_clamp(w);
}

void
tui_win_page(struct tui_win *w, int dir)
{
    int64_t step = dir > 0 ? w->height : -(int64_t)w->height;
    w->top += step;
    w->cursor += step;
    tui_win_clamp(w);
}

void
tui_win_home(struct tui_win *w)
{
    w->cursor = 0;
    w->top = 0;
    tui_win_clamp(w);
}

void
tui_win_end(struct tui_win *w)
{
    w->cursor = w->n - 1;
    w->top = w->n - w->height;
    tui_win_clamp(w);
}

bool
tui_win_navigate(struct tui_win *w, enum tui_action a)
{
    switch (a) {
    case TA_UP:
        tui_win_move(w, -1);
        return true;
    case TA_DOWN:
        tui_win_move(w, 1);
        return true;
    case TA_PGUP:
        tui_win_page(w, -1);
        return true;
    case TA_PGDN:
        tui_win_page(w, 1);
        return true;
    case TA_HOME:
        tui_win_home(w);
        return true;
    case TA_END:
        tui_win_end(w);
        return true;
    default:
        return false;
    }
}

void
tui_win_goto(struct tui_win *w, int64_t pos)
{
    int64_t row = w->cursor - w->top; /* keep the screen row */
    w->cursor = pos;
    w->top = pos - row;
    tui_win_clamp(w);
}

struct tui_fetch_plan
tui_win_plan(const struct tui_win *w, int64_t buf_start, size_t buf_n)
{
    struct tui_fetch_plan p = {TF_NONE, 0, 0};
    int64_t want_end = min64(w->top + w->height, w->n); /* exclusive */
    int64_t buf_end = buf_start + (int64_t)buf_n;
    size_t page = (size_t)w->height * 2;
    if (w->n == 0)
        return p;
    if (buf_n > 0 && w->top >= buf_start && want_end <= buf_end)
        return p;
    if (w->top == 0) {
        p.kind = TF_FIRST;
        p.limit = page;
    } else if (want_end >= w->n) {
        p.kind = TF_LAST;
        p.limit = page;
    } else if (buf_n > 0 && w->top - 1 >= buf_start && w->top - 1 < buf_end) {
        /* scrolled forwards: continue after the row above the window */
        p.kind = TF_AFTER;
        p.anchor = w->top - 1;
        p.limit = page;
    } else if (buf_n > 0 && want_end >= buf_start && want_end < buf_end) {
        /* scrolled backwards: the rows before the row below the window */
        p.kind = TF_BEFORE;
        p.anchor = want_end;
        p.limit = page;
    } else {
        /* a jump no anchor reaches: the caller resolves it (or starts over) */
        p.kind = TF_FIRST;
        p.limit = page;
    }
    return p;
}

/* Screen columns used by the shown columns and their separators. */
static int
columns_total(const int *widths, size_t n)
{
    int total = 0, shown = 0;
    for (size_t i = 0; i < n; i++)
        if (widths[i] > 0) {
            total += widths[i];
            shown++;
        }
    return shown > 0 ? total + shown - 1 : 0;
}

size_t
tui_columns_layout(const struct tui_col_spec *cols, size_t n, int avail, int *widths)
{
    size_t shown = n;
    for (size_t i = 0; i < n; i++)
        widths[i] = cols[i].min > 0 ? cols[i].min : 1;
    /* leave out the least important columns (the later of equals) */
    while (shown > 0 && columns_total(widths, n) > avail) {
        size_t drop = n;
        for (size_t i = n; i-- > 0;)
            if (widths[i] > 0 && !cols[i].is_kept &&
                (drop == n || cols[i].priority < cols[drop].priority))
                drop = i;
        if (drop == n)
            break;
        widths[drop] = 0;
        shown--;
    }
    /* only kept columns and still too wide: the last ones are cut, or go */
    for (size_t i = n; i-- > 0 && shown > 0 && columns_total(widths, n) > avail;) {
        if (widths[i] == 0)
            continue;
        widths[i] -= columns_total(widths, n) - avail;
        if (widths[i] <= 0) {
            widths[i] = 0;
            shown--;
        }
    }
    int spare = avail - columns_total(widths, n);
    /* towards the width that cuts nothing, the more important (earlier) first */
    for (size_t i = 0; i < n && spare > 0; i++) {
        if (widths[i] == 0 || cols[i].want <= widths[i])
            continue;
        int add = cols[i].want - widths[i] < spare ? cols[i].want - widths[i] : spare;
        widths[i] += add;
        spare -= add;
    }
    /* the rest is shared among the columns that can use it (text) */
    bool has_grown = true;
    while (spare > 0 && has_grown) {
        has_grown = false;
        for (size_t i = 0; i < n && spare > 0; i++)
            if (widths[i] > 0 && widths[i] < cols[i].max) {
                widths[i]++;
                spare--;
                has_grown = true;
            }
    }
    return shown;
}

/* Length of the UTF-8 sequence starting with byte c, or 0 if c cannot start one. */
static size_t
seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/* Whether the character s[0..len) (len > 1, well-formed) would change the
 * screen without being seen: bidi controls (U+202E turns what follows
 * around), zero-width and other invisible characters stored by another
 * program. The zero-width joiner and variation selectors only shape the
 * character before them, and stay. */
static bool
is_hidden(const unsigned char *s, size_t len)
{
    int32_t cp =
        len == 2   ? (s[0] & 0x1f) << 6 | (s[1] & 0x3f)
        : len == 3 ? (s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f)
                   : (s[0] & 0x07) << 18 | (s[1] & 0x3f) << 12 | (s[2] & 0x3f) << 6 | (s[3] & 0x3f);
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F))
        return false;
    return forms_utf8_is_invisible(cp);
}

size_t
tui_sanitize(const char *in, char *out, size_t cap, bool keep_newlines)
{
    size_t o = 0;
    if (cap == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    while (*s && o + 1 < cap) {
        size_t len = seq_len(*s);
        bool ok = len > 0;
        for (size_t k = 1; ok && k < len; k++)
            ok = (s[k] & 0xc0) == 0x80;
        if (ok && len == 1 && (*s < 0x20 || *s == 0x7f)) {
            if (*s == '\n' && keep_newlines)
                out[o++] = '\n';
            else
                out[o++] = (*s == '\n' || *s == '\t') ? ' ' : '?';
            s++;
            continue;
        }
        if (ok && len == 2 && s[0] == 0xc2 && s[1] < 0xa0) { /* C1 controls */
            out[o++] = '?';
            s += 2;
            continue;
        }
        if (!ok) {
            out[o++] = '?';
            s++;
            continue;
        }
        if (len > 1 && is_hidden(s, len)) {
            out[o++] = '?';
            s += len;
            continue;
        }
        if (o + len >= cap)
            break;
        memcpy(out + o, s, len);
        o += len;
        s += len;
    }
    out[o] = '\0';
    return o;
}

size_t
tui_cut(char *buf, size_t cap, int cols)
{
    size_t n = forms_utf8_prefix_for_width(buf, cols > 0 ? cols : 0);
    if (buf[n] != '\0' && cols > 0) {
        /* whole characters only, and "…" (one column) says it was cut */
        n = forms_utf8_prefix_for_width(buf, cols - 1);
        while (n > 0 && n + sizeof "…" > cap) /* room for "…": back to a character's start */
            while (n > 0 && ((unsigned char)buf[--n] & 0xc0) == 0x80)
                ;
        while (n > 0 && buf[n - 1] == ' ')
            n--; /* "Purchase…", not "Purchase …" */
        if (n + sizeof "…" <= cap) {
            memcpy(buf + n, "…", sizeof "…");
            return n + sizeof "…" - 1;
        }
    }
    buf[n] = '\0';
    return n;
}

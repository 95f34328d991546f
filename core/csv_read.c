/* The one CSV reader of skola (internal.h, struct core_csv): libcsv fed one
 * physical line at a time, so that the line where each record starts is
 * known, with the separator detected from the header line and the quotes
 * checked before libcsv sees a line.
 *
 * libcsv reads `"14" ekrāns` as a quoted value that goes on after the
 * second quote, swallowing every following record up to the next quote; its
 * CSV_STRICT mode stops there but also refuses a lone quote inside an
 * unquoted value (`14"`, which libcsv reads right) and gives no column. So
 * the quote states are tracked here, byte by byte as libcsv goes: text
 * after the closing quote of a quoted value is a stray quote, and a line
 * inside a quoted value (the line where it closes included, up to the quote
 * and with the separators after it) that has as many record-like
 * separators as the header (a record of its own, swallowed) is refused with
 * the line where the quote opened; see separator_kind() for what prose
 * looks like. */
#include "core/internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* libcsv's parser states (csv.c); struct csv_parser's pstate is public. */
enum { PS_ROW_NOT_BEGUN = 0, PS_FIELD_BEGUN = 2 };

/* Give up looking for the end of the header line after this many bytes. */
#define HEADER_SCAN_MAX (1024 * 1024)

/* Where the quote check is, as libcsv would be. */
enum quote_state {
    QS_START,   /* before a value (leading spaces skipped) */
    QS_PLAIN,   /* inside an unquoted value */
    QS_QUOTED,  /* inside a quoted value */
    QS_AFTER_Q, /* a quote inside a quoted value: closing, or the first of "" */
};

struct core_csv_state {
    struct csv_parser p;
    long line;          /* physical line being fed (1-based) */
    bool at_line_start; /* the next byte fed starts a line */
    char *cells;        /* owned: the record's cells, each NUL-terminated */
    size_t cells_len, cells_cap;
    size_t *off, *len;       /* owned: offset and length of cell i in cells */
    size_t cap;              /* cell slots allocated */
    bool stop;               /* the row callback asked to stop */
    bool failed;             /* a quote problem was reported */
    struct sk_error failure; /* the problem, for a caller without on_problem */
    core_error_fn on_problem;
    void *pctx;
    core_csv_row_fn fn;
    void *ctx;
    size_t header_cells; /* cells of the first record, 0 before it */
    /* the quote check */
    enum quote_state qs;
    long q_cell;    /* 1-based cell of the record being scanned */
    long open_line; /* line where the current quoted value opened */
    long open_cell; /* its cell */
    /* the swallow check of the physical line being scanned */
    bool line_fresh;  /* the next byte scanned starts a line */
    bool line_inside; /* the line starts inside a quoted value */
    bool line_open;   /* ... and is still inside it */
    long from_line;   /* where that value opened */
    long from_cell;
    size_t tight;   /* record-like separators in that value on this line */
    size_t spaced;  /* ... followed by a space (prose) */
    size_t decimal; /* ... between digits (7,5) */
    size_t after;   /* separators after it closed on this line */
    char shape[16]; /* shape of the line's first cell (shape_add) */
    size_t shape_len;
    bool shape_done; /* the first cell ended */
    /* lines of the quoted value that look like records with cells left out */
    int short_lines;
    long short_first;
    /* line-ending evidence: what ends the header line ends every record */
    int rec_eol;       /* 0 before the header line ended, 1 LF, 2 CRLF */
    bool last_cr;      /* the last byte scanned was CR */
    bool start_cr;     /* the line break before this line was CRLF */
    size_t hdr_seps;   /* separators of the header line */
    size_t hdr_spaced; /* ... followed by a space (a file written with ", ") */
    size_t lead;       /* tight separators of the line before its first spaced one */
    bool multiline_ok; /* quoted values are taken as written (no swallow check) */
};

static int
is_space_char(unsigned char c)
{
    return c == ' ';
}

static void
problem(struct core_csv *c, long line, long column, const char *msg)
{
    struct core_csv_state *st = c->st;
    struct sk_error e = {.code = SK_EINVAL, .line = line, .column = column};
    snprintf(e.msg, sizeof e.msg, "%s", msg);
    st->failed = true;
    st->stop = true;
    st->failure = e;
    if (st->on_problem)
        st->on_problem(st->pctx, &e);
}

/* What the separator at s[i], inside a quoted value, looks like. */
enum sep_kind {
    SEP_TIGHT,   /* one of a record */
    SEP_SPACED,  /* followed by a space: prose */
    SEP_DECIMAL, /* 7,5: a decimal comma, or a record's 8,0 */
};

/* Prose puts a space after its commas and semicolons; a comma between
 * digits is a decimal comma unless the digit run after it ends at another
 * separator or goes on as 1.1 (a record's 2025,1.1,…); at the end of the
 * line it may be either (a record's last cells, 8,0). */
static enum sep_kind
separator_kind(const char *s, size_t n, size_t i, char sep)
{
    if (i + 1 < n && s[i + 1] == ' ')
        return SEP_SPACED;
    if (sep != ',' || i == 0 || i + 1 >= n || s[i - 1] < '0' || s[i - 1] > '9' || s[i + 1] < '0' ||
        s[i + 1] > '9')
        return SEP_TIGHT;
    size_t j = i + 1;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    if (j < n && (s[j] == sep || (s[j] == '.' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')))
        return SEP_TIGHT;
    return SEP_DECIMAL;
}

/* Adds the class of byte ch to a shape: a run of digits is 'd', of
 * letters (any non-ASCII byte counts as a letter) 'a', a space ' ', any
 * other character itself; "Q1" and "Q2" have the same shape, "2025" and
 * "2026" too, "Anna Ozola" and "Jānis Bērziņš" too, "Q2" and "Sadarbība"
 * not. */
static void
shape_add(char *shape, size_t *len, size_t cap, unsigned char ch)
{
    char k = ch >= '0' && ch <= '9'                                               ? 'd'
             : ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ? 'a'
                                                                                  : (char)ch;
    if (*len > 0 && shape[*len - 1] == k && (k == 'd' || k == 'a' || k == ' '))
        return;
    if (*len < cap)
        shape[(*len)++] = k;
}

/* Whether the first cell of the line (the would-be first value of a
 * swallowed record) has the shape of the first cell of the record that the
 * quoted value belongs to; when that cell is the quoted value itself there
 * is nothing to compare, and the line's separators decide alone. */
static bool
first_cell_alike(struct core_csv *c)
{
    struct core_csv_state *st = c->st;
    if (st->from_cell <= 1 || c->n == 0)
        return true;
    char shape[sizeof st->shape] = {0};
    size_t len = 0;
    const char *s = core_csv_text(c, 0);
    size_t n = st->len[0];
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && *s == ' ')
        s++, n--;
    for (size_t i = 0; i < n; i++)
        shape_add(shape, &len, sizeof shape, (unsigned char)s[i]);
    size_t own = st->shape_len;
    while (own > 0 && st->shape[own - 1] == ' ')
        own--;
    return own == len && memcmp(shape, st->shape, len) == 0;
}

/* At the end of a line that started inside a quoted value: refuses the
 * value when the line, up to the closing quote and with the separators
 * after it, has exactly as many separators as the header and none followed
 * by a space (a record of its own that a stray quote swallowed; the commas
 * between digits counted or not), or when two of its lines look like
 * records with cells left out at the end (as Excel writes them): at least 2
 * record-like separators and none of prose; either way with a first cell
 * shaped like the record's. */
static bool
check_swallowed(struct core_csv *c)
{
    struct core_csv_state *st = c->st;
    bool inside = st->line_inside;
    /* A line that follows a line break unlike the record ends (LF in a CRLF
     * file, CRLF in an LF file) is certainly part of a value, not a record:
     * skola's own exports write them so (csv_export.c), Excel too. */
    if (inside && st->rec_eol != 0 && st->rec_eol != (st->start_cr ? 2 : 1))
        inside = false;
    if (st->multiline_ok)
        inside = false;
    /* a header written with ", " writes its records so too */
    bool spaced_seps = st->hdr_seps > 0 && st->hdr_spaced == st->hdr_seps;
    size_t spaced = spaced_seps ? 0 : st->spaced;
    size_t k = st->tight + (spaced_seps ? st->spaced : 0) + (st->line_open ? 0 : st->after);
    long at = st->line;
    st->line_fresh = true;
    bool whole = false;
    if (inside && st->header_cells >= 2) {
        size_t h = st->header_cells - 1;
        /* as many separators as the header: a record; inside the value
         * whatever its first cell (Q1 and LVT-0002, 2026-01-15 and
         * 16.01.2026), with some after the closing quote (the cell's own
         * record going on) only with a first cell like the record's; or a
         * record whose last cell is prose ("1,Mērķi,1.2,Līdzdalība, x") */
        bool all_inside = st->line_open || st->after == 0;
        whole = (spaced == 0 && (k == h || k + st->decimal == h) &&
                 (all_inside || first_cell_alike(c))) ||
                (!spaced_seps && spaced > 0 && st->lead == h);
    }
    if (inside && !whole && st->header_cells >= 2 && spaced == 0 && first_cell_alike(c)) {
        size_t h = st->header_cells - 1;
        if (k >= 2 && k < h && st->decimal == 0 && st->from_cell > 1) {
            if (st->short_lines++ == 0)
                st->short_first = st->line;
            else
                at = st->short_first;
        }
    }
    if (!st->line_open)
        st->short_lines = 0; /* the value ended: the next one starts afresh */
    if (!whole && at == st->line)
        return true;
    char msg[sizeof((struct sk_error *)0)->msg];
    snprintf(msg, sizeof msg,
             _("the quoted value that starts here runs over line %ld, which looks like a "
               "record of its own; close the quote, or double a quote inside the value (if "
               "the line breaks belong to the value, import with --multiline-ok)"),
             at);
    problem(c, st->from_line, st->from_cell, msg);
    return false;
}

/* Counts a separator of the header line (before the first record end). */
static void
header_sep(struct core_csv_state *st, const char *s, size_t n, size_t i)
{
    if (st->rec_eol != 0)
        return;
    st->hdr_seps++;
    st->hdr_spaced += i + 1 < n && s[i + 1] == ' ';
}

/* Checks a piece of one physical line (the whole line ending with '\n', or
 * a part cut by the end of a chunk, or the last line) as libcsv will read
 * it. Returns false after reporting a problem. */
static bool
check_quotes(struct core_csv *c, const char *s, size_t n)
{
    struct core_csv_state *st = c->st;
    char sep = c->sep;
    if (st->line_fresh && n > 0) {
        st->line_fresh = false;
        st->line_inside = st->line_open = st->qs == QS_QUOTED || st->qs == QS_AFTER_Q;
        st->tight = st->spaced = st->decimal = st->after = st->lead = 0;
        st->start_cr = st->last_cr;
        st->last_cr = false;
        if (!st->line_inside)
            st->short_lines = 0;
        st->from_line = st->open_line;
        st->from_cell = st->open_cell;
        st->shape_len = 0;
        st->shape_done = false;
    }
    long chars = 0; /* characters of the line so far */
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (((unsigned char)ch & 0xC0) != 0x80)
            chars++;
        if (!st->shape_done) {
            if (ch == sep || ch == '"' || ch == '\n' || ch == '\r')
                st->shape_done = true;
            else if (st->shape_len > 0 || ch != ' ')
                shape_add(st->shape, &st->shape_len, sizeof st->shape, (unsigned char)ch);
        }
        switch (st->qs) {
        case QS_START:
            if (ch == '"') {
                st->qs = QS_QUOTED;
                st->open_line = st->line;
                st->open_cell = st->q_cell;
            } else if (ch == sep) {
                st->q_cell++;
                st->after++;
                header_sep(st, s, n, i);
            } else if (ch == '\n' || ch == '\r') {
                st->q_cell = 1;
            } else if (ch != ' ') {
                st->qs = QS_PLAIN;
            }
            break;
        case QS_PLAIN: /* a quote here is a character of the value */
            if (ch == sep) {
                st->qs = QS_START;
                st->q_cell++;
                st->after++;
                header_sep(st, s, n, i);
            } else if (ch == '\n' || ch == '\r') {
                st->qs = QS_START;
                st->q_cell = 1;
            }
            break;
        case QS_QUOTED:
            if (ch == '"')
                st->qs = QS_AFTER_Q;
            else if (ch == sep && st->line_open) {
                enum sep_kind k = separator_kind(s, n, i, sep);
                st->tight += k == SEP_TIGHT;
                st->lead += k == SEP_TIGHT && st->spaced == 0;
                st->spaced += k == SEP_SPACED;
                st->decimal += k == SEP_DECIMAL;
            }
            break;
        case QS_AFTER_Q:
            if (ch == '"') {
                st->qs = QS_QUOTED; /* "" inside a quoted value */
                break;
            }
            if (st->line_open) { /* the value the line started in closed */
                st->line_open = false;
                st->after = 0;
            }
            if (ch == sep) {
                st->qs = QS_START;
                st->q_cell++;
                st->after++;
                header_sep(st, s, n, i);
            } else if (ch == '\n' || ch == '\r') {
                st->qs = QS_START;
                st->q_cell = 1;
            } else if (ch != ' ') {
                char msg[sizeof((struct sk_error *)0)->msg];
                snprintf(msg, sizeof msg,
                         _("stray quote: text follows the closing quote of a quoted value "
                           "(character %ld of the line); double the quote or remove it"),
                         chars);
                problem(c, st->line, st->q_cell, msg);
                return false;
            }
            break;
        }
    }
    if (n > 0 && s[n - 1] == '\n') {
        if (n >= 2)
            st->last_cr = s[n - 2] == '\r';
        bool ok = check_swallowed(c);
        /* the first line that ends outside a quoted value is the header's */
        if (st->rec_eol == 0 && st->qs == QS_START)
            st->rec_eol = st->last_cr ? 2 : 1;
        return ok;
    }
    if (n > 0)
        st->last_cr = s[n - 1] == '\r';
    return true;
}

static void
on_cell(void *data, size_t n, void *vc)
{
    struct core_csv *c = vc;
    struct core_csv_state *st = c->st;
    if (st->stop)
        return;
    if (c->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 32;
        st->off = sk_xrealloc(st->off, st->cap * sizeof *st->off);
        st->len = sk_xrealloc(st->len, st->cap * sizeof *st->len);
    }
    if (st->cells_len + n + 1 > st->cells_cap) {
        while (st->cells_len + n + 1 > st->cells_cap)
            st->cells_cap = st->cells_cap ? 2 * st->cells_cap : 4096;
        st->cells = sk_xrealloc(st->cells, st->cells_cap);
    }
    char *dst = st->cells + st->cells_len;
    /* "a\r\nb" -> "a\nb" (Excel on Windows writes CRLF inside quoted values) */
    size_t k = 0;
    const char *src = data;
    if (n && memchr(src, '\r', n)) {
        for (size_t i = 0; i < n; i++)
            if (!(src[i] == '\r' && i + 1 < n && src[i + 1] == '\n'))
                dst[k++] = src[i];
    } else if (n) {
        memcpy(dst, src, n);
        k = n;
    }
    dst[k] = '\0';
    st->off[c->n] = st->cells_len;
    st->len[c->n] = k;
    st->cells_len += k + 1;
    c->n++;
}

static void
on_row(int ch, void *vc)
{
    (void)ch;
    struct core_csv *c = vc;
    struct core_csv_state *st = c->st;
    if (!st->stop && !st->header_cells)
        st->header_cells = c->n ? c->n : 1;
    if (!st->stop && !st->fn(st->ctx, c))
        st->stop = true;
    c->n = 0;
    st->cells_len = 0;
}

char *
core_csv_text(struct core_csv *c, size_t i)
{
    return c->st->cells + c->st->off[i];
}

size_t
core_csv_text_len(const struct core_csv *c, size_t i)
{
    return c->st->len[i];
}

bool
core_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

bool
core_csv_row_blank(struct core_csv *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (!core_is_blank(core_csv_text(c, i), c->st->len[i]))
            return false;
    return true;
}

/* Feeds n bytes, splitting them at '\n' so that the start line of each
 * record is known. Returns false when libcsv runs out of memory. */
static bool
feed(struct core_csv *c, const char *buf, size_t n)
{
    struct core_csv_state *st = c->st;
    while (n > 0 && !st->stop) {
        if (st->at_line_start) {
            if (st->p.pstate == PS_ROW_NOT_BEGUN)
                c->row_line = st->line;
            st->at_line_start = false;
        }
        const char *nl = memchr(buf, '\n', n);
        size_t k = nl ? (size_t)(nl - buf) + 1 : n;
        if (!check_quotes(c, buf, k))
            return true;
        if (csv_parse(&st->p, buf, k, on_cell, on_row, c) != k)
            return false;
        if (nl) {
            st->line++;
            st->at_line_start = true;
        }
        buf += k;
        n -= k;
    }
    return true;
}

/* The separator of the first non-blank line: the most frequent of ',', ';'
 * and TAB outside quotes (',' on ties and when there is none). A separator
 * followed by a space counts only when no separator is followed by
 * anything else: Latvian labels have commas of prose ("Vārds, uzvārds;
 * Amats", which Excel leaves unquoted in a ';' file), while a header
 * written by hand with ", " between the names has nothing else. Sets
 * *complete when the line ended inside s[0..n). */
static char
detect_separator(const char *s, size_t n, bool *complete)
{
    size_t comma = 0, semi = 0, tab = 0;
    size_t loose[3] = {0}; /* ',', ';', TAB followed by a space */
    bool quoted = false, content = false;
    *complete = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"') {
            quoted = !quoted;
            content = true;
        } else if (quoted) {
            continue;
        } else if (c == '\n') {
            if (content) {
                *complete = true;
                break;
            }
        } else if (c == ',') {
            comma++;
        } else if (c == ';') {
            semi++;
        } else if (c == '\t') {
            tab++;
        } else if (c != ' ' && c != '\r') {
            content = true;
        }
        if (c == ',' || c == ';' || c == '\t') {
            content = true;
            if (i + 1 < n && s[i + 1] == ' ')
                loose[c == ',' ? 0 : c == ';' ? 1 : 2]++;
        }
    }
    if (comma + semi + tab > loose[0] + loose[1] + loose[2]) {
        comma -= loose[0];
        semi -= loose[1];
        tab -= loose[2];
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

bool
core_csv_open(struct core_csv *c, const char *path, enum core_encoding enc,
              core_error_fn on_problem, void *ctx, struct sk_error *err)
{
    memset(c, 0, sizeof *c);
    if (!core_reader_open(&c->in, path, enc, on_problem, ctx, err))
        return false;
    c->st = sk_xcalloc(1, sizeof *c->st);
    c->st->on_problem = on_problem;
    c->st->pctx = ctx;
    c->st->line = 1;
    return true;
}

/* A chunk that cannot be converted (bad UTF-16, a NUL character) is a
 * problem of the file (its line is not known: chunks are converted ahead
 * of the lines), reported like the quote problems. */
static bool
read_failed(struct core_csv *c, const struct sk_error *e, struct sk_error *err)
{
    if (e->code == SK_EINVAL && c->st->on_problem) {
        problem(c, 0, 0, e->msg);
        return sk_fail(err, SK_EINVAL, "%s", _("The file cannot be read as CSV."));
    }
    if (err)
        *err = *e;
    return false;
}

void
core_csv_multiline_ok(struct core_csv *c, bool on)
{
    c->st->multiline_ok = on;
}

bool
core_csv_run(struct core_csv *c, char sep, core_csv_row_fn fn, void *ctx, struct sk_error *err)
{
    struct core_csv_state *st = c->st;
    struct sk_buf pend = {0};
    const char *chunk;
    size_t n;
    bool complete = false;
    /* First enough to see the header line, for the separator. */
    for (;;) {
        struct sk_error e = {0};
        if (!core_reader_read(&c->in, &chunk, &n, &e)) {
            sk_buf_free(&pend);
            return read_failed(c, &e, err);
        }
        if (n == 0)
            break;
        sk_buf_add(&pend, chunk, n);
        detect_separator(pend.s, pend.len, &complete);
        if (complete || pend.len >= HEADER_SCAN_MAX)
            break;
    }
    c->sep = sep ? sep : detect_separator(pend.s ? pend.s : "", pend.len, &complete);

    csv_init(&st->p, 0);
    csv_set_delim(&st->p, (unsigned char)c->sep);
    csv_set_space_func(&st->p, is_space_char);
    /* The cell buffer grows by this much at a time: small steps made a 10 MB
     * cell cost tens of thousands of reallocations (minutes under ASan). */
    csv_set_blk_size(&st->p, 64 * 1024);
    st->at_line_start = true;
    st->fn = fn;
    st->ctx = ctx;
    st->qs = QS_START;
    st->q_cell = 1;
    st->line_fresh = true;
    c->row_line = 1;

    bool ok = feed(c, pend.s ? pend.s : "", pend.len);
    sk_buf_free(&pend);
    while (ok && !st->stop) {
        struct sk_error e = {0};
        if (!core_reader_read(&c->in, &chunk, &n, &e)) {
            csv_free(&st->p);
            return read_failed(c, &e, err);
        }
        if (n == 0)
            break;
        ok = feed(c, chunk, n);
    }
    if (ok && !st->stop && !st->line_fresh) /* the last line has no line end */
        check_swallowed(c);
    if (ok && !st->stop) {
        c->unterminated = st->p.pstate == PS_FIELD_BEGUN && st->p.quoted;
        csv_fini(&st->p, on_cell, on_row, c);
    }
    csv_free(&st->p);
    if (!ok)
        return sk_fail(err, SK_EIO, "%s", _("Out of memory while reading the CSV file."));
    if (st->failed && !st->on_problem)
        return sk_fail(err, SK_EINVAL, _("Line %ld, column %ld: %s"), st->failure.line,
                       st->failure.column, st->failure.msg);
    if (st->failed)
        return sk_fail(err, SK_EINVAL, "%s", _("The file cannot be read as CSV."));
    return true;
}

void
core_csv_close(struct core_csv *c)
{
    core_reader_close(&c->in);
    if (c->st) {
        free(c->st->cells);
        free(c->st->off);
        free(c->st->len);
        free(c->st);
    }
    c->st = NULL;
}

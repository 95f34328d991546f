/* Spreadsheets (issue 16): .xlsx through libxlsxwriter, for export,
 * summary, report and consolidate. Latvian offices live in Excel, so the
 * cells carry types: dates are Excel dates, money and decimals numbers with
 * their formats, text always a string — a cell starting with = + - @ is
 * never a formula. The workbook is written by libxlsxwriter to the locked
 * temporary file of sk_atomic (by its name) and renamed over the target by
 * sk_atomic_commit, like every other output. */
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

/* Excel's limits: characters in a cell, sheets' names. */
#define XLSX_MAX_STRING 32767
#define XLSX_MAX_COLS   256
#define XLSX_MAX_SHEETS 64
/* number formats of report cells kept for reuse */
#define XLSX_MAX_FORMATS 128

struct core_xlsx {
    struct sk_atomic a;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *title, *date, *money, *dec3, *num[4], *pct[4];
    lxw_row_t row, header_row;
    lxw_col_t col, n_cols, max_col;
    bool has_header, has_rows;
    bool is_full; /* a sheet ran past Excel's last row */
    double width[XLSX_MAX_COLS];
    char names[XLSX_MAX_SHEETS][128];
    size_t n_sheets;
    /* number formats made for the report's cells ("0.0\" % (3/42)\"") */
    char fmt_text[XLSX_MAX_FORMATS][192];
    lxw_format *fmt[XLSX_MAX_FORMATS];
    size_t n_fmt;
};

bool
core_path_is_xlsx(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

struct core_xlsx *
core_xlsx_open(const char *path, struct sk_error *err)
{
    struct core_xlsx *x = sk_xcalloc(1, sizeof *x);
    if (!sk_atomic_open(&x->a, path, 0600, err)) {
        free(x);
        return NULL;
    }
    /* constant memory: rows go to a temporary file as they are written (a
     * city's devices may be hundreds of thousands of rows); cells are
     * written row by row, left to right, which is all this mode needs */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    x->wb = workbook_new_opt(x->a.tmp, &opt);
    if (!x->wb) {
        sk_atomic_abort(&x->a);
        free(x);
        sk_fail(err, SK_EIO, _("Cannot create “%s”: %s."), SK_QUOTE(path), strerror(ENOMEM));
        return NULL;
    }
    bool lv = forms_lang_is_lv();
    x->bold = workbook_add_format(x->wb);
    format_set_bold(x->bold);
    format_set_text_wrap(x->bold);
    format_set_align(x->bold, LXW_ALIGN_VERTICAL_TOP);
    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 12);
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, lv ? "dd.mm.yyyy" : "yyyy-mm-dd");
    x->money = workbook_add_format(x->wb);
    format_set_num_format(x->money, "#,##0.00");
    x->dec3 = workbook_add_format(x->wb);
    format_set_num_format(x->dec3, "0.0##");
    static const char *const num_fmt[] = {"0", "0.0", "0.00", "0.000"};
    static const char *const pct_fmt[] = {"0\" %\"", "0.0\" %\"", "0.00\" %\"", "0.000\" %\""};
    for (int i = 0; i < 4; i++) {
        x->num[i] = workbook_add_format(x->wb);
        format_set_num_format(x->num[i], num_fmt[i]);
        x->pct[i] = workbook_add_format(x->wb);
        format_set_num_format(x->pct[i], pct_fmt[i]);
    }
    return x;
}

/* Display width of UTF-8 text: characters of its longest line. */
static double
text_width(const char *s)
{
    double best = 0, w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n') {
            best = w > best ? w : best;
            w = 0;
        } else if ((*p & 0xc0) != 0x80) {
            w++;
        }
    }
    return w > best ? w : best;
}

static void
widen(struct core_xlsx *x, double w)
{
    if (x->col < XLSX_MAX_COLS && w > x->width[x->col])
        x->width[x->col] = w;
}

/* Autofilter and column widths of the sheet being written. */
static void
finish_sheet(struct core_xlsx *x)
{
    if (!x->ws)
        return;
    if (x->has_header && x->n_cols > 0)
        worksheet_autofilter(x->ws, x->header_row, 0, x->has_rows ? x->row : x->header_row,
                             (lxw_col_t)(x->n_cols - 1));
    lxw_col_t n = x->max_col < XLSX_MAX_COLS ? x->max_col : XLSX_MAX_COLS;
    for (lxw_col_t c = 0; c < n; c++) {
        double w = x->width[c] + 2; /* room for the filter button */
        worksheet_set_column(x->ws, c, c, w < 8 ? 8 : w > 60 ? 60 : w, NULL);
    }
    x->ws = NULL;
}

void
core_xlsx_sheet(struct core_xlsx *x, const char *name, const char *title)
{
    finish_sheet(x);
    /* Excel: at most 31 characters, none of []:*?/\, not starting with a quote */
    char base[112];
    size_t n = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n < sizeof base - 4; p++) {
        if ((*p & 0xc0) != 0x80 && ++chars > 24)
            break;
        base[n++] = strchr("[]:*?/\\'", *p) || *p < 0x20 ? '-' : (char)*p;
    }
    while (n > 0 && ((unsigned char)base[n - 1] & 0xc0) == 0xc0)
        n--; /* a lead byte whose continuation was cut */
    base[n] = '\0';
    if (!n)
        snprintf(base, sizeof base, "%zu", x->n_sheets + 1);
    char final[128];
    snprintf(final, sizeof final, "%s", base);
    for (int k = 2; k < 1000; k++) {
        bool taken = false;
        for (size_t i = 0; i < x->n_sheets; i++)
            taken = taken || strcasecmp(x->names[i], final) == 0;
        if (!taken)
            break;
        snprintf(final, sizeof final, "%s (%d)", base, k);
    }
    if (x->n_sheets < XLSX_MAX_SHEETS)
        snprintf(x->names[x->n_sheets++], sizeof x->names[0], "%s", final);
    x->ws = workbook_add_worksheet(x->wb, final);
    x->row = 0;
    x->col = 0;
    x->n_cols = x->max_col = 0;
    x->has_header = x->has_rows = false;
    memset(x->width, 0, sizeof x->width);
    if (title && x->ws) {
        worksheet_write_string(x->ws, 0, 0, title, x->title);
        x->row = 1;
    }
}

static void
put_string(struct core_xlsx *x, const char *s, lxw_format *fmt)
{
    if (!x->ws)
        return;
    size_t n = strlen(s);
    if (n > XLSX_MAX_STRING) { /* Excel's limit: cut on a character boundary */
        char *cut = sk_xstrndup(s, XLSX_MAX_STRING);
        /* s[k] is the first byte left out: while it continues a character,
         * that character's first bytes go too (half a letter would make
         * the sheet's XML invalid, a workbook Excel cannot open) */
        size_t k = XLSX_MAX_STRING;
        while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
            k--;
        cut[k] = '\0';
        worksheet_write_string(x->ws, x->row, x->col, cut, fmt);
        free(cut);
    } else {
        worksheet_write_string(x->ws, x->row, x->col, s, fmt);
    }
}

void
core_xlsx_header(struct core_xlsx *x, const char *const *cells, size_t n)
{
    if (!x->ws)
        return;
    x->header_row = x->row;
    x->has_header = true;
    x->n_cols = (lxw_col_t)n;
    for (size_t i = 0; i < n; i++) {
        x->col = (lxw_col_t)i;
        put_string(x, cells[i], x->bold);
        widen(x, text_width(cells[i]) > 40 ? 40 : text_width(cells[i]));
    }
    if (n > x->max_col)
        x->max_col = (lxw_col_t)n;
    worksheet_freeze_panes(x->ws, x->row + 1, 0);
    x->col = 0;
}

void
core_xlsx_row(struct core_xlsx *x)
{
    if (x->has_header || x->has_rows || x->col > 0)
        x->row++;
    if (x->row >= LXW_ROW_MAX) { /* the rest would be lost: the close fails */
        x->is_full = true;
        x->row = LXW_ROW_MAX - 1;
    }
    x->has_rows = true;
    x->col = 0;
}

static void
next_col(struct core_xlsx *x)
{
    x->col++;
    if (x->col > x->max_col)
        x->max_col = x->col;
}

void
core_xlsx_text(struct core_xlsx *x, const char *s)
{
    if (s && *s) {
        put_string(x, s, NULL);
        widen(x, text_width(s));
    }
    next_col(x);
}

void
core_xlsx_blank(struct core_xlsx *x)
{
    next_col(x);
}

void
core_xlsx_number(struct core_xlsx *x, double v, int places, bool percent)
{
    if (places < 0)
        places = 0;
    if (places > 3)
        places = 3;
    if (x->ws)
        worksheet_write_number(x->ws, x->row, x->col, v, percent ? x->pct[places] : x->num[places]);
    char buf[48];
    snprintf(buf, sizeof buf, "%.*f%s", places, v, percent ? " %" : "");
    widen(x, text_width(buf));
    next_col(x);
}

void
core_xlsx_decimal(struct core_xlsx *x, double v)
{
    if (x->ws) /* thousandths, as skola keeps and the CSV writes them */
        worksheet_write_number(x->ws, x->row, x->col, round(v * 1000.0) / 1000.0, x->dec3);
    widen(x, 8);
    next_col(x);
}

void
core_xlsx_money(struct core_xlsx *x, double euros)
{
    if (x->ws)
        worksheet_write_number(x->ws, x->row, x->col, euros, x->money);
    char buf[48];
    snprintf(buf, sizeof buf, "%.2f", euros);
    widen(x, text_width(buf) + text_width(buf) / 3);
    next_col(x);
}

void
core_xlsx_date(struct core_xlsx *x, sk_date d)
{
    /* Excel's serial day: 1970-01-01 is 25569 (1900 date system). Excel
     * counts a 29 February 1900 that never was (serial 60), so the days
     * before March 1900 are one lower, and it has no day before 1900: such
     * a date is the text it would show. */
    double serial = (double)d + 25569.0;
    if (x->ws && d != SK_DATE_NONE && serial < 2) {
        char buf[11];
        if (forms_lang_is_lv())
            sk_date_format(d, false, buf);
        else
            core_iso(d, buf);
        worksheet_write_string(x->ws, x->row, x->col, buf, NULL);
    } else if (x->ws && d != SK_DATE_NONE) {
        worksheet_write_number(x->ws, x->row, x->col, serial < 61 ? serial - 1 : serial, x->date);
    }
    widen(x, 10);
    next_col(x);
}

/* workbook_close with libxlsxwriter's own messages kept off the terminal
 * (they would land in the middle of the interface's screen, in English and
 * naming the temporary file): standard error points at /dev/null meanwhile.
 * *sys_errno: the system's reason when writing failed. */
static lxw_error
quiet_close(lxw_workbook *wb, int *sys_errno)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    if (null >= 0)
        close(null);
    errno = 0;
    lxw_error e = workbook_close(wb);
    *sys_errno = e != LXW_NO_ERROR ? errno : 0;
    fflush(stderr);
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    return e;
}

bool
core_xlsx_close(struct core_xlsx *x, struct sk_error *err)
{
    finish_sheet(x);
    if (x->n_sheets == 0)
        workbook_add_worksheet(x->wb, NULL); /* a workbook has at least one sheet */
    int sys_errno = 0;
    lxw_error e = quiet_close(x->wb, &sys_errno);
    x->wb = NULL;
    bool ok;
    if (x->is_full) {
        ok = sk_fail(err, SK_EINVAL,
                     _("“%s” was not written: a sheet holds at most %d rows; export fewer records "
                       "(--year, a filter) or write CSV."),
                     SK_QUOTE(x->a.path), (int)LXW_ROW_MAX);
        sk_atomic_abort(&x->a);
    } else if (e != LXW_NO_ERROR) {
        ok = sk_fail(err, SK_EIO, _("Cannot write “%s”: %s."), SK_QUOTE(x->a.path),
                     sys_errno ? strerror(sys_errno) : lxw_strerror(e));
        sk_atomic_abort(&x->a);
    } else {
        ok = sk_atomic_commit(&x->a, err);
    }
    free(x);
    return ok;
}

void
core_xlsx_abort(struct core_xlsx *x)
{
    if (!x)
        return;
    if (x->wb) {
        /* libxlsxwriter frees a workbook only by writing it: write, then drop */
        int ignored;
        quiet_close(x->wb, &ignored);
    }
    sk_atomic_abort(&x->a);
    free(x);
}

/* ------------------------------------------------------------ summaries */

void
core_xlsx_summary_sheet(struct core_xlsx *x, const char *name, const struct core_summary *s)
{
    core_xlsx_sheet(x, name, NULL);
    const char *head[] = {_("School code"), _("Year"),         _("Figure"),    _("Key"),
                          _("Dimension"),   _("Value"),        _("Numerator"), _("Denominator"),
                          _("Unit"),        _("Missing input")};
    core_xlsx_header(x, head, SK_ARRAY_LEN(head));
    for (size_t i = 0; i < s->n; i++) {
        const struct core_figure *f = &s->figs[i];
        bool ratio = f->unit == CU_PERCENT || f->unit == CU_RATIO;
        core_xlsx_row(x);
        core_xlsx_text(x, s->school_code);
        core_xlsx_number(x, s->year, 0, false);
        core_xlsx_text(x, core_summary_metric_label(f->metric));
        core_xlsx_text(x, f->metric);
        core_xlsx_text(x, core_figure_dimension_label(f));
        if (!f->has_value)
            core_xlsx_blank(x);
        else if (f->unit == CU_PERCENT) /* exact; shown with one decimal */
            core_xlsx_number(x, f->num / f->den * 100.0, 1, true);
        else if (f->unit == CU_RATIO)
            core_xlsx_number(x, f->num / f->den, 1, false);
        else if (f->unit == CU_COUNT)
            core_xlsx_number(x, f->num, 0, false);
        else
            core_xlsx_decimal(x, f->num);
        core_xlsx_decimal(x, f->num);
        if (ratio)
            core_xlsx_decimal(x, f->den);
        else
            core_xlsx_blank(x);
        core_xlsx_text(x, core_unit_name(f->unit));
        core_xlsx_text(x, f->has_value ? "" : f->missing);
    }
}

bool
core_summary_xlsx_path(struct storage_db *db, const struct core_summary *s, const char *path,
                       struct sk_error *err)
{
    if (!core_output_allowed(db, path, err))
        return false;
    struct core_xlsx *x = core_xlsx_open(path, err);
    if (!x)
        return false;
    core_xlsx_summary_sheet(x, _("Summary"), s);
    return core_xlsx_close(x, err);
}

/* --------------------------------------------------------------- export */

bool
core_export_xlsx(struct storage_db *db, const struct storage_query *q, const char *path,
                 size_t *rows, struct sk_error *err)
{
    const struct forms_kind *kind = q->kind;
    if (rows)
        *rows = 0;
    bool *keep = core_export_fields(db, kind, q->school_id, err);
    if (!keep)
        return false;
    struct storage_iter *it = storage_iter_open(db, q, err);
    if (!it) {
        free(keep);
        return false;
    }
    struct core_xlsx *x = core_xlsx_open(path, err);
    if (!x) {
        storage_iter_close(it);
        free(keep);
        return false;
    }
    core_xlsx_sheet(x, forms_lang_is_lv() ? kind->label_lv : kind->label_en, NULL);
    const char **head = sk_xcalloc(kind->n_fields, sizeof *head);
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (keep[i])
            head[n++] = forms_field_label(&kind->fields[i]);
    core_xlsx_header(x, head, n);
    free(head);

    struct forms_record rec;
    forms_record_init(&rec, kind);
    char buf[512];
    int r;
    size_t count = 0;
    while ((r = storage_iter_next(it, &rec, err)) == 1) {
        core_xlsx_row(x);
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            const struct forms_value *v = &rec.values[i];
            if (!keep[i])
                continue;
            if (!v->is_set) {
                core_xlsx_blank(x);
                continue;
            }
            switch (f->type) {
            case FT_DATE:
                core_xlsx_date(x, (sk_date)v->i);
                break;
            case FT_INT:
                core_xlsx_number(x, (double)v->i, 0, false);
                break;
            case FT_DEC3:
                core_xlsx_decimal(x, (double)v->i / 1000.0);
                break;
            case FT_MONEY:
                core_xlsx_money(x, (double)v->i / 100.0);
                break;
            default:
                /* choices, flags and yes/no in the user's language */
                core_xlsx_text(x, forms_value_format(f, v, FS_DISPLAY, buf, sizeof buf));
            }
        }
        count++;
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    free(keep);
    if (r < 0) {
        core_xlsx_abort(x);
        return false;
    }
    if (!core_xlsx_close(x, err))
        return false;
    if (rows)
        *rows = count;
    return true;
}

/* --------------------------------------------------------------- report */

/* The report as sheets: its own HTML (core/report.c) read back, so that the
 * spreadsheet has exactly the tables, numbering and wording of the printed
 * report. Each table becomes a sheet named by its caption ("3.tabula"),
 * the caption in row 1; <td class="n"> cells that hold a number (decimal
 * comma or point, an optional " %") become numbers; bars are left out;
 * <br> and list items become line breaks. Only the report's own, known
 * subset of HTML is read. */
struct rep_reader {
    struct core_xlsx *x;
    struct sk_buf caption, cell, heads;
    size_t n_heads;
    bool in_caption, in_cell, cell_numeric, in_thead, in_bar, row_open;
    bool cell_words; /* class "v": a number may be followed by words */
    bool in_no_data; /* in <p class="nd">: a table without data */
    int span;        /* the columns the cell spans (colspan) */
    bool captioned;  /* a caption's sheet awaits its table */
    bool lv;         /* the document's language */
    int table_no;
};

static void
add_entity(struct sk_buf *b, const char **p, const char *end)
{
    static const struct {
        const char *name, *text;
    } ent[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&nbsp;", " "}};
    for (size_t i = 0; i < SK_ARRAY_LEN(ent); i++) {
        size_t n = strlen(ent[i].name);
        if ((size_t)(end - *p) >= n && memcmp(*p, ent[i].name, n) == 0) {
            sk_buf_adds(b, ent[i].text);
            *p += n;
            return;
        }
    }
    sk_buf_add(b, *p, 1);
    (*p)++;
}

/* Words after a number that a number format can show as they are ("
 * pedagogi no 111"): one line, no quote or backslash (they would end or
 * escape the format's literal), short enough for the format's buffer. */
static bool
format_literal_ok(const char *s)
{
    return *s == ' ' && strlen(s) < 80 && !strpbrk(s, "\"\\\n");
}

/* A report number ("12", "7,1", "0.5", "7,1 %", "1234,50 EUR"), maybe
 * followed by its fraction ("7,1 % (3/42)") or, when `words`, by any words
 * ("57 pedagogi no 111"): *unit is '%', 'E' (euros) or 0, *note the
 * fraction or the words with their leading space ("" when none); false
 * for anything else. */
static bool
report_number(const char *s, bool words, double *v, int *places, char *unit, const char **note)
{
    while (*s == ' ')
        s++;
    char buf[64];
    size_t n = 0;
    *places = 0;
    bool dot = false, digits = false;
    *unit = 0;
    *note = "";
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            digits = true;
            if (dot)
                ++*places;
        } else if ((*s == ',' || *s == '.') && !dot && digits) {
            dot = true;
        } else if (*s == '-' && n == 0) {
        } else {
            break;
        }
        if (n + 1 >= sizeof buf)
            return false;
        buf[n++] = *s == ',' ? '.' : *s;
    }
    buf[n] = '\0';
    const char *after = s;
    while (*s == ' ')
        s++;
    if (*s == '%') {
        *unit = '%';
        s++;
    } else if (strncmp(s, "EUR", 3) == 0 && s > after) {
        *unit = 'E';
        s += 3;
    } else {
        s = after; /* the space before a fraction belongs to it */
    }
    if (words && digits && format_literal_ok(s)) {
        *note = s;
        s += strlen(s);
    } else if (*s == ' ' && s[1] == '(') {
        /* the fraction: digits, separators and a slash in parentheses */
        size_t k = strspn(s + 2, "0123456789,./");
        if (k > 0 && k < 24 && s[2 + k] == ')' && s[3 + k] == '\0') {
            *note = s;
            s += 3 + k;
        }
    }
    while (*s == ' ')
        s++;
    if (!digits || *s)
        return false;
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0';
}

/* A number format `text`, made once per workbook; NULL when there are
 * too many. */
static lxw_format *
cached_format(struct core_xlsx *x, const char *text)
{
    for (size_t i = 0; i < x->n_fmt; i++)
        if (strcmp(x->fmt_text[i], text) == 0)
            return x->fmt[i];
    if (x->n_fmt == XLSX_MAX_FORMATS || strlen(text) >= sizeof x->fmt_text[0])
        return NULL;
    lxw_format *f = workbook_add_format(x->wb);
    format_set_num_format(f, text);
    snprintf(x->fmt_text[x->n_fmt], sizeof x->fmt_text[0], "%s", text);
    x->fmt[x->n_fmt++] = f;
    return f;
}

/* A report cell that reads as a number: a number cell whose format shows
 * the unit and the fraction as the report does (text when the format
 * cannot be made). */
static void
report_number_cell(struct core_xlsx *x, const char *s, double v, int places, char unit,
                   const char *pre, int pre_len, const char *note)
{
    if (unit != 'E' && !note[0] && !pre_len) {
        core_xlsx_number(x, v, places, unit == '%');
        return;
    }
    static const char *const num_fmt[] = {"0", "0.0", "0.00", "0.000"};
    char text[192];
    snprintf(text, sizeof text, "%s%.*s%s%s\"%s%s\"", pre_len ? "\"" : "", pre_len, pre,
             pre_len ? "\"" : "", unit == 'E' ? "#,##0.00" : num_fmt[places > 3 ? 3 : places],
             unit == '%'   ? " %"
             : unit == 'E' ? " EUR"
                           : "",
             note);
    lxw_format *f = cached_format(x, text);
    if (!f) {
        core_xlsx_text(x, s);
        return;
    }
    if (x->ws)
        worksheet_write_number(x->ws, x->row, x->col, v, f);
    widen(x, text_width(s));
    next_col(x);
}

static void
rep_flush_cell(struct rep_reader *r)
{
    sk_buf_adds(&r->cell, "");
    char *s = r->cell.s;
    size_t len = strlen(s);
    while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
        s[--len] = '\0';
    while (*s == '\n' || *s == ' ')
        s++;
    if (r->in_thead) {
        for (int i = 0; i < r->span; i++) {
            sk_buf_adds(&r->heads, i ? "" : s);
            sk_buf_add(&r->heads, "", 1); /* NUL-separated */
            r->n_heads++;
        }
    } else {
        double v;
        int places;
        char unit;
        const char *note;
        /* words before the number too ("mācības uzsākuši 32 audzēkņi"):
         * kept in the format as the words after it are */
        const char *num = s;
        if (r->cell_words) {
            size_t d = strcspn(s, "0123456789");
            char pre[96];
            if (d > 0 && d < sizeof pre && s[d] && s[d - 1] == ' ') {
                snprintf(pre, sizeof pre, " %.*s", (int)d, s);
                if (format_literal_ok(pre))
                    num = s + d;
            }
        }
        if (r->cell_numeric && report_number(num, r->cell_words, &v, &places, &unit, &note))
            report_number_cell(r->x, s, v, places, unit, s, (int)(num - s), note);
        else
            core_xlsx_text(r->x, s);
        /* a cell spanning columns: its neighbours stay empty, so that the
         * next cells stand under their own headers (the totals rows) */
        for (int i = 1; i < r->span; i++)
            core_xlsx_blank(r->x);
    }
    sk_buf_reset(&r->cell);
    r->in_cell = false;
}

/* A sheet named by the caption's number ("3.tabula", "Table 3", "P1."),
 * the caption in its row 1. */
static void
rep_caption_sheet(struct rep_reader *r)
{
    r->table_no++;
    sk_buf_adds(&r->caption, "");
    char name[32];
    const char *c = r->caption.s;
    const char *sp = strchr(c, ' ');
    if (c[0] && sp && strncmp(c, "Table ", 6) != 0)
        snprintf(name, sizeof name, "%.*s", (int)(sp - c), c);
    else if (c[0] && sp)
        snprintf(name, sizeof name, "Table %ld", strtol(sp + 1, NULL, 10));
    else
        snprintf(name, sizeof name, "%d", r->table_no);
    core_xlsx_sheet(r->x, name, c[0] ? c : NULL);
    sk_buf_reset(&r->caption);
}

/* needle in the n bytes of hay, or NULL */
static const char *
strstr_n(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

static void
rep_tag(struct rep_reader *r, const char *tag, size_t n)
{
#define IS(lit) (n >= sizeof(lit) - 1 && memcmp(tag, lit, sizeof(lit) - 1) == 0)
    if (IS("p class=\"caption\"")) {
        r->in_caption = true;
        sk_buf_reset(&r->caption);
    } else if (IS("/p") && r->in_caption) {
        /* the sheet is made here, not at <table>: a table without data
         * has a caption and one line but no <table>, and keeps its sheet
         * so that the numbering stays the printed report's */
        r->in_caption = false;
        rep_caption_sheet(r);
        r->captioned = true;
    } else if (IS("p class=\"nd\"") && r->captioned) {
        r->in_no_data = true;
        sk_buf_reset(&r->cell);
    } else if (IS("/p") && r->in_no_data) {
        r->in_no_data = false;
        r->captioned = false;
        sk_buf_adds(&r->cell, "");
        core_xlsx_row(r->x);
        core_xlsx_text(r->x, r->cell.s);
        sk_buf_reset(&r->cell);
    } else if (IS("table class=\"sign\"")) {
        /* the signature block: a sheet of its own, not the last table's */
        core_xlsx_sheet(r->x, r->lv ? "Paraksts" : "Signature", NULL);
        r->captioned = false;
        r->n_heads = 0;
        sk_buf_reset(&r->heads);
    } else if (IS("table")) {
        if (!r->captioned)
            rep_caption_sheet(r);
        r->captioned = false;
        r->n_heads = 0;
        sk_buf_reset(&r->heads);
    } else if (IS("thead")) {
        r->in_thead = true;
    } else if (IS("/thead")) {
        r->in_thead = false;
        const char **cells = sk_xcalloc(r->n_heads + 1, sizeof *cells);
        const char *p = r->heads.s;
        for (size_t i = 0; i < r->n_heads; i++, p += strlen(p) + 1)
            cells[i] = p;
        core_xlsx_header(r->x, cells, r->n_heads);
        free(cells);
    } else if (IS("tr") && !r->in_thead) {
        core_xlsx_row(r->x);
    } else if (IS("td") || IS("th")) {
        if (r->in_cell)
            rep_flush_cell(r);
        r->in_cell = true;
        /* class "n": a number cell; class "v": a value among texts, a
         * number in the sheet when it is one */
        r->cell_numeric = n >= 12 && (strncmp(tag + 3, "class=\"n\"", 9) == 0 ||
                                      strncmp(tag + 3, "class=\"v\"", 9) == 0);
        r->cell_words = n >= 12 && strncmp(tag + 3, "class=\"v\"", 9) == 0;
        const char *cs = strstr_n(tag, n, "colspan=\"");
        long span = cs ? strtol(cs + 9, NULL, 10) : 1;
        r->span = span > 1 && span < 64 ? (int)span : 1;
    } else if ((IS("/td") || IS("/th")) && r->in_cell) {
        rep_flush_cell(r);
    } else if (IS("br") || IS("/li")) {
        if (r->in_cell)
            sk_buf_adds(&r->cell, "\n");
    } else if (IS("span class=\"bar\"")) {
        r->in_bar = true;
    } else if (IS("/span")) {
        r->in_bar = false;
    }
#undef IS
}

static bool
report_sheets(struct core_xlsx *x, bool lv, const char *html, size_t len)
{
    struct rep_reader r = {.x = x, .lv = lv};
    const char *p = html, *end = html + len;
    while (p < end) {
        if (*p == '<') {
            const char *close = memchr(p, '>', (size_t)(end - p));
            if (!close)
                break;
            rep_tag(&r, p + 1, (size_t)(close - p - 1));
            p = close + 1;
            continue;
        }
        struct sk_buf *b = r.in_caption                               ? &r.caption
                           : (r.in_cell || r.in_no_data) && !r.in_bar ? &r.cell
                                                                      : NULL;
        if (!b) {
            p++;
            continue;
        }
        if (*p == '&')
            add_entity(b, &p, end);
        else if (*p == '\n')
            p++; /* the HTML's own line breaks; <br> makes the cell's */
        else
            sk_buf_add(b, p++, 1);
    }
    sk_buf_free(&r.caption);
    sk_buf_free(&r.cell);
    sk_buf_free(&r.heads);
    return true;
}

bool
core_report_xlsx_path(struct storage_db *db, int64_t school_id, int year, bool lv, const char *path,
                      struct sk_error *err)
{
    if (!core_output_allowed(db, path, err))
        return false;
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    if (!f)
        return sk_fail(err, SK_EIO, "%s", _("Could not write the report."));
    bool ok = core_report_write(db, school_id, year, lv, f, err);
    fclose(f);
    struct core_xlsx *x = ok ? core_xlsx_open(path, err) : NULL;
    if (x) {
        report_sheets(x, lv, html, len);
        ok = core_xlsx_close(x, err);
    } else {
        ok = false;
    }
    free(html);
    return ok;
}

/* Lesson-observation criteria templates from the user's side: the list
 * (with the school's use of each template) and the import of a new template
 * from a CSV file with the columns of data/observation-criteria-lvt-2023.csv.
 * The import reads the file with libcsv like core_import_file (UTF-8 or
 * Windows-1257, separator detected, quoted cells, CRLF), reports every
 * problem with its line and column, and writes the template in one
 * transaction only when there is none (storage_obs_template_add). */
#include "core/internal.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A template is a page of text; anything larger is not one. */
#define TEMPLATE_MAX_BYTES (1024 * 1024)

/* libcsv's parser state before the first byte of a record (csv.c). */
enum { PS_ROW_NOT_BEGUN = 0, PS_FIELD_BEGUN = 2 };

/* ------------------------------------------------------------------ list */

struct sheets_ctx {
    struct core_template_info *t;
    size_t n;
};

static void
on_sheets(void *vctx, const char *code, int64_t n)
{
    struct sheets_ctx *c = vctx;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->t[i].code, code) == 0)
            c->t[i].sheets += n;
}

bool
core_templates_list(struct storage_db *db, int64_t school_id, struct core_template_info **out,
                    size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    struct storage_obs_template *all = NULL;
    size_t n_all = 0;
    char current[64] = "";
    if (!storage_obs_template_list(db, &all, &n_all, err))
        return false;
    if (n_all > 0 && !storage_obs_template_current(db, school_id, current, sizeof current, err)) {
        free(all);
        return false;
    }
    struct core_template_info *t = n_all ? sk_xcalloc(n_all, sizeof *t) : NULL;
    for (size_t i = 0; i < n_all; i++) {
        snprintf(t[i].code, sizeof t[i].code, "%s", all[i].code);
        snprintf(t[i].name, sizeof t[i].name, "%s", all[i].name);
        t[i].n_crit = all[i].n_crit;
        t[i].is_current = strcmp(all[i].code, current) == 0;
    }
    free(all);
    struct sheets_ctx sc = {.t = t, .n = n_all};
    if (!storage_obs_template_sheets(db, school_id, on_sheets, &sc, err)) {
        free(t);
        return false;
    }
    *out = t;
    *n = n_all;
    return true;
}

/* ---------------------------------------------------------------- import */

/* The columns of a template file, in the order of the reference file. */
/* section_note (optional; TC_REQUIRED columns before it are required) is
 * printed under the section's heading on the paper sheet; one row of the
 * section is enough. */
enum tpl_col { TC_SECTION_NO, TC_SECTION_NAME, TC_CODE, TC_TEXT, TC_NOTE, TC_N };
enum { TC_REQUIRED = TC_NOTE };
static const char *const tpl_cols[TC_N] = {"section_no", "section_name", "criterion_code",
                                           "criterion_text", "section_note"};

#define TPL_MAX_CELLS 64

struct tpl_import {
    const char *path;
    const struct core_import_opts *opts;
    long row_line; /* line where the current record starts */
    /* the current record's cells */
    char *cells[TPL_MAX_CELLS]; /* owned */
    size_t n_cells;             /* cells seen (may exceed TPL_MAX_CELLS) */
    bool have_header;
    int col_of[TC_N]; /* 0-based file column of each field, -1 = missing */
    size_t n_header;  /* cells of the header */
    bool header_bad;  /* header problems: rows are not checked */
    struct storage_obs_criterion crit[STORAGE_OBS_MAX_CRIT];
    long crit_line[STORAGE_OBS_MAX_CRIT];
    size_t n_crit;
    size_t rows;     /* data records read */
    size_t n_errors; /* problems reported */
};

static void report(struct tpl_import *im, long line, long column, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
report(struct tpl_import *im, long line, long column, const char *field, const char *fmt, ...)
{
    struct sk_error e = {.code = SK_EINVAL, .field = field, .line = line, .column = column};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    im->n_errors++;
    if (im->opts && im->opts->on_error)
        im->opts->on_error(im->opts->ctx, &e);
}

static void
clear_cells(struct tpl_import *im)
{
    for (size_t i = 0; i < im->n_cells && i < TPL_MAX_CELLS; i++) {
        free(im->cells[i]);
        im->cells[i] = NULL;
    }
    im->n_cells = 0;
}

/* Trims spaces (and a trailing CR) around a cell in place. */
static char *
trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static bool
row_is_blank(struct tpl_import *im)
{
    for (size_t i = 0; i < im->n_cells && i < TPL_MAX_CELLS; i++)
        if (trim(im->cells[i])[0])
            return false;
    return true;
}

static void
take_header(struct tpl_import *im)
{
    im->have_header = true;
    im->n_header = im->n_cells;
    for (size_t k = 0; k < TC_N; k++)
        im->col_of[k] = -1;
    if (im->n_cells > TPL_MAX_CELLS) {
        report(im, im->row_line, 0, NULL,
               _("the header has %zu columns; a criteria template has 4: section_no, "
                 "section_name, criterion_code, criterion_text"),
               im->n_cells);
        im->header_bad = true;
        return;
    }
    for (size_t i = 0; i < im->n_cells; i++) {
        char folded[128];
        forms_fold(trim(im->cells[i]), folded, sizeof folded);
        int found = -1;
        for (size_t k = 0; k < TC_N; k++)
            if (strcmp(folded, tpl_cols[k]) == 0)
                found = (int)k;
        if (found < 0) {
            report(im, im->row_line, (long)i + 1, NULL, _("unknown column “%s”; known columns: %s"),
                   SK_QUOTE(im->cells[i]),
                   "section_no, section_name, criterion_code, criterion_text, section_note");
            im->header_bad = true;
        } else if (im->col_of[found] >= 0) {
            report(im, im->row_line, (long)i + 1, tpl_cols[found],
                   _("column “%s” is given twice (also column %ld)"), SK_QUOTE(im->cells[i]),
                   (long)im->col_of[found] + 1);
            im->header_bad = true;
        } else {
            im->col_of[found] = (int)i;
        }
    }
    for (size_t k = 0; k < TC_REQUIRED; k++)
        if (im->col_of[k] < 0) {
            report(im, im->row_line, 0, tpl_cols[k], _("the required column “%s” is missing"),
                   tpl_cols[k]);
            im->header_bad = true;
        }
}

/* Copies text into a fixed field, reporting when it is too long or holds
 * a control character. */
static bool
fits(struct tpl_import *im, enum tpl_col c, const char *text, char *dst, size_t cap)
{
    struct sk_error e = {0};
    size_t n;
    char *norm = forms_text_normalize(text, strlen(text), false, true, &n); /* stored as NFC */
    bool ok = forms_text_check(norm, n, true, false, &e);
    if (!ok)
        report(im, im->row_line, im->col_of[c] + 1, tpl_cols[c], "%s", e.msg);
    else if (n >= cap)
        report(im, im->row_line, im->col_of[c] + 1, tpl_cols[c],
               _("the text is too long (at most %zu bytes)"), cap - 1);
    else
        snprintf(dst, cap, "%s", norm);
    free(norm);
    if (!ok || n >= cap)
        return false;
    return true;
}

static void
take_row(struct tpl_import *im)
{
    im->rows++;
    if (im->n_cells != im->n_header) {
        report(im, im->row_line, 0, NULL,
               dngettext(SK_DOMAIN, "this row has %zu cell but the header has %zu",
                         "this row has %zu cells but the header has %zu", im->n_cells),
               im->n_cells, im->n_header);
        return;
    }
    const char *v[TC_N];
    for (size_t k = 0; k < TC_N; k++)
        v[k] = im->col_of[k] >= 0 ? trim(im->cells[im->col_of[k]]) : "";
    struct storage_obs_criterion c;
    memset(&c, 0, sizeof c);
    bool ok = true;
    long line = im->row_line;

    /* section_no */
    char *end = NULL;
    long sec = strtol(v[TC_SECTION_NO], &end, 10);
    if (!v[TC_SECTION_NO][0]) {
        report(im, line, im->col_of[TC_SECTION_NO] + 1, "section_no", "%s",
               _("this field is required"));
        ok = false;
    } else if (*end || sec < 1 || sec > STORAGE_OBS_MAX_SECTIONS) {
        report(im, line, im->col_of[TC_SECTION_NO] + 1, "section_no",
               _("“%s” is not a section number (1 to %d)"), SK_QUOTE(v[TC_SECTION_NO]),
               STORAGE_OBS_MAX_SECTIONS);
        ok = false;
    } else {
        c.section_no = (int)sec;
    }
    /* section_name */
    if (!v[TC_SECTION_NAME][0]) {
        report(im, line, im->col_of[TC_SECTION_NAME] + 1, "section_name", "%s",
               _("this field is required"));
        ok = false;
    } else if (!fits(im, TC_SECTION_NAME, v[TC_SECTION_NAME], c.section_name,
                     sizeof c.section_name)) {
        ok = false;
    }
    /* criterion_code: "S.N", section S (any code: a tick field is made for it) */
    const char *code = v[TC_CODE];
    long code_col = im->col_of[TC_CODE] + 1;
    if (!code[0]) {
        report(im, line, code_col, "criterion_code", "%s", _("this field is required"));
        ok = false;
    } else if (!forms_observation_code_ok(code)) {
        report(im, line, code_col, "criterion_code",
               _("“%s” is not a criterion code: a section number, a point and a number, "
                 "e.g. 5.1"),
               SK_QUOTE(code));
        ok = false;
    } else {
        snprintf(c.code, sizeof c.code, "%s", code);
        if (c.section_no && c.section_no != (int)strtol(code, NULL, 10)) {
            report(im, line, code_col, "criterion_code",
                   _("criterion %s belongs to section %d, but section_no is %d"), code,
                   (int)strtol(code, NULL, 10), c.section_no);
            ok = false;
        }
        for (size_t j = 0; j < im->n_crit; j++)
            if (strcmp(im->crit[j].code, code) == 0) {
                report(im, line, code_col, "criterion_code", _("“%s” is also on line %ld"),
                       SK_QUOTE(code), im->crit_line[j]);
                ok = false;
                break;
            }
    }
    /* criterion_text */
    if (!v[TC_TEXT][0]) {
        report(im, line, im->col_of[TC_TEXT] + 1, "criterion_text", "%s",
               _("this field is required"));
        ok = false;
    } else if (!fits(im, TC_TEXT, v[TC_TEXT], c.text, sizeof c.text)) {
        ok = false;
    }
    if (v[TC_NOTE][0] && !fits(im, TC_NOTE, v[TC_NOTE], c.section_note, sizeof c.section_note))
        ok = false;
    if (ok && im->n_crit < STORAGE_OBS_MAX_CRIT) {
        im->crit_line[im->n_crit] = line;
        im->crit[im->n_crit++] = c;
    }
}

/* One record from the reader: its cells copied (the first TPL_MAX_CELLS),
 * then taken as the header or a criterion. */
static bool
on_record(void *vim, struct core_csv *r)
{
    struct tpl_import *im = vim;
    im->row_line = r->row_line;
    im->n_cells = r->n;
    for (size_t i = 0; i < r->n && i < TPL_MAX_CELLS; i++)
        im->cells[i] = sk_xstrndup(core_csv_text(r, i), core_csv_text_len(r, i));
    if (r->unterminated) {
        report(im, im->row_line, 0, NULL, "%s",
               _("a quoted value is not closed before the end of the file"));
    } else if (!row_is_blank(im)) {
        if (!im->have_header)
            take_header(im);
        else if (!im->header_bad)
            take_row(im);
    }
    clear_cells(im);
    return true;
}

/* A problem the reader found (invalid bytes, a stray quote). */
static void
on_problem(void *vim, const struct sk_error *e)
{
    struct tpl_import *im = vim;
    report(im, e->line, e->column, NULL, "%s", e->msg);
}

/* Whether no template's code equals code but for case: "LVT-2023" and
 * "lvt-2023" would be two templates nobody can tell apart. */
static bool
template_code_free(struct storage_db *db, const char *code, struct sk_error *err)
{
    struct storage_obs_template *all = NULL;
    size_t n = 0;
    if (!storage_obs_template_list(db, &all, &n, err))
        return false;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        if (strcasecmp(all[i].code, code) == 0)
            ok = sk_fail(err, SK_EINVAL,
                         _("An observation template “%s” exists already; choose another code."),
                         SK_QUOTE(all[i].code));
    for (size_t i = 0; i < n; i++)
        storage_obs_template_fini(&all[i]);
    free(all);
    return ok;
}

/* Checks one line of the printed sheet's wording (--title, --methodology)
 * and copies it into dst. */
static bool
wording_ok(const char *what, const char *text, char *dst, size_t cap, struct sk_error *err)
{
    struct sk_error bad = {0};
    if (!text)
        return true;
    if (!forms_text_check(text, strlen(text), false, false, &bad))
        return sk_fail(err, SK_EINVAL, "%s: %s.", what, bad.msg);
    if (strlen(text) >= cap)
        return sk_fail(err, SK_EINVAL, _("%s: the text is too long (at most %zu bytes)."), what,
                       cap - 1);
    snprintf(dst, cap, "%s", text);
    return true;
}

/* Gives every criterion of a section the section's note (the first one
 * given in the file). */
static void
spread_notes(struct tpl_import *im)
{
    for (size_t i = 0; i < im->n_crit; i++) {
        if (im->crit[i].section_note[0])
            continue;
        for (size_t j = 0; j < im->n_crit; j++)
            if (im->crit[j].section_no == im->crit[i].section_no && im->crit[j].section_note[0]) {
                /* j != i (i's note is empty): copy within one array, same sizes */
                memcpy(im->crit[i].section_note, im->crit[j].section_note,
                       strlen(im->crit[j].section_note) + 1);
                break;
            }
    }
}

static bool
template_import(struct storage_db *db, const char *path, const char *code, const char *name,
                const char *title, const char *methodology, const struct core_import_opts *opts,
                size_t *n_crit, size_t *n_errors, struct sk_error *err)
{
    *n_crit = 0;
    *n_errors = 0;
    if (!code || !code[0])
        return sk_fail(err, SK_EINVAL, "%s", _("A template needs a code, e.g. LVT-2025."));
    struct sk_error bad = {0};
    if (!forms_code_check(code, &bad))
        return sk_fail(err, SK_EINVAL, _("Template code: %s."), bad.msg);
    if (name && !forms_text_check(name, strlen(name), false, false, &bad))
        return sk_fail(err, SK_EINVAL, _("Template name: %s."), bad.msg);
    struct storage_obs_template t = {0};
    if (!wording_ok(_("Title"), title, t.title, sizeof t.title, err) ||
        !wording_ok(_("Methodology"), methodology, t.methodology, sizeof t.methodology, err))
        return false;
    struct storage_obs_template old;
    struct sk_error lookup = {0};
    if (storage_obs_template_get(db, code, &old, &lookup)) {
        storage_obs_template_fini(&old);
        return sk_fail(err, SK_EINVAL,
                       _("An observation template “%s” exists already; choose another code."),
                       SK_QUOTE(code));
    }
    if (lookup.code != SK_ENOTFOUND) {
        *err = lookup;
        return false;
    }
    if (!template_code_free(db, code, err))
        return false;
    struct tpl_import *im = sk_xcalloc(1, sizeof *im);
    im->path = path;
    im->opts = opts;
    struct core_csv r;
    bool ok = core_csv_open(&r, path, opts ? opts->encoding : CE_AUTO, on_problem, im, err);
    if (ok && opts)
        core_csv_multiline_ok(&r, opts->multiline_ok);
    if (ok) {
        /* A template is a page of text; anything larger is not one. */
        struct stat sb;
        if (fstat(fileno(r.in.f), &sb) == 0 && sb.st_size > TEMPLATE_MAX_BYTES)
            ok = sk_fail(err, SK_EINVAL,
                         _("%s is larger than 1 MB; a criteria template is a short list of "
                           "criteria."),
                         path);
    }
    if (ok)
        ok = core_csv_run(&r, opts && opts->separator ? opts->separator : 0, on_record, im, err);
    core_csv_close(&r);
    clear_cells(im);
    if (!ok && !(err && err->code == SK_EINVAL && im->n_errors > 0)) {
        free(im);
        return false;
    }
    if (!im->have_header && im->n_errors == 0)
        report(im, 1, 0, NULL, "%s", _("the file is empty; its first line must name the columns"));
    else if (!im->header_bad && im->rows == 0 && im->n_errors == 0)
        report(im, im->row_line, 0, NULL, "%s", _("the file has no criteria, only the header"));
    *n_errors = im->n_errors;
    *n_crit = im->n_crit;
    if (im->n_errors > 0) {
        free(im);
        return sk_fail(err, SK_EINVAL,
                       dngettext(SK_DOMAIN, "%zu error in the file; nothing was imported",
                                 "%zu errors in the file; nothing was imported", *n_errors),
                       *n_errors);
    }
    spread_notes(im);
    snprintf(t.code, sizeof t.code, "%s", code);
    snprintf(t.name, sizeof t.name, "%s", name && name[0] ? name : code);
    t.crit = im->crit;
    t.n_crit = im->n_crit;
    ok = (opts && opts->dry_run) || storage_obs_template_add_worded(db, &t, err);
    free(im);
    return ok;
}

/* The code and name are stored normalised (NFC; the code with plain,
 * single spaces), so that two codes that look the same are the same. */
bool
core_template_import(struct storage_db *db, const char *path, const char *code, const char *name,
                     const struct core_import_opts *opts, size_t *n_crit, size_t *n_errors,
                     struct sk_error *err)
{
    return core_template_import_worded(db, path, code, name, NULL, NULL, opts, n_crit, n_errors,
                                       err);
}

bool
core_template_import_worded(struct storage_db *db, const char *path, const char *code,
                            const char *name, const char *title, const char *methodology,
                            const struct core_import_opts *opts, size_t *n_crit, size_t *n_errors,
                            struct sk_error *err)
{
    size_t n;
    char *ncode = code ? forms_text_normalize(code, strlen(code), true, false, &n) : NULL;
    char *nname = name ? forms_text_normalize(name, strlen(name), false, false, &n) : NULL;
    char *ntitle = title ? forms_text_normalize(title, strlen(title), false, false, &n) : NULL;
    char *nmeth = methodology
                      ? forms_text_normalize(methodology, strlen(methodology), false, false, &n)
                      : NULL;
    bool ok = template_import(db, path, ncode, nname, ntitle, nmeth, opts, n_crit, n_errors, err);
    free(ncode);
    free(nname);
    free(ntitle);
    free(nmeth);
    return ok;
}

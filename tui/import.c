/* The import wizard: file name (with completion) → preview (encoding,
 * separator, first rows) → check (dry run, every problem listed) → import
 * or cancel. core/ does all the work; nothing is written before the user
 * confirms a clean check, and the import itself is one transaction. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum import_stage {
    IS_PREVIEW, /* the file as the import sees it */
    IS_ERRORS,  /* the check found problems */
    IS_READY,   /* the check passed: Enter imports */
};

struct import_screen {
    struct tui_screen base;
    const struct forms_kind *kind;
    char *path; /* owned, expanded */
    enum import_stage stage;
    enum core_mode mode;
    struct core_preview preview;
    struct sk_buf *lines; /* body lines, owned */
    size_t n_lines, cap_lines;
    int scroll;
    int hscroll;          /* screen columns the preview is scrolled to the right */
    struct sk_buf warned; /* ignored columns' warnings, one per line (kept over a clean check) */
    size_t n_rows;        /* rows found by the check */
};

static void
lines_clear(struct import_screen *im)
{
    for (size_t i = 0; i < im->n_lines; i++)
        sk_buf_free(&im->lines[i]);
    im->n_lines = 0;
    im->scroll = 0;
}

static struct sk_buf *
line_new(struct import_screen *im)
{
    if (im->n_lines == im->cap_lines) {
        im->cap_lines = im->cap_lines ? im->cap_lines * 2 : 64;
        im->lines = sk_xrealloc(im->lines, im->cap_lines * sizeof *im->lines);
    }
    struct sk_buf *b = &im->lines[im->n_lines++];
    memset(b, 0, sizeof *b);
    return b;
}

/* Appends s to b padded or cut to exactly `cols` screen columns. */
static void
add_cell(struct sk_buf *b, const char *s, int cols)
{
    char clean[512];
    tui_sanitize(s, clean, sizeof clean, false);
    size_t n = forms_utf8_prefix_for_width(clean, cols);
    clean[n] = '\0';
    sk_buf_add(b, clean, n);
    for (int w = forms_utf8_width(clean); w < cols; w++)
        sk_buf_add(b, " ", 1);
}

static const char *
separator_name(char sep)
{
    switch (sep) {
    case ',':
        return _("comma");
    case ';':
        return _("semicolon");
    case '\t':
        return _("tab");
    default:
        return "?";
    }
}

static void
build_preview(struct import_screen *im)
{
    lines_clear(im);
    const struct core_preview *p = &im->preview;
    sk_buf_addf(line_new(im), _("File: %s"), im->path);
    sk_buf_addf(line_new(im), _("Encoding: %s; separator: %s; %zu columns."),
                core_encoding_name(p->encoding), separator_name(p->separator), p->n_cols);
    line_new(im);
    enum { CELL = 14 };
    struct sk_buf *b = line_new(im);
    for (size_t c = 0; c < p->n_cols; c++) {
        add_cell(b, p->header[c], CELL);
        sk_buf_adds(b, "│");
    }
    for (size_t r = 0; r < p->n_rows; r++) {
        b = line_new(im);
        for (size_t c = 0; c < p->n_cols; c++) {
            add_cell(b, p->rows[r][c], CELL);
            sk_buf_adds(b, "│");
        }
    }
    if (p->n_rows == 0)
        sk_buf_adds(line_new(im), _("The file has no data rows."));
}

static void
on_import_error(void *ctx, const struct sk_error *e)
{
    struct import_screen *im = ctx;
    struct sk_buf *b = line_new(im);
    if (e->line)
        sk_buf_addf(b, "%ld:%ld: ", e->line, e->column);
    int fi = e->field && forms_lang_is_lv() ? forms_field_index(im->kind, e->field) : -1;
    if (e->field) /* the Latvian label under --lang lv, as the command line says it */
        sk_buf_addf(b, "%s: ", fi >= 0 ? im->kind->fields[fi].label_lv : e->field);
    sk_buf_adds(b, e->msg);
}

static void
on_import_warning(void *ctx, const struct sk_error *e)
{
    struct import_screen *im = ctx;
    if (e->column > 0)
        sk_buf_addf(&im->warned, "%ld:%ld: ", e->line, e->column);
    else
        sk_buf_addf(&im->warned, "%ld: ", e->line);
    sk_buf_addf(&im->warned, "%s: %s\n", _("warning"), e->msg);
}

/* The warnings of the last run as lines of the screen. */
static void
add_warnings(struct import_screen *im)
{
    for (char *p = im->warned.s, *nl; p && (nl = strchr(p, '\n')) != NULL; p = nl + 1)
        sk_buf_add(line_new(im), p, (size_t)(nl - p));
}

static bool
run_import(struct tui_app *app, struct import_screen *im, bool dry_run,
           struct core_import_result *res)
{
    struct core_import_opts o = {
        .encoding = CE_AUTO,
        .mode = im->mode,
        .dry_run = dry_run,
        .on_error = on_import_error,
        .on_warning = on_import_warning,
        .ctx = im,
    };
    struct sk_error err = {0};
    memset(res, 0, sizeof *res);
    sk_buf_reset(&im->warned);
    bool ok =
        core_import_file(app->opts->db, im->kind, app->opts->school_id, im->path, &o, res, &err);
    if (!ok && res->n_errors == 0) {
        struct sk_buf *b = line_new(im);
        sk_buf_adds(b, err.msg[0] ? err.msg : _("The file could not be imported."));
        res->n_errors = 1;
    }
    return ok;
}

static void
check_file(struct tui_app *app, struct import_screen *im)
{
    lines_clear(im);
    tui_app_message(app, false, "%s", _("Checking the file…"));
    tui_app_redraw(app);
    struct core_import_result res;
    bool ok = run_import(app, im, true, &res);
    im->n_rows = res.rows;
    if (ok && res.n_errors == 0) {
        im->stage = IS_READY;
        lines_clear(im);
        sk_buf_addf(line_new(im),
                    ngettext("The check found no problems in %zu row.",
                             "The check found no problems in %zu rows.", res.rows),
                    res.rows);
        add_warnings(im);
        /* skipped duplicates and folded references, one line each */
        char *notes = core_import_notes(&res);
        for (char *p = notes, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
            sk_buf_add(line_new(im), p, (size_t)(nl - p));
        free(notes);
        sk_buf_adds(line_new(im), _("Press Enter to import, or Esc to cancel."));
        tui_app_message(app, false, "%s", _("The file is ready to import."));
    } else {
        im->stage = IS_ERRORS;
        if (im->warned.len) { /* the warnings first, as the command line prints them */
            size_t n = im->n_lines;
            add_warnings(im);
            struct sk_buf *moved = sk_xmalloc((im->n_lines - n) * sizeof *moved);
            memcpy(moved, im->lines + n, (im->n_lines - n) * sizeof *moved);
            memmove(im->lines + (im->n_lines - n), im->lines, n * sizeof *moved);
            memcpy(im->lines, moved, (im->n_lines - n) * sizeof *moved);
            free(moved);
        }
        tui_app_message(app, true,
                        ngettext("%zu problem found; nothing was imported.",
                                 "%zu problems found; nothing was imported.", res.n_errors),
                        res.n_errors);
    }
    core_import_result_fini(&res);
}

/* The preview: one screen line per line, scrolled sideways by hscroll
 * (Left/Right) so that every column of a wide file can be seen. */
static void
draw_scrolled(struct import_screen *im, int rows)
{
    int widest = 0;
    for (size_t i = 3; i < im->n_lines; i++) {
        int w = im->lines[i].s ? forms_utf8_width(im->lines[i].s) : 0;
        widest = w > widest ? w : widest;
    }
    if (im->hscroll > widest - (COLS - 2))
        im->hscroll = widest - (COLS - 2) > 0 ? widest - (COLS - 2) : 0;
    for (int r = 0; r < rows && im->scroll + r < (int)im->n_lines; r++) {
        const char *line = im->lines[im->scroll + r].s;
        line = line ? line : "";
        if (im->scroll + r >= 3) /* the table, not the file's name and format */
            line += forms_utf8_prefix_for_width(line, im->hscroll);
        tui_put(2 + r, 1, line, COLS - 2, false);
    }
}

/* Problems and notes: a line longer than the screen goes on over the next
 * screen lines, so that no message is cut. */
static void
draw_wrapped(struct import_screen *im, int rows)
{
    int w = COLS - 2 > 10 ? COLS - 2 : 10, y = 0;
    for (size_t i = (size_t)im->scroll; i < im->n_lines && y < rows; i++) {
        const char *line = im->lines[i].s ? im->lines[i].s : "";
        do {
            size_t n = forms_utf8_prefix_for_width(line, w);
            if (n == 0 && *line)
                n = 1;
            char part[1024];
            snprintf(part, sizeof part, "%.*s", (int)n, line);
            tui_put(2 + y++, 1, part, w, false);
            line += n;
        } while (*line && y < rows);
    }
}

static void
import_draw(struct tui_screen *s, struct tui_app *app)
{
    struct import_screen *im = (struct import_screen *)s;
    char title[512];
    const char *stage = im->stage == IS_PREVIEW  ? _("preview")
                        : im->stage == IS_ERRORS ? _("problems")
                                                 : _("ready");
    snprintf(title, sizeof title, _("Import %s — %s"), forms_kind_label(im->kind), stage);
    tui_draw_frame(app, title, s->keys);
    const char *mode = im->mode == CM_INSERT
                           ? _("Mode: add new records only (m: also update existing ones)")
                           : _("Mode: add new and update existing records (m: add only)");
    attron(A_BOLD);
    tui_put(1, 1, mode, COLS - 2, false);
    attroff(A_BOLD);
    int rows = LINES - 5;
    int max_scroll = (int)im->n_lines - rows;
    if (im->scroll > max_scroll)
        im->scroll = max_scroll;
    if (im->scroll < 0)
        im->scroll = 0;
    if (im->hscroll < 0)
        im->hscroll = 0;
    int attr = im->stage == IS_ERRORS ? tui_attr(TS_ERROR) : tui_attr(TS_NORMAL);
    attron(attr);
    if (im->stage == IS_PREVIEW)
        draw_scrolled(im, rows);
    else
        draw_wrapped(im, rows);
    attroff(attr);
}

static enum tui_result
import_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct import_screen *im = (struct import_screen *)s;
    int page = LINES - 6;
    switch (a) {
    case TA_UP:
        im->scroll--;
        return TUI_HANDLED;
    case TA_DOWN:
        im->scroll++;
        return TUI_HANDLED;
    case TA_PGUP:
        im->scroll -= page;
        return TUI_HANDLED;
    case TA_PGDN:
        im->scroll += page;
        return TUI_HANDLED;
    case TA_HOME:
        im->scroll = 0;
        return TUI_HANDLED;
    case TA_END:
        im->scroll = (int)im->n_lines;
        return TUI_HANDLED;
    case TA_LEFT:
    case TA_RIGHT:
        if (im->stage == IS_PREVIEW)
            im->hscroll += a == TA_LEFT ? -(COLS / 2) : COLS / 2;
        return TUI_HANDLED;
    case TA_MODE:
        if (im->stage == IS_ERRORS)
            return TUI_HANDLED;
        im->mode = im->mode == CM_INSERT ? CM_UPSERT : CM_INSERT;
        if (im->stage == IS_READY) { /* the check depends on the mode */
            im->stage = IS_PREVIEW;
            build_preview(im);
        }
        return TUI_HANDLED;
    case TA_SELECT:
        if (im->stage == IS_PREVIEW) {
            check_file(app, im);
        } else if (im->stage == IS_READY) {
            lines_clear(im);
            struct core_import_result res;
            bool imported = run_import(app, im, false, &res);
            core_import_result_fini(&res);
            if (imported) {
                tui_app_message(app, false,
                                ngettext("Imported %zu record (%zu new, %zu updated).",
                                         "Imported %zu records (%zu new, %zu updated).",
                                         res.inserted + res.updated),
                                res.inserted + res.updated, res.inserted, res.updated);
                return TUI_CLOSE;
            }
            im->stage = IS_ERRORS;
            tui_app_message(app, true, "%s", _("The import failed; nothing was written."));
        } else {
            tui_app_message(app, false, "%s", _("Nothing was imported."));
            return TUI_CLOSE;
        }
        return TUI_HANDLED;
    case TA_CANCEL:
        tui_app_message(app, false, "%s", _("Import cancelled; nothing was written."));
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static void
import_close(struct tui_screen *s)
{
    struct import_screen *im = (struct import_screen *)s;
    lines_clear(im);
    free(im->lines);
    sk_buf_free(&im->warned);
    core_preview_fini(&im->preview);
    free(im->path);
    free(im);
}

static const struct tui_screen_ops import_ops = {
    .draw = import_draw,
    .on_action = import_action,
    .close = import_close,
};

struct tui_screen *
tui_import_new(struct tui_app *app, const struct forms_kind *kind)
{
    char label[256];
    snprintf(label, sizeof label, _("Import %s from file (Tab completes):"),
             forms_kind_label(kind));
    char *typed = tui_prompt(app, label, "", NULL, tui_complete_path, NULL);
    if (!typed)
        return NULL;
    if (!typed[0]) {
        free(typed);
        return NULL;
    }
    struct import_screen *im = sk_xcalloc(1, sizeof *im);
    im->base.ops = &import_ops;
    im->base.keys = &tui_keys_import;
    im->kind = kind;
    im->path = tui_expand_home(typed);
    im->mode = CM_INSERT;
    free(typed);
    struct sk_error err = {0};
    if (!core_import_preview(im->path, CE_AUTO, 12, &im->preview, &err)) {
        tui_app_message(app, true, "%s", err.msg[0] ? err.msg : _("The file could not be read."));
        import_close(&im->base);
        return NULL;
    }
    build_preview(im);
    tui_app_message(app, false, "%s", _("Press Enter to check the whole file."));
    return &im->base;
}

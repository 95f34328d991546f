/* The export screen: the yearly self-evaluation tables as one HTML file
 * (core_report_path, as `skola report`) and the municipality package
 * (core_package_export, as `skola export-municipality`) of a school year.
 * A progress bar follows core's progress callback; afterwards a box lists
 * every file written with its full path and size, or says what went wrong. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The lines of the screen, in order. */
enum export_line {
    EL_YEAR,
    EL_LANG,
    EL_FORMAT,
    EL_REPORT_PATH,
    EL_PACKAGE_DIR,
    EL_DO_REPORT,
    EL_DO_PACKAGE,
    EL_DO_BOTH,
    EL_COUNT_
};

enum { MAX_RESULT = 16 };

/* One line of the result box. */
struct result_line {
    char path[1024]; /* full path, or a message */
    long long size;  /* bytes; -1 = not a file (a message) */
};

struct export_screen {
    struct tui_screen base;
    struct tui_app *app; /* for the progress callback */
    struct tui_win win;
    int year;
    bool is_lv;            /* the report in Latvian (the official language) */
    bool is_xlsx;          /* the report as a spreadsheet (one sheet per table) */
    char *report_path;     /* owned, as typed ("~/" allowed) */
    char *package_dir;     /* owned, as typed */
    bool is_report_custom; /* typed by the user: a year change keeps it */
    bool is_package_custom;
    /* progress while writing */
    bool is_running;
    size_t done, total, done_before; /* steps; done_before: the report, before the package */
    char what[256];
    /* the result of the last run */
    bool has_result;
    bool is_error;
    char result_title[256];
    struct result_line result[MAX_RESULT];
    size_t n_result;
};

static void
default_paths(struct export_screen *e)
{
    /* the CLI's names (core_default_name), in the home folder */
    if (!e->is_report_custom) {
        char *name =
            core_default_name("report", e->app->school.code, e->year, e->is_xlsx ? "xlsx" : "html");
        free(e->report_path);
        e->report_path = sk_xasprintf("~/%s", name);
        free(name);
    }
    if (!e->is_package_custom) {
        char *name = core_default_name("package", e->app->school.code, e->year, NULL);
        free(e->package_dir);
        e->package_dir = sk_xasprintf("~/%s", name);
        free(name);
    }
}

/* ------------------------------------------------------------------ draw */

static const char *
line_label(enum export_line l)
{
    switch (l) {
    case EL_YEAR:
        return _("School year");
    case EL_LANG:
        return _("Report language");
    case EL_FORMAT:
        return _("Report format");
    case EL_REPORT_PATH:
        return _("Report file");
    case EL_PACKAGE_DIR:
        return _("Package folder");
    case EL_DO_REPORT:
        return _("Write the report");
    case EL_DO_PACKAGE:
        return _("Write the municipality package");
    case EL_DO_BOTH:
        return _("Write both");
    case EL_COUNT_:
        break;
    }
    return "";
}

/* Screen row of a line: the settings, a gap, the actions. */
static int
line_row(enum export_line l)
{
    return 2 + (int)l + (l >= EL_DO_REPORT ? 1 : 0);
}

/* Draws text in w columns; a longer text keeps its end ("…/name.csv"), as
 * the end of a path says most. */
static void
put_tail(int y, int x, const char *text, int w)
{
    int tw = forms_utf8_width(text);
    if (tw <= w) {
        tui_put(y, x, text, w, false);
        return;
    }
    const char *p = text;
    while (*p && forms_utf8_width(p) > w - 1) {
        p++;
        while ((*p & 0xc0) == 0x80)
            p++;
    }
    tui_put(y, x, "…", 1, false);
    tui_put(y, x + 1, p, w - 1, false);
}

/* Draws text wrapped at spaces into at most max_rows rows of w columns.
 * Returns the rows used. */
static int
put_wrapped(int y, int x, int w, const char *text, int max_rows)
{
    int rows = 0;
    const char *p = text;
    while (*p && rows < max_rows) {
        size_t n = forms_utf8_prefix_for_width(p, w);
        if (n == 0)
            break;
        if (p[n] && p[n] != ' ') {
            size_t k = n;
            while (k > 0 && p[k] != ' ')
                k--;
            if (k > 0)
                n = k;
        }
        char part[1024];
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        tui_put(y + rows++, x, part, w, false);
        p += n;
        while (*p == ' ')
            p++;
    }
    return rows;
}

static void
format_size(long long size, char *buf, size_t cap)
{
    snprintf(buf, cap, "%lld B", size); /* exact; B is read the same in every language */
}

static void
draw_box(struct export_screen *e, int y, int h)
{
    int w = COLS - 2, x = 1;
    if (h < 3)
        return;
    if (e->is_running) {
        tui_box(y, x, h, w, _("Writing…"));
        char line[512], bar[512], count[64];
        snprintf(line, sizeof line, "%s", e->what);
        tui_put(y + 1, x + 2, line, w - 4, false);
        snprintf(count, sizeof count, "%zu/%zu", e->done, e->total);
        int cw = forms_utf8_width(count);
        int bw = w - 4 - cw - 1;
        tui_bar_text(e->total ? (double)e->done / (double)e->total : 0, bw, bar, sizeof bar);
        if (h > 3) {
            attron(tui_attr(TS_CURSOR));
            tui_put(y + 2, x + 2, bar, bw, true);
            attroff(tui_attr(TS_CURSOR));
            tui_put(y + 2, x + 2 + bw + 1, count, cw, false);
        }
        return;
    }
    if (!e->has_result) {
        tui_box(y, x, h, w, _("What is written"));
        const char *lines[] = {
            _("The report: the yearly self-evaluation tables as one HTML file; open it in a "
              "browser to read or print it."),
            _("The package: the school's figures for the municipality (CSV files and "
              "manifest.json). Nothing in it names a pupil or a staff member."),
        };
        int row = y + 1;
        for (size_t i = 0; i < SK_ARRAY_LEN(lines); i++)
            row += put_wrapped(row, x + 2, w - 4, lines[i], y + h - 1 - row);
        return;
    }
    tui_box(y, x, h, w, e->result_title);
    int sw_max = 0; /* sizes right-aligned in one column */
    for (size_t i = 0; i < e->n_result; i++) {
        char size[64];
        if (e->result[i].size < 0)
            continue;
        format_size(e->result[i].size, size, sizeof size);
        int sw = forms_utf8_width(size);
        sw_max = sw > sw_max ? sw : sw_max;
    }
    int row = y + 1;
    for (size_t i = 0; i < e->n_result && row < y + h - 1; i++, row++) {
        const struct result_line *r = &e->result[i];
        if (r->size < 0) {
            int attr = e->is_error ? tui_attr(TS_ERROR) : tui_attr(TS_NORMAL);
            attron(attr);
            row += put_wrapped(row, x + 2, w - 4, r->path, y + h - 1 - row) - 1;
            attroff(attr);
            continue;
        }
        char size[64];
        format_size(r->size, size, sizeof size);
        int sw = forms_utf8_width(size);
        put_tail(row, x + 2, r->path, w - 4 - sw_max - 2);
        tui_put(row, x + w - 2 - sw, size, sw, false);
    }
}

static void
export_draw(struct tui_screen *s, struct tui_app *app)
{
    struct export_screen *e = (struct export_screen *)s;
    char title[256];
    snprintf(title, sizeof title, "%s — %d./%d.", _("Export"), e->year, e->year + 1);
    tui_draw_frame(app, title, s->keys);
    int lw = 0;
    for (int l = 0; l < EL_DO_REPORT; l++) {
        int w = forms_utf8_width(line_label((enum export_line)l));
        lw = w > lw ? w : lw;
    }
    int vx = 4 + lw + 2;
    for (int l = 0; l < EL_COUNT_; l++) {
        int y = line_row((enum export_line)l);
        bool is_cur = l == e->win.cursor;
        char value[1100];
        value[0] = '\0';
        switch ((enum export_line)l) {
        case EL_YEAR:
            snprintf(value, sizeof value, "◂ %d./%d. ▸", e->year, e->year + 1);
            break;
        case EL_LANG:
            snprintf(value, sizeof value, "◂ %s ▸", e->is_lv ? _("Latvian") : _("English"));
            break;
        case EL_FORMAT:
            snprintf(value, sizeof value, "◂ %s ▸",
                     e->is_xlsx ? _("Spreadsheet (.xlsx)") : _("Web page (.html)"));
            break;
        case EL_REPORT_PATH:
            snprintf(value, sizeof value, "%s", e->report_path);
            break;
        case EL_PACKAGE_DIR:
            snprintf(value, sizeof value, "%s", e->package_dir);
            break;
        default:
            break;
        }
        int attr = is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL);
        if (l >= EL_DO_REPORT) {
            char button[256];
            snprintf(button, sizeof button, "[ %s ]", line_label((enum export_line)l));
            attron(attr);
            tui_put(y, 4, button, COLS - 8, false);
            attroff(attr);
            continue;
        }
        tui_put(y, 4, line_label((enum export_line)l), lw, false);
        attron(is_cur ? attr : tui_attr(TS_FIELD));
        put_tail(y, vx, value, COLS - vx - 2);
        attroff(is_cur ? attr : tui_attr(TS_FIELD));
    }
    int box_y = line_row(EL_DO_BOTH) + 2;
    draw_box(e, box_y, LINES - 2 - box_y);
}

/* --------------------------------------------------------------- writing */

static void
result_clear(struct export_screen *e, const char *title)
{
    e->has_result = true;
    e->is_error = false;
    e->n_result = 0;
    snprintf(e->result_title, sizeof e->result_title, "%s", title);
}

static void
result_add(struct export_screen *e, const char *path, long long size)
{
    if (e->n_result == MAX_RESULT)
        return;
    struct result_line *r = &e->result[e->n_result++];
    snprintf(r->path, sizeof r->path, "%s", path);
    r->size = size;
}

static void
result_file(struct export_screen *e, const char *path)
{
    struct stat st;
    result_add(e, path, stat(path, &st) == 0 ? (long long)st.st_size : 0);
}

static void
result_error(struct export_screen *e, const struct sk_error *err, const char *fallback)
{
    e->is_error = true;
    result_add(e, err->msg[0] ? err->msg : fallback, -1);
}

/* Progress of the package, after the steps done before it (the report). */
static void
on_progress(void *ctx, size_t done, size_t total, const char *what)
{
    struct export_screen *e = ctx;
    e->done = e->done_before + done;
    e->total = e->done_before + total;
    snprintf(e->what, sizeof e->what, "%s", what && what[0] ? what : _("Done."));
    tui_app_redraw(e->app);
}

static bool
file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Asks before replacing what an earlier run wrote. False = leave it. */
static bool
may_replace(struct tui_app *app, const char *report, const char *dir)
{
    char q[1400];
    /* the database is never replaced: no question, the run says why */
    if (report && file_exists(report) && core_output_allowed(app->opts->db, report, NULL)) {
        snprintf(q, sizeof q, _("The file “%s” exists. Replace it?"), report);
        if (!tui_confirm(app, q))
            return false;
    }
    if (dir) {
        char *manifest = sk_xasprintf("%s/manifest.json", dir);
        bool has = file_exists(manifest);
        free(manifest);
        if (has) {
            snprintf(q, sizeof q, _("The folder “%s” has a package already. Replace it?"), dir);
            if (!tui_confirm(app, q))
                return false;
        }
    }
    return true;
}

static void
run(struct export_screen *e, struct tui_app *app, bool do_report, bool do_package)
{
    char *report = do_report ? tui_expand_home(e->report_path) : NULL;
    char *dir = do_package ? tui_expand_home(e->package_dir) : NULL;
    if ((report && !report[0]) || (dir && !dir[0])) {
        tui_app_message(app, true, "%s", _("Give a file or folder name first."));
        goto out;
    }
    if (!may_replace(app, report, dir)) {
        tui_app_message(app, false, "%s", _("Nothing was written."));
        goto out;
    }
    e->is_running = true;
    e->has_result = false;
    e->done = e->done_before = 0;
    e->total = (do_report ? 1 : 0) + (do_package ? core_package_n_files + 1 : 0);
    struct sk_error err = {0};
    bool ok = true;
    result_clear(e, _("Written"));
    if (report) {
        const char *slash = strrchr(report, '/');
        snprintf(e->what, sizeof e->what, "%s", slash ? slash + 1 : report);
        tui_app_redraw(app);
        /* the file's extension chooses, as on the command line */
        ok = core_path_is_xlsx(report) ? core_report_xlsx_path(app->opts->db, app->opts->school_id,
                                                               e->year, e->is_lv, report, &err)
                                       : core_report_path(app->opts->db, app->opts->school_id,
                                                          e->year, e->is_lv, report, &err);
        if (ok)
            result_file(e, report);
        else
            result_error(e, &err, _("The report could not be written."));
        e->done = e->done_before = 1;
    }
    if (ok && dir) {
        struct core_manifest m;
        memset(&m, 0, sizeof m);
        snprintf(e->what, sizeof e->what, "%s", dir);
        tui_app_redraw(app);
        ok = core_package_export(app->opts->db, app->opts->school_id, e->year, dir, on_progress, e,
                                 &m, &err);
        if (ok) {
            for (size_t i = 0; i < m.n_files; i++) {
                char *path = sk_xasprintf("%s/%s", dir, m.files[i].name);
                result_file(e, path);
                free(path);
            }
            char *path = sk_xasprintf("%s/manifest.json", dir);
            result_file(e, path);
            free(path);
        } else {
            result_error(e, &err, _("The package could not be written."));
        }
    }
    e->is_running = false;
    if (ok) {
        tui_app_message(app, false, "%s",
                        do_report && do_package ? _("Wrote the report and the package.")
                        : do_report             ? _("Wrote the report.")
                                                : _("Wrote the package."));
    } else {
        snprintf(e->result_title, sizeof e->result_title, "%s", _("Not written"));
        tui_app_message(app, true, "%s", _("Export failed; the box says why."));
    }
out:
    free(report);
    free(dir);
}

/* ---------------------------------------------------------------- actions */

/* The report name with the extension of the chosen format: .html/.htm and
 * .xlsx are swapped, any other name gets the extension added, so that the
 * format line and the file written never disagree. Owned. */
static char *
with_format_extension(const char *path, bool is_xlsx)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t keep = strlen(path);
    if (dot && dot != base &&
        (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
         strcasecmp(dot, ".xlsx") == 0))
        keep = (size_t)(dot - path);
    return sk_xasprintf("%.*s%s", (int)keep, path, is_xlsx ? ".xlsx" : ".html");
}

static void
change_path(struct export_screen *e, struct tui_app *app, bool is_report)
{
    char **slot = is_report ? &e->report_path : &e->package_dir;
    char *typed = tui_prompt(app, is_report ? _("Report file:") : _("Package folder:"), *slot, NULL,
                             tui_complete_path, NULL);
    if (!typed)
        return;
    if (!typed[0]) {
        free(typed);
        return;
    }
    free(*slot);
    *slot = typed;
    if (is_report) {
        e->is_report_custom = true;
        e->is_xlsx = core_path_is_xlsx(typed); /* what is written follows the name */
    } else
        e->is_package_custom = true;
}

static void
change(struct export_screen *e, int dir)
{
    switch (e->win.cursor) {
    case EL_YEAR:
        if (e->year + dir >= 2000 && e->year + dir <= 2100) {
            e->year += dir;
            default_paths(e);
        }
        break;
    case EL_LANG:
        e->is_lv = !e->is_lv;
        break;
    case EL_FORMAT:
        e->is_xlsx = !e->is_xlsx;
        if (e->is_report_custom) {
            char *p = with_format_extension(e->report_path, e->is_xlsx);
            free(e->report_path);
            e->report_path = p;
        }
        default_paths(e);
        break;
    default:
        break;
    }
}

static enum tui_result
export_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct export_screen *e = (struct export_screen *)s;
    if (tui_win_navigate(&e->win, a))
        return TUI_HANDLED;
    switch (a) {
    case TA_LEFT:
    case TA_RIGHT:
        change(e, a == TA_LEFT ? -1 : 1);
        return TUI_HANDLED;
    case TA_SELECT:
        switch ((enum export_line)e->win.cursor) {
        case EL_YEAR:
        case EL_LANG:
        case EL_FORMAT:
            change(e, 1);
            break;
        case EL_REPORT_PATH:
        case EL_PACKAGE_DIR:
            change_path(e, app, e->win.cursor == EL_REPORT_PATH);
            break;
        case EL_DO_REPORT:
            run(e, app, true, false);
            break;
        case EL_DO_PACKAGE:
            run(e, app, false, true);
            break;
        case EL_DO_BOTH:
        case EL_COUNT_:
            run(e, app, true, true);
            break;
        }
        return TUI_HANDLED;
    case TA_WRITE_REPORT:
        run(e, app, true, false);
        return TUI_HANDLED;
    case TA_WRITE_PACKAGE:
        run(e, app, false, true);
        return TUI_HANDLED;
    case TA_WRITE_BOTH:
        run(e, app, true, true);
        return TUI_HANDLED;
    case TA_BACK:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static void
export_close(struct tui_screen *s)
{
    struct export_screen *e = (struct export_screen *)s;
    free(e->report_path);
    free(e->package_dir);
    free(e);
}

static const struct tui_screen_ops export_ops = {
    .draw = export_draw,
    .on_action = export_action,
    .close = export_close,
};

struct tui_screen *
tui_export_screen_new(struct tui_app *app)
{
    struct export_screen *e = sk_xcalloc(1, sizeof *e);
    e->base.ops = &export_ops;
    e->base.keys = &tui_keys_export;
    e->app = app;
    /* the yearly documents are of the last completed school year */
    e->year = sk_date_school_year(sk_date_today()) - 1;
    e->is_lv = true;
    e->win.n = EL_COUNT_;
    e->win.height = EL_COUNT_;
    e->win.cursor = EL_YEAR;
    tui_win_clamp(&e->win);
    default_paths(e);
    return &e->base;
}

/* The summaries screen: any struct core_summary drawn generically — one
 * section per metric, one line per figure with its value, numerator and
 * denominator, and a horizontal Unicode bar (█ and eighths ▏…▉) for
 * percentages (and for counts split by a dimension, relative to the
 * largest). The "who is not observed yet" box is in tui/unobserved.c. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of the screen: a metric heading (fig = its first figure,
 * is_heading) or a figure. */
struct sum_line {
    size_t fig;
    bool is_heading;
};

struct summary_screen {
    struct tui_screen base;
    int year;
    struct core_summary sum;
    struct sum_line *lines;
    size_t n_lines;
    struct tui_win win; /* scrolling: cursor == top */
};

static void
load(struct summary_screen *ss, struct tui_app *app)
{
    core_summary_fini(&ss->sum);
    memset(&ss->sum, 0, sizeof ss->sum);
    free(ss->lines);
    ss->lines = NULL;
    ss->n_lines = 0;
    struct sk_error err = {0};
    if (!core_summary_compute(app->opts->db, app->opts->school_id, ss->year, SK_DATE_NONE, CS_ALL,
                              &ss->sum, &err))
        tui_app_message(app, true, "%s", err.msg);
    ss->lines = sk_xcalloc(ss->sum.n * 2 + 1, sizeof *ss->lines);
    const char *last = "";
    for (size_t i = 0; i < ss->sum.n; i++) {
        if (strcmp(ss->sum.figs[i].metric, last) != 0) {
            last = ss->sum.figs[i].metric;
            ss->lines[ss->n_lines++] = (struct sum_line){i, true};
        }
        ss->lines[ss->n_lines++] = (struct sum_line){i, false};
    }
    ss->win.n = (int64_t)ss->n_lines;
    ss->win.cursor = ss->win.top = 0;
}

/* The largest numerator of the metric of figure i (for count bars), and
 * whether the metric has more than one figure. */
static double
group_max(const struct core_summary *s, size_t i, bool *is_split)
{
    double max = 0;
    size_t n = 0;
    for (size_t k = 0; k < s->n; k++)
        if (strcmp(s->figs[k].metric, s->figs[i].metric) == 0) {
            n++;
            if (s->figs[k].num > max)
                max = s->figs[k].num;
        }
    *is_split = n > 1;
    return max;
}

/* The widest dimension label and detail of the metric of figure i. */
static void
group_widths(const struct core_summary *s, size_t i, bool comma, int *label, int *detail)
{
    *label = *detail = 0;
    for (size_t k = 0; k < s->n; k++) {
        if (strcmp(s->figs[k].metric, s->figs[i].metric) != 0)
            continue;
        char d[400];
        int w = forms_utf8_width(core_figure_dimension_label(&s->figs[k]));
        if (w > *label)
            *label = w;
        w = forms_utf8_width(core_figure_detail(&s->figs[k], comma, d, sizeof d));
        if (w > *detail)
            *detail = w;
    }
}

/* The label column of figure i's line: the summary's common column (the
 * widest label, at most 45 % of the screen: values aligned from one metric
 * to the next), wider for a metric whose labels need it as long as its
 * details and a short bar still fit, narrower where its details need the
 * room (ratios in words); a label longer than that is cut. */
static int
label_cols(const struct core_summary *s, size_t i, bool comma)
{
    int widest = 0;
    for (size_t k = 0; k < s->n; k++) {
        int w = forms_utf8_width(core_figure_dimension_label(&s->figs[k]));
        if (w > widest)
            widest = w;
    }
    int cap = COLS * 45 / 100;
    int common = widest + 1 < 20 ? 20 : widest + 1 > cap ? cap : widest + 1;
    int label, detail;
    group_widths(s, i, comma, &label, &detail);
    int room = COLS - 3 - 11 - 2 - detail;
    int w = common;
    if (label + 1 > w && label + 1 <= room - 8)
        w = label + 1; /* the whole label, with 8 columns of bar */
    else if (label + 1 > w)
        w = room - 8 > w ? room - 8 : w;
    if (w > room)
        w = room;
    return w < 8 ? 8 : w;
}

static void
summary_draw(struct tui_screen *s, struct tui_app *app)
{
    struct summary_screen *ss = (struct summary_screen *)s;
    char title[256];
    if (ss->sum.school_name[0])
        snprintf(title, sizeof title, _("Summaries %d./%d. — %s (%s)"), ss->year, ss->year + 1,
                 ss->sum.school_name, ss->sum.school_code);
    else
        snprintf(title, sizeof title, _("Summaries %d./%d."), ss->year, ss->year + 1);
    tui_draw_frame(app, title, s->keys);
    ss->win.height = LINES - 3 > 1 ? LINES - 3 : 1;
    tui_win_clamp(&ss->win);
    if (ss->n_lines == 0) {
        tui_put(2, 2, _("Nothing to show for this school year."), COLS - 4, false);
        return;
    }
    bool comma = forms_lang_is_lv();
    for (int r = 0; r < ss->win.height && ss->win.top + r < ss->win.n; r++) {
        const struct sum_line *ln = &ss->lines[ss->win.top + r];
        const struct core_figure *f = &ss->sum.figs[ln->fig];
        int y = 1 + r;
        if (ln->is_heading) {
            char head[256];
            snprintf(head, sizeof head, "%s  [%s]", core_summary_metric_label(f->metric),
                     f->metric);
            attron(tui_attr(TS_HEADER));
            tui_put(y, 1, head, COLS - 2, true);
            attroff(tui_attr(TS_HEADER));
            continue;
        }
        char value[48], line[160];
        core_figure_value_text(f, comma, value, sizeof value);
        const char *dim = core_figure_dimension_label(f);
        int dim_w = label_cols(&ss->sum, ln->fig, comma);
        tui_put(y, 3, dim, dim_w - 1, true);
        snprintf(line, sizeof line, "%8s%s", value,
                 f->unit == CU_PERCENT && f->has_value ? " %" : "  ");
        int x = 3 + dim_w;
        tui_put(y, x, line, 11, true);
        x += 11;
        int room = COLS - x - 2;
        char detail[400];
        core_figure_detail(f, comma, detail, sizeof detail);
        int dw = forms_utf8_width(detail);
        int bar_w = room - dw - 2;
        if (bar_w > 40)
            bar_w = 40;
        double frac = 0;
        bool is_split = false;
        if (f->unit == CU_PERCENT && f->has_value)
            frac = f->num / f->den;
        else if (f->unit == CU_COUNT) {
            double max = group_max(&ss->sum, ln->fig, &is_split);
            frac = is_split && max > 0 ? f->num / max : 0;
        }
        if (bar_w >= 5 && frac > 0) {
            char b[200];
            tui_bar_text(frac, bar_w, b, sizeof b);
            tui_put(y, x + 1, b, bar_w, false);
        }
        if (detail[0] && room > 0)
            tui_put(y, x + 1 + (bar_w >= 5 ? bar_w + 1 : 0), detail,
                    room - (bar_w >= 5 ? bar_w + 1 : 0), false);
    }
}

/* v/F3/Enter: the metric at the top of the screen whole, nothing cut —
 * its heading with the key, and each figure with its value and detail,
 * wrapped in a box (headings and labels are cut to fit on the screen). */
static void
view_metric(struct summary_screen *ss, struct tui_app *app)
{
    if (ss->n_lines == 0)
        return;
    const struct sum_line *ln = &ss->lines[ss->win.top];
    const char *metric = ss->sum.figs[ln->fig].metric;
    bool comma = forms_lang_is_lv();
    char **lines = sk_xcalloc(ss->sum.n + 2, sizeof *lines);
    size_t n = 0;
    lines[n++] = sk_xasprintf("%s  [%s]", core_summary_metric_label(metric), metric);
    for (size_t i = 0; i < ss->sum.n; i++) {
        const struct core_figure *f = &ss->sum.figs[i];
        if (strcmp(f->metric, metric) != 0)
            continue;
        char value[48], detail[400];
        core_figure_value_text(f, comma, value, sizeof value);
        core_figure_detail(f, comma, detail, sizeof detail);
        const char *dim = core_figure_dimension_label(f);
        lines[n++] = sk_xasprintf("%s%s%s%s%s%s", dim, dim[0] ? ": " : "", value,
                                  f->unit == CU_PERCENT && f->has_value ? " %" : "",
                                  detail[0] ? "  " : "", detail);
    }
    tui_textbox(app, core_summary_metric_label(metric), (const char *const *)lines, n);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static enum tui_result
summary_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct summary_screen *ss = (struct summary_screen *)s;
    /* the window scrolls: the top line follows the cursor */
    switch (a) {
    case TA_UP:
        ss->win.cursor = ss->win.top;
        tui_win_move(&ss->win, -1);
        ss->win.top = ss->win.cursor;
        return TUI_HANDLED;
    case TA_DOWN:
        if (ss->win.top + ss->win.height < ss->win.n)
            ss->win.top++;
        ss->win.cursor = ss->win.top;
        return TUI_HANDLED;
    case TA_PGUP:
        ss->win.top = ss->win.top > ss->win.height ? ss->win.top - ss->win.height : 0;
        ss->win.cursor = ss->win.top;
        return TUI_HANDLED;
    case TA_PGDN: {
        int64_t last = ss->win.n - ss->win.height;
        ss->win.top = ss->win.top + ss->win.height < last ? ss->win.top + ss->win.height
                      : last > 0                          ? last
                                                          : 0;
        ss->win.cursor = ss->win.top;
        return TUI_HANDLED;
    }
    case TA_HOME:
        ss->win.top = ss->win.cursor = 0;
        return TUI_HANDLED;
    case TA_END:
        ss->win.top = ss->win.n > ss->win.height ? ss->win.n - ss->win.height : 0;
        ss->win.cursor = ss->win.top;
        return TUI_HANDLED;
    case TA_YEAR_PREV:
    case TA_YEAR_NEXT:
        ss->year += a == TA_YEAR_PREV ? -1 : 1;
        load(ss, app);
        return TUI_HANDLED;
    case TA_VIEW:
    case TA_SELECT:
        view_metric(ss, app);
        return TUI_HANDLED;
    case TA_UNOBSERVED: {
        int saved = app->year;
        app->year = ss->year;
        tui_unobserved_show(app);
        app->year = saved;
        return TUI_HANDLED;
    }
    case TA_BACK:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static void
summary_resume(struct tui_screen *s, struct tui_app *app)
{
    int64_t top = ((struct summary_screen *)s)->win.top;
    load((struct summary_screen *)s, app);
    ((struct summary_screen *)s)->win.top = top;
    ((struct summary_screen *)s)->win.cursor = top;
}

static void
summary_close(struct tui_screen *s)
{
    struct summary_screen *ss = (struct summary_screen *)s;
    core_summary_fini(&ss->sum);
    free(ss->lines);
    free(ss);
}

static const struct tui_screen_ops summary_ops = {
    .draw = summary_draw,
    .on_action = summary_action,
    .on_resume = summary_resume,
    .close = summary_close,
};

struct tui_screen *
tui_summary_new(struct tui_app *app)
{
    struct summary_screen *ss = sk_xcalloc(1, sizeof *ss);
    ss->base.ops = &summary_ops;
    ss->base.keys = &tui_keys_summary;
    ss->year = app->year;
    ss->win.height = 1;
    load(ss, app);
    return &ss->base;
}

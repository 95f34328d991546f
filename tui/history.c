/* The history screen (`h` on a list, Ctrl-R on the sheet): the audit trail
 * of one record, newest first — when, who, field, old → new, and how it was
 * created (core_history_lines, the same lines as `skola history`). Modal and
 * scrollable; Esc or q closes it. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct history_screen {
    struct tui_screen base;
    char title[256];
    struct core_history_line *lines; /* owned */
    size_t n_lines;
    int top;  /* first visible line */
    int rows; /* visible lines at the last draw */
};

static void
history_draw(struct tui_screen *s, struct tui_app *app)
{
    struct history_screen *h = (struct history_screen *)s;
    tui_draw_frame(app, h->title, s->keys);
    h->rows = LINES - 4 > 1 ? LINES - 4 : 1;
    int max_top = (int)h->n_lines - h->rows;
    if (h->top > max_top)
        h->top = max_top;
    if (h->top < 0)
        h->top = 0;
    int ww = 0; /* who: as wide as the widest login shown, at most 16 */
    for (size_t i = 0; i < h->n_lines; i++) {
        int w = forms_utf8_width(h->lines[i].who);
        ww = w > ww ? w : ww;
    }
    ww = ww > 16 ? 16 : ww;
    attron(tui_attr(TS_HEADER));
    tui_blank(1, 0, COLS);
    tui_put(1, 1, _("When"), 16, false);
    tui_put(1, 19, _("Who"), ww > 3 ? ww : 3, false);
    tui_put(1, 21 + (ww > 3 ? ww : 3), _("Change"), COLS, false);
    attroff(tui_attr(TS_HEADER));
    if (h->n_lines == 0)
        tui_put(3, 2, _("No history is recorded for this record."), COLS - 4, false);
    int wcol = ww > 3 ? ww : 3;
    for (int r = 0; r < h->rows && h->top + r < (int)h->n_lines; r++) {
        const struct core_history_line *l = &h->lines[h->top + r];
        char text[1024], safe[1024];
        if (l->field[0])
            snprintf(text, sizeof text, "%s: %s", l->field, l->text);
        else
            snprintf(text, sizeof text, "%s", l->text);
        tui_sanitize(text, safe, sizeof safe, false);
        tui_blank(2 + r, 0, COLS);
        tui_put(2 + r, 1, l->when, 16, false);
        tui_put(2 + r, 19, l->who, wcol, false);
        int x = 21 + wcol;
        if (COLS - x - 1 > 0)
            tui_put(2 + r, x, safe, COLS - x - 1, false);
    }
    if (h->top + h->rows < (int)h->n_lines)
        tui_put(LINES - 2, COLS - 2, "▼", 1, false);
}

/* v: the changes from the top line down, each whole and wrapped (a long
 * comment's old and new text is cut to fit a row of the list). */
static void
history_view(struct history_screen *h, struct tui_app *app)
{
    size_t from = h->top > 0 ? (size_t)h->top : 0, n = 0;
    if (from >= h->n_lines)
        return;
    char **lines = sk_xcalloc(h->n_lines - from, sizeof *lines);
    for (size_t i = from; i < h->n_lines; i++) {
        const struct core_history_line *l = &h->lines[i];
        lines[n++] = sk_xasprintf("%s · %s · %s%s%s", l->when, l->who, l->field,
                                  l->field[0] ? ": " : "", l->text);
    }
    tui_textbox(app, h->title, (const char *const *)lines, n);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static enum tui_result
history_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    (void)app;
    struct history_screen *h = (struct history_screen *)s;
    switch (a) {
    case TA_UP:
        h->top--;
        return TUI_HANDLED;
    case TA_DOWN:
        h->top++;
        return TUI_HANDLED;
    case TA_PGUP:
        h->top -= h->rows;
        return TUI_HANDLED;
    case TA_PGDN:
        h->top += h->rows;
        return TUI_HANDLED;
    case TA_HOME:
        h->top = 0;
        return TUI_HANDLED;
    case TA_END:
        h->top = (int)h->n_lines;
        return TUI_HANDLED;
    case TA_HELP:
        tui_help_show(app, s->keys, NULL);
        return TUI_HANDLED;
    case TA_VIEW:
        history_view(h, app);
        return TUI_HANDLED;
    case TA_BACK:
        return TUI_CLOSE;
    default:
        return TUI_HANDLED;
    }
}

static const struct tui_screen_ops history_ops = {
    .draw = history_draw,
    .on_action = history_action,
};

void
tui_history_show(struct tui_app *app, const struct forms_kind *kind, int64_t id, const char *name)
{
    if (id == 0) {
        tui_app_message(app, true, "%s", _("The record is not saved yet: it has no history."));
        return;
    }
    struct history_screen h;
    memset(&h, 0, sizeof h);
    h.base.ops = &history_ops;
    h.base.keys = &tui_keys_history;
    struct sk_error err = {0};
    if (!core_history_lines(app->opts->db, kind, app->opts->school_id, id, &h.lines, &h.n_lines,
                            &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    char safe[160];
    tui_sanitize(name ? name : "", safe, sizeof safe, false);
    if (safe[0])
        snprintf(h.title, sizeof h.title, _("History of %s “%s”"), forms_kind_label(kind), safe);
    else
        snprintf(h.title, sizeof h.title, _("History of %s"), forms_kind_label(kind));
    tui_app_modal(app, &h.base);
    core_history_free(h.lines, h.n_lines);
}

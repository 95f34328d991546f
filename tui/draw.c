/* Drawing helpers shared by the screens: styles (colour or monochrome),
 * sanitised and width-limited text, frames, the top bar and the hints. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int style_attr[TS_COUNT_];

void
tui_draw_init_styles(bool colors)
{
    static const int mono[TS_COUNT_] = {
        [TS_NORMAL] = A_NORMAL,  [TS_TITLE] = A_REVERSE, [TS_HINTS] = A_REVERSE,
        [TS_CURSOR] = A_REVERSE, [TS_HEADER] = A_BOLD,   [TS_MARKED] = A_BOLD,
        [TS_ERROR] = A_BOLD,     [TS_DISABLED] = A_DIM,  [TS_FIELD] = A_UNDERLINE,
        [TS_BOX] = A_NORMAL,
    };
    memcpy(style_attr, mono, sizeof style_attr);
    if (!colors)
        return;
    /* pair numbers: 1 title, 2 hints, 3 cursor, 4 header, 5 marked, 6 error */
    init_pair(1, COLOR_WHITE, COLOR_BLUE);
    init_pair(2, COLOR_BLACK, COLOR_CYAN);
    init_pair(3, COLOR_BLACK, COLOR_CYAN);
    init_pair(4, COLOR_YELLOW, -1);
    init_pair(5, COLOR_GREEN, -1);
    init_pair(6, COLOR_RED, -1);
    style_attr[TS_TITLE] = (int)(COLOR_PAIR(1) | A_BOLD);
    style_attr[TS_HINTS] = (int)COLOR_PAIR(2);
    style_attr[TS_CURSOR] = (int)COLOR_PAIR(3);
    style_attr[TS_HEADER] = (int)(COLOR_PAIR(4) | A_BOLD);
    style_attr[TS_MARKED] = (int)(COLOR_PAIR(5) | A_BOLD);
    style_attr[TS_ERROR] = (int)(COLOR_PAIR(6) | A_BOLD);
}

int
tui_attr(enum tui_style st)
{
    return style_attr[st];
}

static int
put_text(int y, int x, const char *text, int cols, bool pad, bool is_marked)
{
    char buf[2048];
    if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + cols > COLS)
        cols = COLS - x;
    tui_sanitize(text, buf, sizeof buf, false);
    size_t n;
    if (is_marked) {
        n = tui_cut(buf, sizeof buf, cols);
    } else {
        n = forms_utf8_prefix_for_width(buf, cols);
        buf[n] = '\0';
    }
    int w = forms_utf8_width(buf);
    mvaddnstr(y, x, buf, (int)n);
    if (pad && w < cols)
        tui_blank(y, x + w, cols - w);
    return w;
}

int
tui_put(int y, int x, const char *text, int cols, bool pad)
{
    return put_text(y, x, text, cols, pad, true);
}

int
tui_put_clip(int y, int x, const char *text, int cols, bool pad)
{
    return put_text(y, x, text, cols, pad, false);
}

void
tui_blank(int y, int x, int cols)
{
    if (y < 0 || y >= LINES)
        return;
    for (int i = 0; i < cols && x + i < COLS; i++)
        mvaddch(y, x + i, ' ');
}

void
tui_box(int y, int x, int h, int w, const char *title)
{
    for (int r = 0; r < h; r++)
        tui_blank(y + r, x, w);
    /* UTF-8 line characters rather than ACS: they survive every terminal
     * that shows UTF-8 (and tmux capture in the tests). */
    for (int c = 1; c < w - 1; c++) {
        tui_put(y, x + c, "─", 1, false);
        tui_put(y + h - 1, x + c, "─", 1, false);
    }
    for (int r = 1; r < h - 1; r++) {
        tui_put(y + r, x, "│", 1, false);
        tui_put(y + r, x + w - 1, "│", 1, false);
    }
    tui_put(y, x, "┌", 1, false);
    tui_put(y, x + w - 1, "┐", 1, false);
    tui_put(y + h - 1, x, "└", 1, false);
    tui_put(y + h - 1, x + w - 1, "┘", 1, false);
    if (title && title[0]) {
        char t[512];
        snprintf(t, sizeof t, " %s ", title);
        attron(A_BOLD);
        tui_put(y, x + 2, t, w - 4, false);
        attroff(A_BOLD);
    }
}

void
tui_draw_frame(struct tui_app *app, const char *title, const struct tui_keymap *keys)
{
    char year[64];
    snprintf(year, sizeof year, _("%d./%d. school year"), app->year, app->year + 1);
    attron(tui_attr(TS_TITLE));
    tui_blank(0, 0, COLS);
    /* the title first, then the year, then as much of the school as fits */
    int tw = tui_put(0, 1, title, COLS - 2, false);
    int yw = forms_utf8_width(year);
    if (COLS - tw - yw - 6 > 0) {
        tui_put(0, COLS - yw - 1, year, yw, false);
        int right = yw + 1; /* columns taken at the right */
        /* on a shared file, who is working: left of the school, and kept
         * rather than the school when the bar is short */
        char who[320];
        tui_who(app, who, sizeof who);
        int ww = forms_utf8_width(who);
        int who_room = ww > 0 && COLS - tw - right - ww - 5 >= 0 ? ww + 3 : 0;
        int room = COLS - tw - right - who_room - 5;
        int sw = forms_utf8_width(app->school.name);
        if (sw > room - 3)
            sw = room - 3;
        if (sw > 3) {
            tui_put(0, COLS - right - sw - 3, app->school.name, sw, false);
            tui_put(0, COLS - right - 2, "·", 1, false);
            right += sw + 3;
        }
        if (who_room) {
            tui_put(0, COLS - right - ww - 3, who, ww, false);
            tui_put(0, COLS - right - 2, "│", 1, false);
        }
    }
    attroff(tui_attr(TS_TITLE));
    if (keys)
        tui_help_hints(keys, LINES - 1);
}

void
tui_bar_text(double frac, int cols, char *buf, size_t cap)
{
    static const char *const eighths[] = {"",       "\u258F", "\u258E", "\u258D",
                                          "\u258C", "\u258B", "\u258A", "\u2589"};
    buf[0] = '\0';
    if (!(frac > 0) || cols <= 0 || cap == 0)
        return;
    if (frac > 1)
        frac = 1;
    long units = (long)(frac * cols * 8 + 0.5);
    size_t len = 0;
    for (long k = 0; k < units / 8 && len + 4 < cap; k++) {
        memcpy(buf + len, "\u2588", 3);
        len += 3;
    }
    const char *part = eighths[units % 8];
    size_t pl = strlen(part);
    if (len + pl + 1 < cap) {
        memcpy(buf + len, part, pl);
        len += pl;
    }
    buf[len] = '\0';
}

/* The main menu: every area of the product; areas whose record kind is not
 * built yet are shown disabled, not hidden. An area is enabled as soon as
 * forms/ has a kind with its key, so a new kind needs no menu code. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum menu_area { MA_KIND, MA_SUMMARIES, MA_EXPORT, MA_SETTINGS };

struct menu_item {
    const char *key;   /* forms_kind key for MA_KIND */
    const char *label; /* N_()-marked; a kind's own label is preferred */
    enum menu_area area;
};

static const struct menu_item menu_items[] = {
    {"devices", N_("Devices"), MA_KIND},
    {"school-years", N_("School years"), MA_KIND},
    {"staff", N_("Staff"), MA_KIND},
    {"vacancies", N_("Vacancies"), MA_KIND},
    {"trainings", N_("Trainings"), MA_KIND},
    {"consultations", N_("Consultations"), MA_KIND},
    {"observations", N_("Observations"), MA_KIND},
    {"assessments", N_("Self-assessment"), MA_KIND},
    {"priorities", N_("Priorities"), MA_KIND},
    {"programmes", N_("Education programmes"), MA_KIND},
    {"summaries", N_("Summaries"), MA_SUMMARIES},
    {"export", N_("Export"), MA_EXPORT},
    {"settings", N_("Settings"), MA_SETTINGS},
};

struct menu_screen {
    struct tui_screen base;
    struct tui_win win;
};

static bool
item_enabled(const struct menu_item *it)
{
    if (it->area == MA_KIND)
        return forms_kind_by_key(it->key) != NULL;
    return it->area == MA_SETTINGS || it->area == MA_SUMMARIES || it->area == MA_EXPORT;
}

static const char *
item_label(const struct menu_item *it)
{
    const struct forms_kind *k = it->area == MA_KIND ? forms_kind_by_key(it->key) : NULL;
    return k ? forms_kind_label(k) : _(it->label);
}

static void
menu_draw(struct tui_screen *s, struct tui_app *app)
{
    struct menu_screen *m = (struct menu_screen *)s;
    char title[256];
    snprintf(title, sizeof title, "skola — %s", _("Main menu"));
    tui_draw_frame(app, title, s->keys);
    int n = (int)SK_ARRAY_LEN(menu_items);
    int y0 = 2;
    int x = 4;
    for (int i = 0; i < n; i++) {
        const struct menu_item *it = &menu_items[i];
        bool is_cur = i == m->win.cursor;
        bool is_on = item_enabled(it);
        char line[256];
        if (is_on)
            snprintf(line, sizeof line, " %2d  %s", i + 1, item_label(it));
        else
            snprintf(line, sizeof line, " %2d  %s  (%s)", i + 1, item_label(it),
                     _("not available yet"));
        int attr = is_cur  ? tui_attr(TS_CURSOR)
                   : is_on ? tui_attr(TS_NORMAL)
                           : tui_attr(TS_DISABLED);
        attron(attr);
        tui_put(y0 + i, x, line, 50, true);
        attroff(attr);
    }
}

static enum tui_result
menu_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (tui_win_navigate(&m->win, a))
        return TUI_HANDLED;
    switch (a) {
    case TA_SELECT: {
        const struct menu_item *it = &menu_items[m->win.cursor];
        if (!item_enabled(it)) {
            tui_app_message(app, false, _("“%s” is not available yet."), item_label(it));
        } else if (it->area == MA_SETTINGS) {
            tui_settings_show(app);
        } else if (it->area == MA_SUMMARIES) {
            struct tui_screen *sum = tui_summary_new(app);
            if (sum)
                tui_app_push(app, sum);
        } else if (it->area == MA_EXPORT) {
            tui_app_push(app, tui_export_screen_new(app));
        } else {
            struct tui_screen *list = tui_list_new(app, forms_kind_by_key(it->key));
            if (list)
                tui_app_push(app, list);
        }
        return TUI_HANDLED;
    }
    case TA_QUIT:
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static void
menu_close(struct tui_screen *s)
{
    free(s);
}

static const struct tui_screen_ops menu_ops = {
    .draw = menu_draw,
    .on_action = menu_action,
    .close = menu_close,
};

struct tui_screen *
tui_menu_new(struct tui_app *app)
{
    (void)app;
    struct menu_screen *m = sk_xcalloc(1, sizeof *m);
    m->base.ops = &menu_ops;
    m->base.keys = &tui_keys_menu;
    m->win.n = (int64_t)SK_ARRAY_LEN(menu_items);
    m->win.height = (int)SK_ARRAY_LEN(menu_items);
    return &m->base;
}

/* The main menu: the record kinds of forms_kinds, placed by their
 * descriptor's menu_group and menu_order, then the screens that are not a
 * kind (summaries, export, settings). A new kind needs no menu code. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long a number that a second digit could continue (1 of 1..17) waits
 * for it before its item opens. */
enum { DIGIT_WAIT_MS = 800 };

/* The screens after the kinds, in menu order. */
static const struct tui_menu_item other_items[] = {
    {NULL, N_("Summaries"), TMA_SUMMARIES},
    {NULL, N_("Export"), TMA_EXPORT},
    {NULL, N_("Settings"), TMA_SETTINGS},
};

/* Whether kind a comes before kind b in the menu: by group (ungrouped
 * last), then order; registry order breaks ties (the caller keeps it). */
static bool
kind_before(const struct forms_kind *a, const struct forms_kind *b)
{
    unsigned ga = a->menu_group == FMG_NONE ? ~0u : (unsigned)a->menu_group;
    unsigned gb = b->menu_group == FMG_NONE ? ~0u : (unsigned)b->menu_group;
    if (ga != gb)
        return ga < gb;
    return a->menu_order < b->menu_order;
}

size_t
tui_menu_items(struct tui_menu_item *out, size_t cap)
{
    struct tui_menu_item all[TUI_MENU_MAX];
    size_t n = 0;
    for (size_t i = 0; i < forms_n_kinds && n < TUI_MENU_MAX; i++) {
        /* insertion sort, stable: equal places keep registry order */
        size_t at = n;
        while (at > 0 && kind_before(forms_kinds[i], all[at - 1].kind))
            at--;
        memmove(&all[at + 1], &all[at], (n - at) * sizeof *all);
        all[at] = (struct tui_menu_item){forms_kinds[i], NULL, TMA_KIND};
        n++;
    }
    for (size_t i = 0; i < SK_ARRAY_LEN(other_items) && n < TUI_MENU_MAX; i++)
        all[n++] = other_items[i];
    if (n > cap)
        n = cap;
    memcpy(out, all, n * sizeof *out);
    return n;
}

bool
tui_menu_check(struct sk_error *err)
{
    for (size_t i = 0; i < forms_n_kinds; i++)
        for (size_t j = 0; j < i; j++) {
            const struct forms_kind *a = forms_kinds[i], *b = forms_kinds[j];
            if (a->menu_group != FMG_NONE && a->menu_group == b->menu_group &&
                a->menu_order == b->menu_order)
                return sk_fail(err, SK_EINVAL,
                               _("Internal error: “%s” and “%s” have the same place in the "
                                 "menu."),
                               b->key, a->key);
        }
    if (forms_n_kinds + SK_ARRAY_LEN(other_items) > TUI_MENU_MAX)
        return sk_fail(err, SK_EINVAL, "%s", _("Internal error: the menu has too many items."));
    return true;
}

struct menu_screen {
    struct tui_screen base;
    struct tui_win win;
    struct tui_menu_item items[TUI_MENU_MAX];
    size_t n_items;
    bool is_read_only[TUI_MENU_MAX]; /* the role may open it, not change it */
    int pending;                     /* a number typed that a digit may continue, or 0 */
    long long pending_ms;            /* when its digit came (monotonic) */
};

static long long
clock_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static const char *
item_label(const struct tui_menu_item *it)
{
    return it->kind ? forms_kind_label(it->kind) : _(it->label);
}

static void
menu_draw(struct tui_screen *s, struct tui_app *app)
{
    struct menu_screen *m = (struct menu_screen *)s;
    char title[256];
    snprintf(title, sizeof title, "skola — %s", _("Main menu"));
    tui_draw_frame(app, title, s->keys);
    int n = (int)m->n_items;
    int y0 = 2;
    int x = 4;
    for (int i = 0; i < n; i++) {
        const struct tui_menu_item *it = &m->items[i];
        bool is_cur = i == m->win.cursor;
        char line[256];
        if (m->is_read_only[i])
            snprintf(line, sizeof line, " %2d  %s  (%s)", i + 1, item_label(it), _("read only"));
        else
            snprintf(line, sizeof line, " %2d  %s", i + 1, item_label(it));
        int attr = is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL);
        attron(attr);
        tui_put(y0 + i, x, line, 50, true);
        attroff(attr);
    }
}

static void
open_item(struct tui_app *app, struct menu_screen *m)
{
    const struct tui_menu_item *it = &m->items[m->win.cursor];
    if (it->area == TMA_SETTINGS) {
        tui_settings_show(app);
    } else if (it->area == TMA_SUMMARIES) {
        struct tui_screen *sum = tui_summary_new(app);
        if (sum)
            tui_app_push(app, sum);
    } else if (it->area == TMA_EXPORT) {
        tui_app_push(app, tui_export_screen_new(app));
    } else {
        struct tui_screen *list = tui_list_new(app, it->kind);
        if (list)
            tui_app_push(app, list);
    }
}

/* A digit: the item of the number typed opens as soon as no further digit
 * could make another item's number (with 17 items: 2..9 and 10..17 at
 * once, 1 after DIGIT_WAIT_MS or Enter). */
static void
number_digit(struct tui_app *app, struct menu_screen *m, int digit)
{
    int num = m->pending * 10 + digit;
    m->pending = 0;
    if (num < 1 || num > (int)m->n_items) {
        tui_app_message(app, true, _("There is no item %d in the menu."), num);
        return;
    }
    m->win.cursor = num - 1;
    tui_win_clamp(&m->win);
    if (num * 10 <= (int)m->n_items) {
        m->pending = num;
        m->pending_ms = clock_ms();
        return;
    }
    open_item(app, m);
}

static bool
menu_poll(struct tui_screen *s, struct tui_app *app)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (!m->pending || clock_ms() - m->pending_ms < DIGIT_WAIT_MS)
        return false;
    m->pending = 0;
    open_item(app, m);
    return true;
}

static enum tui_result
menu_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct menu_screen *m = (struct menu_screen *)s;
    if (a == TA_NUMBER) {
        number_digit(app, m, app->last_key - '0');
        return TUI_HANDLED;
    }
    m->pending = 0;
    if (tui_win_navigate(&m->win, a))
        return TUI_HANDLED;
    switch (a) {
    case TA_SELECT:
        open_item(app, m);
        return TUI_HANDLED;
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
    .on_poll = menu_poll,
};

struct tui_screen *
tui_menu_new(struct tui_app *app)
{
    struct menu_screen *m = sk_xcalloc(1, sizeof *m);
    m->base.ops = &menu_ops;
    m->base.keys = &tui_keys_menu;
    struct tui_menu_item all[TUI_MENU_MAX];
    size_t n_all = tui_menu_items(all, SK_ARRAY_LEN(all));
    /* only what the role may open (everything on a personal file) */
    for (size_t i = 0; i < n_all; i++) {
        const struct tui_menu_item *it = &all[i];
        bool may = it->area == TMA_KIND        ? tui_may(app, it->kind, SA_READ)
                   : it->area == TMA_SUMMARIES ? tui_may_summarize_any(app)
                   : it->area == TMA_EXPORT    ? tui_may_summarize_all(app)
                                               : true;
        if (!may)
            continue;
        m->is_read_only[m->n_items] = it->area == TMA_KIND && !tui_may(app, it->kind, SA_WRITE);
        m->items[m->n_items++] = *it;
    }
    m->win.n = (int64_t)m->n_items;
    m->win.height = (int)m->n_items;
    return &m->base;
}

bool
tui_check_tables(struct sk_error *err)
{
    if (!forms_keys_check(err) || !tui_columns_check(err) || !tui_menu_check(err))
        return false;
    for (size_t i = 0; i < tui_n_keymaps; i++) {
        char why[200];
        if (!tui_keys_check(tui_keymaps[i], why, sizeof why))
            return sk_fail(err, SK_EINVAL, _("Internal error: %s"), why);
    }
    /* each kind's list has the keys its features allow, each once */
    for (size_t i = 0; i < forms_n_kinds; i++) {
        struct tui_binding own[64];
        struct tui_keymap map = tui_keys_list;
        map.keys = own;
        map.n_keys = tui_keys_filter(&tui_keys_list, tui_list_features(forms_kinds[i]), own,
                                     SK_ARRAY_LEN(own));
        char why[200];
        if (map.n_keys == SK_ARRAY_LEN(own) || !tui_keys_check(&map, why, sizeof why))
            return sk_fail(err, SK_EINVAL, _("Internal error: %s"),
                           map.n_keys == SK_ARRAY_LEN(own) ? "list keys" : why);
    }
    return true;
}

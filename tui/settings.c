/* The settings box: the school year the user works on (stored per school,
 * shown in the top bar, used by the year filter of lists and the reference
 * date of computed columns), the observation criteria template new sheets
 * use (per school) and what skola runs with. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>

sk_date
tui_reference_date(const struct tui_app *app)
{
    sk_date today = sk_date_today();
    if (sk_date_school_year(today) == app->year)
        return today;
    return sk_date_from_ymd(app->year, 9, 1);
}

static void
add_year(int *years, size_t *n, size_t cap, int y)
{
    for (size_t i = 0; i < *n; i++)
        if (years[i] == y)
            return;
    if (*n < cap)
        years[(*n)++] = y;
}

static int
by_year_desc(const void *a, const void *b)
{
    return *(const int *)b - *(const int *)a;
}

/* The school's years (school-year records), the current one and today's. */
static size_t
known_years(struct tui_app *app, int *years, size_t cap)
{
    size_t n = 0;
    add_year(years, &n, cap, app->year);
    add_year(years, &n, cap, sk_date_school_year(sk_date_today()));
    struct storage_query q = {.kind = &forms_kind_school_year,
                              .school_id = app->opts->school_id,
                              .sort_field = forms_keys()->school_year_year};
    struct sk_error err = {0};
    struct storage_iter *it = storage_iter_open(app->opts->db, &q, &err);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_school_year);
    int yf = q.sort_field;
    while (it && storage_iter_next(it, &rec, &err) == 1)
        if (yf >= 0 && rec.values[yf].is_set)
            add_year(years, &n, cap, (int)rec.values[yf].i);
    storage_iter_close(it);
    forms_record_fini(&rec);
    qsort(years, n, sizeof *years, by_year_desc);
    return n;
}

static void
choose_year(struct tui_app *app)
{
    int years[128];
    char labels[128][32];
    const char *items[128];
    size_t n = known_years(app, years, SK_ARRAY_LEN(years));
    int initial = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(labels[i], sizeof labels[i], _("%d./%d."), years[i], years[i] + 1);
        items[i] = labels[i];
        if (years[i] == app->year)
            initial = (int)i;
    }
    int pick = tui_pick(app, _("Current school year"), items, n, initial);
    if (pick < 0)
        return;
    struct sk_error err = {0};
    if (!storage_set_current_year(app->opts->db, app->opts->school_id, years[pick], &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    app->year = years[pick];
    tui_app_message(app, false, _("The current school year is now %d./%d."), app->year,
                    app->year + 1);
}

/* The template new observation sheets of the school use, chosen from the
 * templates in the file (sheets filled before keep theirs). */
static void
choose_template(struct tui_app *app)
{
    struct core_template_info *t = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    if (!core_templates_list(app->opts->db, app->opts->school_id, &t, &n, &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    if (n == 0) {
        tui_app_message(app, true, "%s", _("There is no observation template."));
        return;
    }
    char **labels = sk_xcalloc(n, sizeof *labels);
    int initial = 0;
    for (size_t i = 0; i < n; i++) {
        labels[i] =
            sk_xasprintf(ngettext("%s — %s (%zu criterion)", "%s — %s (%zu criteria)", t[i].n_crit),
                         t[i].code, t[i].name, t[i].n_crit);
        if (t[i].is_current)
            initial = (int)i;
    }
    int pick = tui_pick(app, _("Observation template for new sheets"), (const char *const *)labels,
                        n, initial);
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    if (pick >= 0 &&
        !storage_obs_template_use(app->opts->db, app->opts->school_id, t[pick].code, &err))
        tui_app_message(app, true, "%s", err.msg);
    else if (pick >= 0)
        tui_app_message(app, false,
                        _("New observation sheets use the template %s; sheets filled before "
                          "keep theirs."),
                        t[pick].code);
    free(t);
}

/* The code of the template new sheets use, or "?" when it cannot be read. */
static void
current_template(struct tui_app *app, char *buf, size_t cap)
{
    struct sk_error err = {0};
    if (!storage_obs_template_current(app->opts->db, app->opts->school_id, buf, cap, &err))
        snprintf(buf, cap, "?");
}

void
tui_settings_show(struct tui_app *app)
{
    /* the template is observation wording: only for roles that may read them */
    bool obs = storage_may_area(app->opts->db, SAREA_OBSERVATIONS, SA_READ);
    for (;;) {
        char *lines[7], tpl[64];
        size_t n = 0;
        lines[n++] =
            sk_xasprintf(_("School year: %d./%d. (Enter: change)"), app->year, app->year + 1);
        if (obs) {
            current_template(app, tpl, sizeof tpl);
            lines[n++] =
                sk_xasprintf(_("Observation template for new sheets: %s (Enter: change)"), tpl);
        }
        lines[n++] = sk_xasprintf(_("School: %s (%s)"), app->school.name, app->school.code);
        lines[n++] = sk_xasprintf(_("Database: %s"), app->opts->db_path ? app->opts->db_path : "");
        lines[n++] = sk_xasprintf(_("Language: %s"), forms_lang());
        lines[n++] =
            sk_xasprintf(_("Colours: %s"),
                         app->has_colors ? _("on") : _("off (NO_COLOR or a monochrome terminal)"));
        lines[n++] = sk_xasprintf(
            "%s", _("Start skola with --school CODE to work on another school of the file."));
        int pick = tui_pick_in(app, &tui_keys_settings, _("Settings"), (const char *const *)lines,
                               NULL, n, 0);
        for (size_t i = 0; i < n; i++)
            free(lines[i]);
        if (pick == 0)
            choose_year(app);
        else if (pick == 1 && obs)
            choose_template(app);
        else
            return;
    }
}

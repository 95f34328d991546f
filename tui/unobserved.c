/* The "who is not observed yet" box (w on the observation list and on the
 * Summaries screen): the counts of core_obs_coverage under the summary's
 * own names for them, so the box and `skola summary` say the same, then the
 * teachers below the target with their subjects/areas. Enter on a teacher
 * starts a new sheet for them. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Opens a new sheet with the teacher filled in. */
static void
new_sheet_for(struct tui_app *app, const struct storage_obs_teacher *t)
{
    if (tui_refused(app, &forms_kind_observation))
        return;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    tui_new_record_defaults(app, &rec);
    struct forms_value *v = &rec.values[forms_field_index(&forms_kind_observation, "teacher")];
    forms_value_set_text(v, t->name, strlen(t->name));
    v->i = t->staff_id;
    struct tui_screen *ed = tui_sheet_new(app, &rec);
    if (ed)
        tui_app_push(app, ed);
    forms_record_fini(&rec);
}

void
tui_unobserved_show(struct tui_app *app)
{
    int year = app->year;
    struct core_obs_coverage cov;
    struct sk_error err = {0};
    if (!core_obs_coverage(app->opts->db, app->opts->school_id, year, &cov, &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    const struct storage_obs_targets *tg = &cov.targets;
    int need = tg->per_teacher > 1 ? tg->per_teacher : 1;
    char **lines = sk_xcalloc(cov.n + 8, sizeof *lines);
    char **whole = sk_xcalloc(cov.n + 8, sizeof *whole); /* F3: the lines not cut */
    size_t n_lines = 0;
    lines[n_lines++] = sk_xasprintf(
        "%s: %zu", core_summary_metric_label("observations.teachers_observed"), cov.observed);
    if (tg->has_teachers)
        lines[n_lines++] = sk_xasprintf("%s: %zu / %lld",
                                        core_summary_metric_label("observations.teacher_coverage"),
                                        cov.observed, (long long)tg->teachers);
    else {
        char why[200];
        snprintf(why, sizeof why,
                 _("the number of teachers of %d./%d. is not filled in (School years)"), year,
                 year + 1);
        lines[n_lines++] = sk_xasprintf(
            "%s: n/d (%s)", core_summary_metric_label("observations.teacher_coverage"), why);
    }
    lines[n_lines++] = sk_xasprintf(
        "%s: %d %%", core_summary_metric_label("observations.coverage_target"), tg->target_pct);
    lines[n_lines++] = sk_xasprintf(
        "%s: %zu", core_summary_metric_label("observations.not_observed"), cov.not_observed);
    if (tg->per_teacher > 0)
        lines[n_lines++] = sk_xasprintf(
            "%s: %zu", core_summary_metric_label("observations.below_target"), cov.below);
    lines[n_lines++] = sk_xstrdup("");
    size_t first = n_lines;
    const struct storage_obs_teacher **who = sk_xcalloc(cov.n + 1, sizeof *who);
    for (size_t i = 0; i < cov.n; i++) {
        const struct storage_obs_teacher *t = &cov.teachers[i];
        if (t->count >= need)
            continue;
        char name[1000], full[1000];
        snprintf(full, sizeof full, t->areas[0] ? "%s (%s)" : "%s", t->name, t->areas);
        if (t->areas[0]) {
            /* long lists of subjects cut, so that what the line says stays */
            size_t fit = forms_utf8_prefix_for_width(t->areas, 30);
            snprintf(name, sizeof name, "%s (%.*s%s)", t->name, (int)fit, t->areas,
                     t->areas[fit] ? "…" : "");
        } else
            snprintf(name, sizeof name, "%s", t->name);
        who[n_lines - first] = t;
        if (t->count == 0) {
            whole[n_lines] = sk_xasprintf("%s — %s", full, _("not observed yet"));
            lines[n_lines++] = sk_xasprintf("%s — %s", name, _("not observed yet"));
        } else {
            whole[n_lines] =
                sk_xasprintf(_("%s — observed %lld of %d times"), full, (long long)t->count, need);
            lines[n_lines++] =
                sk_xasprintf(_("%s — observed %lld of %d times"), name, (long long)t->count, need);
        }
    }
    if (n_lines == first)
        lines[n_lines++] = sk_xstrdup(_("Every teacher has been observed."));
    size_t n_who = n_lines - first;
    for (size_t i = 0; i < n_lines; i++)
        if (!whole[i])
            whole[i] = sk_xstrdup(lines[i]);
    /* the title carries the summary's counts in the summary's words */
    char *title =
        sk_xasprintf(_("%s: %zu of %zu"), core_summary_metric_label("observations.not_observed"),
                     cov.not_observed, cov.observed + cov.not_observed);
    if (tg->per_teacher > 0) {
        /* the below-target count too, when it fits (it is in the box anyway) */
        char *more =
            sk_xasprintf("%s · %s: %zu", title,
                         core_summary_metric_label("observations.below_target"), cov.below);
        if (forms_utf8_width(more) + 8 <= COLS) {
            free(title);
            title = more;
        } else
            free(more);
    }
    int pick = tui_pick_in(app, &tui_keys_unobserved, title, (const char *const *)lines,
                           (const char *const *)whole, n_lines, (int)first);
    free(title);
    if (pick >= (int)first && (size_t)pick - first < n_who && who[pick - (int)first])
        new_sheet_for(app, who[pick - (int)first]);
    for (size_t i = 0; i < n_lines; i++) {
        free(lines[i]);
        free(whole[i]);
    }
    free(lines);
    free(whole);
    free(who);
    core_obs_coverage_fini(&cov);
}

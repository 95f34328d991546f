/* The observation part of the summary (SPEC §5): final sheets dated inside
 * the school year. Drafts never count. Every percentage keeps its numerator
 * and denominator; see README "Summary metrics" for each key. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct area_ctx {
    struct core_summary *out;
    int64_t count;
    const char *missing;
};

static void
add_area(void *ctx, const char *area, int64_t n)
{
    struct area_ctx *a = ctx;
    core_summary_add(a->out, "observations.by_area", area[0] ? area : "-", CU_PERCENT, (double)n,
                     (double)a->count, a->missing);
}

/* The name of section `no` in the template new sheets use, else in the
 * first template (oldest first) that has it: "Mācību metodes un rīki".
 * "" when no template names it; errors only leave it unnamed (the figure
 * itself does not depend on it). */
static void
section_name(struct storage_db *db, int64_t school_id, int no, char *buf, size_t cap)
{
    buf[0] = '\0';
    struct sk_error err = {0};
    char current[48] = "";
    storage_obs_template_current(db, school_id, current, sizeof current, &err);
    struct storage_obs_template *list = NULL;
    size_t n = 0;
    if (!storage_obs_template_list(db, &list, &n, &err))
        n = 0;
    for (size_t k = 0; k <= n && !buf[0]; k++) {
        const char *code = k == 0 ? current : list[k - 1].code;
        struct storage_obs_template t = {0};
        if (!code[0] || (k > 0 && strcmp(code, current) == 0) ||
            !storage_obs_template_get(db, code, &t, &err))
            continue;
        for (size_t c = 0; c < t.n_crit; c++)
            if (t.crit[c].section_no == no && t.crit[c].section_name[0]) {
                snprintf(buf, cap, "%s",
                         forms_observation_section_label(no, t.crit[c].section_name,
                                                         forms_lang_is_lv()));
                break;
            }
        storage_obs_template_fini(&t);
    }
    free(list);
}

bool
core_summary_observations(const struct core_summary_ctx *ctx, struct core_summary *out,
                          struct sk_error *err)
{
    struct storage_obs_stats st;
    if (!storage_obs_stats(ctx->db, ctx->school_id, ctx->year_start, ctx->year_end, &st, err))
        return false;
    char none[160];
    snprintf(none, sizeof none, _("no final observations in %d./%d."), ctx->year, ctx->year + 1);
    double count = (double)st.count;

    core_summary_add(out, "observations.count", "", CU_COUNT, count, 0, NULL);
    struct area_ctx ac = {out, st.count, none};
    if (!storage_obs_by_area(ctx->db, ctx->school_id, ctx->year_start, ctx->year_end, add_area, &ac,
                             err))
        return false;

    for (size_t i = 0; i < forms_observation_n_crit && i < STORAGE_OBS_MAX_CRIT; i++) {
        char code[16];
        forms_observation_crit_code(forms_observation_first_crit + i, code, sizeof code);
        core_summary_add(out, "observations.criterion", code, CU_PERCENT, (double)st.ticked[i],
                         (double)st.assessed[i], none);
    }
    for (int s = 0; s < STORAGE_OBS_MAX_SECTIONS; s++) {
        if (!st.has_section[s])
            continue; /* no template of the file has this section */
        char dim[8];
        snprintf(dim, sizeof dim, "%d", s + 1);
        core_summary_add(out, "observations.section_all", dim, CU_PERCENT,
                         (double)st.section_all[s], (double)st.section_assessed[s], none);
        struct core_figure *f = &out->figs[out->n - 1];
        char name[128];
        section_name(ctx->db, ctx->school_id, s + 1, name, sizeof name);
        if (name[0])
            snprintf(f->shown, sizeof f->shown, "%d. %s", s + 1, name);
    }

    core_summary_add(out, "observations.with_recommendation", "", CU_PERCENT,
                     (double)st.with_recommendation, count, none);
    const struct forms_field *rf =
        &forms_kind_observation
             .fields[forms_field_index(&forms_kind_observation, "recommendations")];
    for (size_t k = 0; k < rf->n_choices && k < STORAGE_OBS_N_RECOMMENDATIONS; k++)
        core_summary_add(out, "observations.recommendation", rf->choices[k].key, CU_PERCENT,
                         (double)st.recommendation[k], count, none);

    /* Coverage of the teachers of the school year, and its target. */
    struct storage_obs_targets tg;
    if (!storage_obs_year_targets(ctx->db, ctx->school_id, ctx->year, &tg, err))
        return false;
    char no_teachers[160];
    snprintf(no_teachers, sizeof no_teachers,
             _("the number of teachers of %d./%d. is not filled in (School years)"), ctx->year,
             ctx->year + 1);
    double teachers = tg.has_teachers ? (double)tg.teachers : 0;
    /* who is observed: counted as in the "not observed yet" box */
    struct core_obs_coverage cov;
    if (!core_obs_coverage(ctx->db, ctx->school_id, ctx->year, &cov, err))
        return false;
    core_summary_add(out, "observations.teachers_observed", "", CU_COUNT, (double)cov.observed, 0,
                     NULL);
    core_summary_add(out, "observations.teacher_coverage", "", CU_PERCENT, (double)cov.observed,
                     teachers, no_teachers);
    core_summary_add(out, "observations.coverage_target", "", CU_PERCENT,
                     teachers * tg.target_pct / 100.0, teachers, no_teachers);

    /* Teachers on the staff list with no observation, and (when the school
     * sets a per-teacher target) with fewer than the target. */
    core_summary_add(out, "observations.not_observed", "", CU_COUNT, (double)cov.not_observed, 0,
                     NULL);
    core_summary_add(out, "observations.below_target", "", CU_COUNT, (double)cov.below, 0, NULL);
    core_obs_coverage_fini(&cov);
    return true;
}

/* Consultations part of the summary (SPEC §5): consultations dated inside
 * the school year, counted and summed (hours) by form, topic and the
 * consultant's role; distinct pupil recipients (by pseudonym) and the share
 * of the school's pupils they are; high-risk consultations. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

struct cons_acc {
    struct core_tally form, topic, role;
    double count, minutes, high_risk, pupils;
};

static bool
cons_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct cons_acc *a = ctx;
    double n = (double)row->num[0], min = (double)row->num[1];
    core_tally_add(&a->form, row->key[0], n, min);
    core_tally_add(&a->topic, row->key[1], n, min);
    core_tally_add(&a->role, row->key[2], n, min);
    a->count += n;
    a->minutes += min;
    a->high_risk += (double)row->num[2];
    return true;
}

static bool
pupils_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    ((struct cons_acc *)ctx)->pupils = (double)row->num[0];
    return true;
}

static void
add_by(struct core_summary *out, const char *count_metric, const char *hours_metric,
       const struct core_tally *t)
{
    for (size_t i = 0; i <= t->n; i++)
        if (t->num[i] > 0)
            core_summary_add(out, count_metric, core_tally_key(t, i), CU_COUNT, t->num[i], 0, NULL);
    for (size_t i = 0; i <= t->n; i++)
        if (t->num[i] > 0)
            core_summary_add(out, hours_metric, core_tally_key(t, i), CU_HOURS, t->sum[i] / 60.0, 0,
                             NULL);
}

bool
core_summary_consultations(const struct core_summary_ctx *ctx, struct core_summary *out,
                           struct sk_error *err)
{
    struct core_year_row yr;
    if (!core_year_row_get(ctx->db, ctx->school_id, ctx->year, &yr, err))
        return false;
    char from[11], until[11];
    core_iso(ctx->year_start, from);
    core_iso(ctx->year_end, until);
    const char *args[] = {from, until};
    struct cons_acc a;
    memset(&a, 0, sizeof a);
    core_tally_init(&a.form, &forms_kind_consultation, "form");
    core_tally_init(&a.topic, &forms_kind_consultation, "topic");
    core_tally_init(&a.role, &forms_kind_staff, "role");
    bool ok =
        storage_aggregate(ctx->db, SA_CONSULTATIONS, ctx->school_id, args, 2, cons_row, &a, err) &&
        storage_aggregate(ctx->db, SA_PUPIL_RECIPIENTS, ctx->school_id, args, 2, pupils_row, &a,
                          err);
    if (ok) {
        core_summary_add(out, "consultations.count", "", CU_COUNT, a.count, 0, NULL);
        core_summary_add(out, "consultations.hours", "", CU_HOURS, a.minutes / 60.0, 0, NULL);
        add_by(out, "consultations.by_form", "consultations.hours_by_form", &a.form);
        add_by(out, "consultations.by_topic", "consultations.hours_by_topic", &a.topic);
        add_by(out, "consultations.by_consultant_role", "consultations.hours_by_consultant_role",
               &a.role);
        core_summary_add(out, "consultations.pupil_recipients", "", CU_COUNT, a.pupils, 0, NULL);
        char why[200];
        if (core_year_row_missing_pupils(&yr, ctx->year, why, sizeof why)[0])
            core_summary_add_missing(out, "consultations.pupils_reached", "", CU_PERCENT, a.pupils,
                                     0, why);
        else
            core_summary_add(out, "consultations.pupils_reached", "", CU_PERCENT, a.pupils,
                             (double)yr.pupils, NULL);
        core_summary_add(out, "consultations.high_risk", "", CU_COUNT, a.high_risk, 0, NULL);
    }
    core_tally_fini(&a.form);
    core_tally_fini(&a.topic);
    core_tally_fini(&a.role);
    return ok;
}

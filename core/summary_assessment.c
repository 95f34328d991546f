/* Self-assessment part of the summary (SPEC §5): how many of the IKVD
 * indicators have a row with text for the year, and the year's priorities
 * by status. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct assess_acc {
    bool *filled; /* forms_n_ikvd_indicators, owned */
    struct core_tally status;
    double priorities;
};

static bool
has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return true;
    return false;
}

static bool
assess_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct assess_acc *a = ctx;
    if (!row->key[0] || !(has_text(row->key[1]) || has_text(row->key[2])))
        return true;
    for (size_t i = 0; i < forms_n_ikvd_indicators; i++)
        if (strcmp(forms_ikvd_indicators[i].key, row->key[0]) == 0)
            a->filled[i] = true;
    return true;
}

static bool
priority_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct assess_acc *a = ctx;
    core_tally_add(&a->status, row->key[0], 1, 0);
    a->priorities += 1;
    return true;
}

bool
core_summary_assessment(const struct core_summary_ctx *ctx, struct core_summary *out,
                        struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", ctx->year);
    const char *args[] = {y};
    struct assess_acc a;
    memset(&a, 0, sizeof a);
    a.filled = sk_xcalloc(forms_n_ikvd_indicators, sizeof *a.filled);
    core_tally_init(&a.status, &forms_kind_priority, "status");
    bool ok =
        storage_aggregate(ctx->db, SA_ASSESSMENT, ctx->school_id, args, 1, assess_row, &a, err) &&
        storage_aggregate(ctx->db, SA_PRIORITIES, ctx->school_id, args, 1, priority_row, &a, err);
    if (ok) {
        double filled = 0;
        for (size_t i = 0; i < forms_n_ikvd_indicators; i++)
            filled += a.filled[i];
        core_summary_add(out, "assessment.indicators_filled", "", CU_PERCENT, filled,
                         (double)forms_n_ikvd_indicators, NULL);
        core_summary_add(out, "assessment.priorities", "", CU_COUNT, a.priorities, 0, NULL);
        for (size_t i = 0; i < a.status.n; i++)
            core_summary_add(out, "assessment.priorities_by_status", core_tally_key(&a.status, i),
                             CU_COUNT, a.status.num[i], 0, NULL);
    }
    free(a.filled);
    core_tally_fini(&a.status);
    return ok;
}

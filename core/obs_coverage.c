/* Who is observed in a school year: the one count behind both the summary's
 * teacher figures (observations.teachers_observed, .not_observed,
 * .below_target) and the "not observed yet" box, so that the two never
 * disagree. */
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

bool
core_obs_coverage(struct storage_db *db, int64_t school_id, int year, struct core_obs_coverage *out,
                  struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!storage_obs_year_targets(db, school_id, year, &out->targets, err) ||
        !storage_obs_teacher_counts(db, school_id, sk_date_from_ymd(year, 9, 1),
                                    sk_date_from_ymd(year + 1, 9, 1), &out->teachers, &out->n, err))
        return false;
    for (size_t i = 0; i < out->n; i++) {
        if (out->teachers[i].count > 0)
            out->observed++;
        else
            out->not_observed++;
        if (out->teachers[i].count < out->targets.per_teacher)
            out->below++;
    }
    return true;
}

void
core_obs_coverage_fini(struct core_obs_coverage *c)
{
    free(c->teachers);
    memset(c, 0, sizeof *c);
}

/* Table 12 of the yearly report: teachers' professional development from
 * the staff list and the trainings (the 36 h / 3 years rule is the staff
 * list's own, forms_pd_window). */
#include "core/internal.h"

#include <string.h>

static bool
pd_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct core_pd_table *t = ctx;
    if (!row->key[0] || strcmp(row->key[0], "teacher") != 0)
        return true;
    t->teachers++;
    if (row->num[1] >= 36000)
        t->teachers_36h++;
    if (row->num[0]) {
        t->vocational++;
        if (row->num[2] > 0)
            t->vocational_trained++;
    }
    return true;
}

static bool
trainings_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct core_pd_table *t = ctx;
    t->trainings = row->num[0];
    t->hours_thousandths = row->has[1] ? row->num[1] : 0;
    t->has_cost = row->has[2] && row->num[3] > 0;
    t->cost_cents = t->has_cost ? row->num[2] : 0;
    return true;
}

bool
core_report_pd(struct storage_db *db, int64_t school_id, int year, sk_date ref,
               struct core_pd_table *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    sk_date pd_from, pd_until;
    core_pd_window(ref, &pd_from, &pd_until);
    char r[11], from[11], until[11], y_from[11], y_until[11];
    core_iso(ref, r);
    core_iso(pd_from, from);
    core_iso(pd_until, until);
    core_iso(sk_date_from_ymd(year, 9, 1), y_from);
    core_iso(sk_date_from_ymd(year + 1, 9, 1), y_until);
    const char *args[] = {r, from, until, y_from, y_until};
    const char *years[] = {y_from, y_until};
    return storage_aggregate(db, SA_PD_ROWS, school_id, args, 5, pd_row, out, err) &&
           storage_aggregate(db, SA_TEACHER_TRAININGS, school_id, years, 2, trainings_row, out,
                             err);
}

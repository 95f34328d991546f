/* Loans part of the summary: loans open on the reference date (lent on or
 * before it, not returned by then) and the overdue ones among them (due
 * before the reference date). */
#include "core/internal.h"

bool
core_summary_loans(const struct core_summary_ctx *ctx, struct core_summary *out,
                   struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    struct storage_query q = {
        .kind = &forms_kind_loan, .school_id = ctx->school_id, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(ctx->db, &q, err);
    if (!it)
        return false;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_loan);
    double open = 0, overdue = 0;
    int r;
    while ((r = storage_iter_next(it, &rec, err)) == 1) {
        const struct forms_value *on = &rec.values[k->loan_out_on];
        const struct forms_value *back = &rec.values[k->loan_returned_on];
        if (!on->is_set || on->i > ctx->ref_date || (back->is_set && back->i <= ctx->ref_date))
            continue;
        open++;
        if (core_loan_is_overdue(&rec, ctx->ref_date))
            overdue++;
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    if (r < 0)
        return false;
    core_summary_add(out, "loans.open", "", CU_COUNT, open, 0, NULL);
    core_summary_add(out, "loans.overdue", "", CU_COUNT, overdue, 0, NULL);
    return true;
}

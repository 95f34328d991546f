/* Devices part of the summary (SPEC §5): devices not written off and bought
 * by the reference date, counted by category, user group and status; the
 * computers for pupils and pupils per computer; age buckets by purchase
 * date; devices out of warranty. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

static const char *const age_buckets[] = {"<3", "3-5", ">=5", "unknown"};

struct dev_acc {
    struct core_tally category, user_group, status;
    double age[4];
    double total, computers, for_pupils, out_of_warranty;
};

static bool
dev_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct dev_acc *a = ctx;
    double n = (double)row->num[0];
    core_tally_add(&a->category, row->key[0], n, 0);
    core_tally_add(&a->user_group, row->key[1], n, 0);
    core_tally_add(&a->status, row->key[2], n, 0);
    for (size_t i = 0; i < SK_ARRAY_LEN(age_buckets); i++)
        if (row->key[3] && strcmp(row->key[3], age_buckets[i]) == 0)
            a->age[i] += n;
    a->total += n;
    a->out_of_warranty += (double)row->num[1];
    bool is_computer = false;
    for (size_t i = 0; row->key[0] && i < forms_n_device_categories; i++)
        if (strcmp(forms_device_categories[i].key, row->key[0]) == 0)
            is_computer = forms_device_category_is_computer(i);
    if (is_computer) {
        a->computers += n;
        if (row->key[1] &&
            (strcmp(row->key[1], "pupils") == 0 || strcmp(row->key[1], "shared") == 0))
            a->for_pupils += n;
    }
    return true;
}

static void
add_tally(struct core_summary *out, const char *metric, const struct core_tally *t)
{
    for (size_t i = 0; i <= t->n; i++)
        if (t->num[i] > 0)
            core_summary_add(out, metric, core_tally_key(t, i), CU_COUNT, t->num[i], 0, NULL);
}

bool
core_summary_devices(const struct core_summary_ctx *ctx, struct core_summary *out,
                     struct sk_error *err)
{
    struct core_year_row yr;
    if (!core_year_row_get(ctx->db, ctx->school_id, ctx->year, &yr, err))
        return false;
    char ref[11], y3[11], y5[11];
    core_iso(ctx->ref_date, ref);
    core_iso(sk_date_add_months(ctx->ref_date, -36), y3);
    core_iso(sk_date_add_months(ctx->ref_date, -60), y5);
    const char *args[] = {ref, y3, y5};
    struct dev_acc a;
    memset(&a, 0, sizeof a);
    core_tally_init(&a.category, &forms_kind_device, "category");
    core_tally_init(&a.user_group, &forms_kind_device, "user_group");
    core_tally_init(&a.status, &forms_kind_device, "status");
    bool ok = storage_aggregate(ctx->db, SA_DEVICES, ctx->school_id, args, 3, dev_row, &a, err);
    if (ok) {
        core_summary_add(out, "devices.count", "", CU_COUNT, a.total, 0, NULL);
        add_tally(out, "devices.by_category", &a.category);
        add_tally(out, "devices.by_user_group", &a.user_group);
        add_tally(out, "devices.by_status", &a.status);
        core_summary_add(out, "devices.computers", "", CU_COUNT, a.computers, 0, NULL);
        core_summary_add(out, "devices.computers_for_pupils", "", CU_COUNT, a.for_pupils, 0, NULL);
        char why[200];
        if (core_year_row_missing_pupils(&yr, ctx->year, why, sizeof why)[0])
            core_summary_add_missing(out, "devices.pupils_per_computer", "", CU_RATIO, 0,
                                     a.for_pupils, why);
        else
            core_summary_add(out, "devices.pupils_per_computer", "", CU_RATIO, (double)yr.pupils,
                             a.for_pupils,
                             _("there are no computers for pupils (user group pupils or shared)"));
        for (size_t i = 0; i < SK_ARRAY_LEN(age_buckets); i++)
            core_summary_add(out, "devices.age", age_buckets[i], CU_COUNT, a.age[i], 0, NULL);
        core_summary_add(out, "devices.out_of_warranty", "", CU_COUNT, a.out_of_warranty, 0, NULL);
    }
    core_tally_fini(&a.category);
    core_tally_fini(&a.user_group);
    core_tally_fini(&a.status);
    return ok;
}

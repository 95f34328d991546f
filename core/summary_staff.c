/* Staff part of the summary (SPEC §5): staff employed on the reference
 * date — persons and FTE by role, support staff per 100 pupils, long-term
 * vacancies (count and weekly hours), teachers with at least 36 hours of
 * professional development in the three years ending on the reference date
 * (the rule of forms_pd_window, the same as the staff list's column), and
 * the teachers' DigCompEdu levels. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

struct staff_acc {
    struct core_tally persons, fte, digcompedu;
    double total, total_fte, support, teachers, teachers_pd36;
};

static bool
is_support_role(const char *key)
{
    for (size_t i = 0; key && i < forms_n_staff_roles; i++)
        if (strcmp(forms_staff_roles[i].key, key) == 0)
            return forms_staff_role_is_support(i);
    return false;
}

static bool
staff_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct staff_acc *a = ctx;
    double n = (double)row->num[0], fte = (double)row->num[1] / 1000.0;
    core_tally_add(&a->persons, row->key[0], n, 0);
    core_tally_add(&a->fte, row->key[0], fte, 0);
    a->total += n;
    a->total_fte += fte;
    if (is_support_role(row->key[0]))
        a->support += n;
    if (row->key[0] && strcmp(row->key[0], "teacher") == 0) {
        a->teachers += n;
        a->teachers_pd36 += (double)row->num[2];
        core_tally_add(&a->digcompedu, row->key[1], n, 0);
    }
    return true;
}

struct vac_acc {
    sk_date ref;
    double count, hours;
};

static bool
vac_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct vac_acc *a = ctx;
    sk_date open = SK_DATE_NONE, closed = SK_DATE_NONE;
    if (!row->key[1] || !sk_date_parse(row->key[1], &open))
        return true;
    if (row->key[2] && !sk_date_parse(row->key[2], &closed))
        closed = SK_DATE_NONE;
    if (forms_vacancy_is_long_term(open, closed, a->ref)) {
        a->count += 1;
        a->hours += row->has[0] ? (double)row->num[0] / 1000.0 : 0;
    }
    return true;
}

void
core_pd_window(sk_date reference, sk_date *from, sk_date *until)
{
    sk_date last;
    forms_pd_window(reference, from, &last);
    *until = last + 1;
}

bool
core_summary_staff(const struct core_summary_ctx *ctx, struct core_summary *out,
                   struct sk_error *err)
{
    struct core_year_row yr;
    if (!core_year_row_get(ctx->db, ctx->school_id, ctx->year, &yr, err))
        return false;
    sk_date pd_from, pd_until;
    core_pd_window(ctx->ref_date, &pd_from, &pd_until);
    char ref[11], from[11], until[11];
    core_iso(ctx->ref_date, ref);
    core_iso(pd_from, from);
    core_iso(pd_until, until);
    const char *args[] = {ref, from, until};
    struct staff_acc a;
    memset(&a, 0, sizeof a);
    core_tally_init(&a.persons, &forms_kind_staff, "role");
    core_tally_init(&a.fte, &forms_kind_staff, "role");
    core_tally_init(&a.digcompedu, &forms_kind_staff, "digcompedu");
    struct vac_acc v = {.ref = ctx->ref_date};
    bool ok = storage_aggregate(ctx->db, SA_STAFF, ctx->school_id, args, 3, staff_row, &a, err) &&
              storage_aggregate(ctx->db, SA_VACANCIES, ctx->school_id, NULL, 0, vac_row, &v, err);
    if (ok) {
        core_summary_add(out, "staff.persons", "", CU_COUNT, a.total, 0, NULL);
        for (size_t i = 0; i <= a.persons.n; i++)
            if (a.persons.num[i] > 0)
                core_summary_add(out, "staff.persons_by_role", core_tally_key(&a.persons, i),
                                 CU_COUNT, a.persons.num[i], 0, NULL);
        core_summary_add(out, "staff.fte", "", CU_FTE, a.total_fte, 0, NULL);
        for (size_t i = 0; i <= a.fte.n; i++)
            if (a.persons.num[i] > 0)
                core_summary_add(out, "staff.fte_by_role", core_tally_key(&a.fte, i), CU_FTE,
                                 a.fte.num[i], 0, NULL);
        core_summary_add(out, "staff.support_staff", "", CU_COUNT, a.support, 0, NULL);
        char why[200];
        if (core_year_row_missing_pupils(&yr, ctx->year, why, sizeof why)[0])
            core_summary_add_missing(out, "staff.support_per_100_pupils", "", CU_RATIO, a.support,
                                     0, why);
        else
            core_summary_add(out, "staff.support_per_100_pupils", "", CU_RATIO, a.support,
                             (double)yr.pupils / 100.0, NULL);
        core_summary_add(out, "staff.vacancies_long_term", "", CU_COUNT, v.count, 0, NULL);
        core_summary_add(out, "staff.vacancies_long_term_hours", "", CU_HOURS, v.hours, 0, NULL);
        char ref_text[11];
        sk_date_format(ctx->ref_date, false, ref_text);
        char none[200];
        snprintf(none, sizeof none, _("there are no teachers in the staff list on %s"), ref_text);
        core_summary_add(out, "staff.pd_36h", "", CU_PERCENT, a.teachers_pd36, a.teachers, none);
        for (size_t i = 0; i <= a.digcompedu.n; i++)
            core_summary_add(out, "staff.digcompedu", core_tally_key(&a.digcompedu, i), CU_PERCENT,
                             a.digcompedu.num[i], a.teachers, none);
    }
    core_tally_fini(&a.persons);
    core_tally_fini(&a.fte);
    core_tally_fini(&a.digcompedu);
    return ok;
}

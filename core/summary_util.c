/* Helpers shared by the summary parts (core/summary_<part>.c): the school
 * year's denominators, per-choice tallies and figures without a value. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool
year_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct core_year_row *y = ctx;
    y->has_row = true;
    y->has_pupils = row->has[0];
    y->pupils = row->num[0];
    y->has_teachers = row->has[1];
    y->teachers = row->num[1];
    y->has_teacher_fte = row->has[2];
    y->teacher_fte = row->num[2];
    return true;
}

bool
core_year_row_get(struct storage_db *db, int64_t school_id, int year, struct core_year_row *out,
                  struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    const char *args[] = {y};
    return storage_aggregate(db, SA_SCHOOL_YEAR, school_id, args, 1, year_row, out, err);
}

const char *
core_year_row_missing_pupils(const struct core_year_row *y, int year, char *buf, size_t cap)
{
    if (!y->has_row)
        snprintf(buf, cap, _("there is no school-year record for %d./%d. (pupils)"), year,
                 year + 1);
    else if (!y->has_pupils || y->pupils <= 0)
        snprintf(buf, cap, _("the number of pupils for %d./%d. is not entered"), year, year + 1);
    else
        buf[0] = '\0';
    return buf;
}

void
core_tally_init(struct core_tally *t, const struct forms_kind *kind, const char *field)
{
    memset(t, 0, sizeof *t);
    int fi = forms_field_index(kind, field);
    if (fi >= 0) {
        t->choices = kind->fields[fi].choices;
        t->n = kind->fields[fi].n_choices;
    }
    t->num = sk_xcalloc(t->n + 1, sizeof *t->num);
    t->sum = sk_xcalloc(t->n + 1, sizeof *t->sum);
}

void
core_tally_add(struct core_tally *t, const char *key, double num, double sum)
{
    size_t i = t->n;
    if (key)
        for (size_t k = 0; k < t->n; k++)
            if (strcmp(t->choices[k].key, key) == 0) {
                i = k;
                break;
            }
    t->num[i] += num;
    t->sum[i] += sum;
}

const char *
core_tally_key(const struct core_tally *t, size_t i)
{
    return i < t->n ? t->choices[i].key : "unknown";
}

void
core_tally_fini(struct core_tally *t)
{
    free(t->num);
    free(t->sum);
    memset(t, 0, sizeof *t);
}

void
core_summary_add_missing(struct core_summary *s, const char *metric, const char *dimension,
                         enum core_unit unit, double num, double den, const char *missing)
{
    core_summary_add(s, metric, dimension, unit, num, den, missing);
    struct core_figure *f = &s->figs[s->n - 1];
    f->has_value = false;
    snprintf(f->missing, sizeof f->missing, "%s", missing ? missing : "");
}

void
core_iso(sk_date d, char buf[static 11])
{
    sk_date_format(d, true, buf);
}

void
core_now_utc(char *buf, size_t cap)
{
    const char *fixed = getenv("SKOLA_NOW");
    if (fixed && *fixed) {
        snprintf(buf, cap, "%s", fixed);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

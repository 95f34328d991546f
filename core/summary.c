/* The summary framework (SPEC §5): figures with numerator and denominator,
 * their CSV and text forms, and the dispatch to the parts (observations,
 * devices, staff, consultations, self-assessment), each in its own file. */
#include "core/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The parts in output order. A part appends its figures to `out`. */
static const struct {
    unsigned bit;
    core_summary_part_fn fn;
} parts[] = {
    {CS_OBSERVATIONS, core_summary_observations},
    {CS_DEVICES, core_summary_devices},
    {CS_STAFF, core_summary_staff},
    {CS_CONSULTATIONS, core_summary_consultations},
    {CS_ASSESSMENT, core_summary_assessment},
};

/* Readable names of the metrics for the text output; SPEC §5 keys. */
static const struct {
    const char *key;
    const char *label; /* N_() */
} metric_labels[] = {
    {"observations.count", N_("Lesson observations")},
    {"observations.by_area", N_("Observations by area")},
    {"observations.criterion", N_("Criterion ticked")},
    {"observations.section_all", N_("Every criterion of the section ticked")},
    {"observations.with_recommendation", N_("Observations with a recommendation")},
    {"observations.recommendation", N_("Recommendations by category")},
    {"observations.teachers_observed", N_("Teachers observed")},
    {"observations.teacher_coverage", N_("Teachers observed of the school year's teachers")},
    {"observations.coverage_target", N_("Target share of teachers to observe")},
    {"observations.not_observed", N_("Teachers not observed yet")},
    {"observations.below_target", N_("Teachers below the observations-per-teacher target")},
    {"devices.count", N_("Devices in use (not written off)")},
    {"devices.by_category", N_("Devices by category")},
    {"devices.by_user_group", N_("Devices by user group")},
    {"devices.by_status", N_("Devices by status")},
    {"devices.computers", N_("Computers (desktops, laptops, tablets)")},
    {"devices.computers_for_pupils", N_("Computers for pupils (pupils or shared)")},
    {"devices.pupils_per_computer", N_("Pupils per computer")},
    {"devices.age", N_("Devices by age (years since purchase)")},
    {"devices.out_of_warranty", N_("Devices out of warranty")},
    {"staff.persons", N_("Staff (persons)")},
    {"staff.persons_by_role", N_("Staff by role (persons)")},
    {"staff.fte", N_("Staff FTE")},
    {"staff.fte_by_role", N_("Staff FTE by role")},
    {"staff.support_staff", N_("Support staff (persons)")},
    {"staff.support_per_100_pupils", N_("Support staff per 100 pupils")},
    {"staff.vacancies_long_term", N_("Long-term vacancies (open more than a month)")},
    {"staff.vacancies_long_term_hours", N_("Hours per week of long-term vacancies")},
    {"staff.pd_36h", N_("Teachers with at least 36 hours of professional development in 3 years")},
    {"staff.digcompedu", N_("Teachers by DigCompEdu level")},
    {"consultations.count", N_("Support consultations")},
    {"consultations.hours", N_("Hours of support consultations")},
    {"consultations.by_form", N_("Consultations by form")},
    {"consultations.hours_by_form", N_("Consultation hours by form")},
    {"consultations.by_topic", N_("Consultations by topic")},
    {"consultations.hours_by_topic", N_("Consultation hours by topic")},
    {"consultations.by_consultant_role", N_("Consultations by the consultant's role")},
    {"consultations.hours_by_consultant_role", N_("Consultation hours by the consultant's role")},
    {"consultations.pupil_recipients", N_("Pupils consulted (distinct)")},
    {"consultations.pupils_reached", N_("Share of pupils reached by consultations")},
    {"consultations.high_risk", N_("High-risk consultations")},
    {"assessment.indicators_filled", N_("IKVD indicators filled in")},
    {"assessment.priorities", N_("Priorities of the year")},
    {"assessment.priorities_by_status", N_("Priorities by status")},
};

/* Metrics whose dimension is a choice key of a field: the text output and
 * the Summaries screen show the choice's label (CSV keeps the key). */
static const struct {
    const char *metric;
    const char *kind;  /* forms kind key */
    const char *field; /* field whose choices name the dimension */
} dimension_fields[] = {
    {"devices.by_category", "devices", "category"},
    {"devices.by_user_group", "devices", "user_group"},
    {"devices.by_status", "devices", "status"},
    {"staff.persons_by_role", "staff", "role"},
    {"staff.fte_by_role", "staff", "role"},
    {"staff.digcompedu", "staff", "digcompedu"},
    {"consultations.by_form", "consultations", "form"},
    {"consultations.hours_by_form", "consultations", "form"},
    {"consultations.by_topic", "consultations", "topic"},
    {"consultations.hours_by_topic", "consultations", "topic"},
    {"consultations.by_consultant_role", "staff", "role"},
    {"consultations.hours_by_consultant_role", "staff", "role"},
    {"observations.recommendation", "observations", "recommendations"},
    {"assessment.priorities_by_status", "priorities", "status"},
};

const char *
core_figure_dimension_label(const struct core_figure *f)
{
    if (!f->dimension[0])
        return _("total");
    for (size_t i = 0; i < SK_ARRAY_LEN(dimension_fields); i++) {
        if (strcmp(dimension_fields[i].metric, f->metric) != 0)
            continue;
        const struct forms_kind *kind = forms_kind_by_key(dimension_fields[i].kind);
        int fi = kind ? forms_field_index(kind, dimension_fields[i].field) : -1;
        if (fi < 0)
            break;
        const struct forms_field *field = &kind->fields[fi];
        for (size_t c = 0; c < field->n_choices; c++)
            if (strcmp(field->choices[c].key, f->dimension) == 0)
                return forms_choice_label(&field->choices[c]);
        break;
    }
    return f->dimension;
}

static const char *const unit_names[] = {"count", "percent", "ratio", "hours", "fte"};
_Static_assert(sizeof unit_names / sizeof unit_names[0] == CU_FTE + 1, "one name per unit");

const char *
core_unit_name(enum core_unit u)
{
    return unit_names[u];
}

bool
core_unit_parse(const char *s, enum core_unit *out)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(unit_names); i++)
        if (strcmp(s, unit_names[i]) == 0) {
            *out = (enum core_unit)i;
            return true;
        }
    return false;
}

static bool
is_ratio(enum core_unit u)
{
    return u == CU_PERCENT || u == CU_RATIO;
}

void
core_summary_add(struct core_summary *s, const char *metric, const char *dimension,
                 enum core_unit unit, double num, double den, const char *missing)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->figs = sk_xrealloc(s->figs, s->cap * sizeof *s->figs);
    }
    struct core_figure *f = &s->figs[s->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->metric, sizeof f->metric, "%s", metric);
    snprintf(f->dimension, sizeof f->dimension, "%s", dimension ? dimension : "");
    f->unit = unit;
    f->num = num;
    f->den = den;
    f->has_value = !is_ratio(unit) || den > 0;
    if (!f->has_value)
        snprintf(f->missing, sizeof f->missing, "%s", missing ? missing : "");
}

void
core_summary_fini(struct core_summary *s)
{
    if (!s)
        return;
    free(s->figs);
    s->figs = NULL;
    s->n = s->cap = 0;
}

/* Shortest text of a non-negative amount with at most `places` decimals. */
static const char *
format_number(double v, int places, bool decimal_comma, char *buf, size_t cap)
{
    snprintf(buf, cap, "%.*f", places, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
        else if (decimal_comma)
            *dot = ',';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, cap, "0");
    return buf;
}

const char *
core_figure_value(const struct core_figure *f, bool decimal_comma, char *buf, size_t cap)
{
    if (!f->has_value) {
        snprintf(buf, cap, "n/d");
        return buf;
    }
    switch (f->unit) {
    case CU_PERCENT:
        snprintf(buf, cap, "%.1f", f->num / f->den * 100.0);
        break;
    case CU_RATIO:
        snprintf(buf, cap, "%.1f", f->num / f->den);
        break;
    case CU_COUNT:
        return format_number(f->num, 0, decimal_comma, buf, cap);
    case CU_HOURS:
    case CU_FTE:
        return format_number(f->num, 3, decimal_comma, buf, cap);
    }
    if (decimal_comma) {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ',';
    }
    return buf;
}

/* RFC 4180 cell: quoted when it holds a comma, quote or line break. */
static void
put_cell(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

bool
core_summary_write_csv(const struct core_summary *s, FILE *out, bool header, struct sk_error *err)
{
    if (header)
        fputs("school_code,year,metric,dimension,value,numerator,denominator,unit\n", out);
    for (size_t i = 0; i < s->n; i++) {
        const struct core_figure *f = &s->figs[i];
        char value[32], num[32], den[32];
        put_cell(out, s->school_code);
        fprintf(out, ",%d,", s->year);
        put_cell(out, f->metric);
        fputc(',', out);
        put_cell(out, f->dimension);
        fprintf(out, ",%s,%s,%s,%s\n", core_figure_value(f, false, value, sizeof value),
                format_number(f->num, 3, false, num, sizeof num),
                is_ratio(f->unit) ? format_number(f->den, 3, false, den, sizeof den) : "",
                core_unit_name(f->unit));
    }
    if (ferror(out))
        return sk_fail(err, SK_EIO, "%s", _("Could not write the summary."));
    return true;
}

static const char *
metric_label(const char *key)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(metric_labels); i++)
        if (strcmp(metric_labels[i].key, key) == 0)
            return _(metric_labels[i].label);
    return key;
}

const char *
core_summary_metric_label(const char *key)
{
    return metric_label(key);
}

bool
core_summary_write_text(const struct core_summary *s, FILE *out, struct sk_error *err)
{
    bool comma = forms_lang_is_lv();
    char ref[11];
    sk_date_format(s->ref_date, false, ref);
    fprintf(out, _("Summary of %s for the school year %d./%d. (reference date %s)\n"),
            s->school_code[0] ? SK_QUOTE(s->school_code) : _("all schools"), s->year, s->year + 1,
            ref);
    const char *last = "";
    for (size_t i = 0; i < s->n; i++) {
        const struct core_figure *f = &s->figs[i];
        if (strcmp(f->metric, last) != 0) {
            fprintf(out, "\n%s  [%s]\n", SK_QUOTE(metric_label(f->metric)), SK_QUOTE(f->metric));
            last = f->metric;
        }
        char value[32], num[32], den[32];
        core_figure_value(f, comma, value, sizeof value);
        char dq[512];
        const char *dim = sk_quote(core_figure_dimension_label(f), dq, sizeof dq);
        int pad = 36 - forms_utf8_width(dim);
        fprintf(out, "  %s%*s %10s%s", dim, pad > 0 ? pad : 0, "", value,
                f->unit == CU_PERCENT && f->has_value ? " %" : "");
        if (is_ratio(f->unit) && f->has_value)
            fprintf(out, "  (%s / %s)", format_number(f->num, 3, comma, num, sizeof num),
                    format_number(f->den, 3, comma, den, sizeof den));
        else if (!f->has_value && f->missing[0])
            fprintf(out, "  (%s)", f->missing);
        fputc('\n', out);
    }
    if (ferror(out))
        return sk_fail(err, SK_EIO, "%s", _("Could not write the summary."));
    return true;
}

/* The parts the user's role may see in a shared file: "it" the devices',
 * "support" the consultations', the others all (storage_may_summarize). A
 * part not placed here is shown to nobody there. */
static bool
may_see_part(const struct storage_db *db, unsigned bit)
{
    enum storage_area area = bit == CS_OBSERVATIONS    ? SAREA_OBSERVATIONS
                             : bit == CS_DEVICES       ? SAREA_DEVICES
                             : bit == CS_STAFF         ? SAREA_SCHOOL
                             : bit == CS_CONSULTATIONS ? SAREA_CONSULTATIONS
                             : bit == CS_ASSESSMENT    ? SAREA_QUALITY
                                                       : SAREA_NONE;
    return storage_may_summarize(db, area);
}

bool
core_summary_compute(struct storage_db *db, int64_t school_id, int year, sk_date ref_date,
                     unsigned which, struct core_summary *out, struct sk_error *err)
{
    struct storage_school school;
    if (!storage_school_by_id(db, school_id, &school, err))
        return false;
    snprintf(out->school_code, sizeof out->school_code, "%s", school.code);
    out->year = year;
    if (ref_date == SK_DATE_NONE) {
        sk_date today = sk_date_today();
        ref_date = sk_date_school_year(today) == year ? today : sk_date_from_ymd(year, 9, 1);
    }
    out->ref_date = ref_date;
    struct core_summary_ctx ctx = {
        .db = db,
        .school_id = school_id,
        .year = year,
        .ref_date = ref_date,
        .year_start = sk_date_from_ymd(year, 9, 1),
        .year_end = sk_date_from_ymd(year + 1, 9, 1),
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(parts); i++)
        if (parts[i].fn && (which & parts[i].bit) && may_see_part(db, parts[i].bit) &&
            !parts[i].fn(&ctx, out, err))
            return false;
    return true;
}

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
    {CS_LOANS, core_summary_loans},
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
    {"loans.open", N_("Open loans (not returned by the reference date)")},
    {"loans.overdue", N_("Loans overdue (due before the reference date, not returned)")},
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

/* Dimensions that are keys of the summary itself, not of a field. */
static const struct {
    const char *metric; /* NULL = any metric */
    const char *key;
    const char *label; /* N_() */
} fixed_dimensions[] = {
    {"devices.age", "<3", N_("under 3 years")},
    {"devices.age", "3-5", N_("3 to 4 years")},
    {"devices.age", ">=5", N_("5 years or more")},
    {"observations.by_area", "-", N_("no area given")},
    {NULL, "unknown", N_("not known")},
};

/* "2.3. Materiāltehnisko līdzekļu …": the label of the criterion's tick
 * field (its code and wording in the user's language; a criterion of a
 * template added to the file carries the template's wording), or NULL. */
static const char *
criterion_label(const char *code)
{
    int fi = forms_observation_crit_field(code);
    return fi >= 0 ? forms_field_label(&forms_kind_observation.fields[fi]) : NULL;
}

const char *
core_figure_dimension_label(const struct core_figure *f)
{
    if (!f->dimension[0])
        return _("total");
    if (f->shown[0])
        return f->shown;
    if (strcmp(f->metric, "observations.criterion") == 0) {
        const char *l = criterion_label(f->dimension);
        if (l)
            return l;
    }
    /* an area is the school's own text: an area named "unknown" stays so */
    bool is_text = strcmp(f->metric, "observations.by_area") == 0;
    for (size_t i = 0; i < SK_ARRAY_LEN(fixed_dimensions); i++)
        if ((fixed_dimensions[i].metric ? strcmp(fixed_dimensions[i].metric, f->metric) == 0
                                        : !is_text) &&
            strcmp(fixed_dimensions[i].key, f->dimension) == 0)
            return _(fixed_dimensions[i].label);
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

/* v rounded half up to one decimal, at most one shown (12.5, 12). */
static const char *
format_one_decimal(double v, bool decimal_comma, char *buf, size_t cap)
{
    return format_number(floor(v * 10.0 + 0.5 + 1e-9) / 10.0, 1, decimal_comma, buf, cap);
}

const char *
core_figure_value_text(const struct core_figure *f, bool decimal_comma, char *buf, size_t cap)
{
    if (f->has_value && f->unit == CU_HOURS)
        return format_one_decimal(f->num, decimal_comma, buf, cap);
    return core_figure_value(f, decimal_comma, buf, cap);
}

const char *
core_figure_detail(const struct core_figure *f, bool decimal_comma, char *buf, size_t cap)
{
    char num[32], den[32];
    buf[0] = '\0';
    if (!f->has_value) {
        if (f->missing[0])
            snprintf(buf, cap, "(%s)", f->missing);
        return buf;
    }
    if (!is_ratio(f->unit))
        return buf;
    double d = f->den;
    const char *words = "";
    if (strcmp(f->metric, "staff.support_per_100_pupils") == 0) {
        d *= 100.0; /* the denominator is in hundreds of pupils: show the pupils */
        words = _("per 100 pupils");
    } else if (strcmp(f->metric, "devices.pupils_per_computer") == 0) {
        words = _("pupils per computer");
    }
    snprintf(buf, cap, "%s%s(%s / %s)", words, words[0] ? " " : "",
             format_one_decimal(f->num, decimal_comma, num, sizeof num),
             format_one_decimal(d, decimal_comma, den, sizeof den));
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

enum {
    TEXT_COLS = 80,   /* the text output fits a terminal of 80 columns */
    TEXT_VALUE_W = 8, /* the value, right-aligned */
    TEXT_MIN_LABEL = 24,
};

/* Writes `s` (display width w) and spaces up to `cols` columns. */
static void
put_padded(FILE *out, const char *s, int cols)
{
    fputs(s, out);
    for (int w = forms_utf8_width(s); w < cols; w++)
        fputc(' ', out);
}

/* Writes text in lines of at most `cols` columns, broken at spaces (a word
 * longer than that is cut by display width), every line but the last ended
 * and the next indented by `indent` spaces (the first by the caller); the
 * last one padded to `cols` when `pad`. */
static void
put_wrapped(FILE *out, const char *text, int cols, int indent, bool pad)
{
    const char *p = text;
    for (;;) {
        if (forms_utf8_width(p) <= cols) {
            if (pad)
                put_padded(out, p, cols);
            else
                fputs(p, out);
            return;
        }
        size_t fit = forms_utf8_prefix_for_width(p, cols);
        size_t cut = fit;
        while (cut > 0 && p[cut] != ' ')
            cut--;
        while (cut > 0 && p[cut - 1] == ' ')
            cut--;
        if (cut == 0)
            cut = fit ? fit : strlen(p); /* one long word */
        fprintf(out, "%.*s\n%*s", (int)cut, p, indent, "");
        p += cut;
        while (*p == ' ')
            p++;
    }
}

/* The widest label and the widest detail of the figures [from, to). */
static void
widths(const struct core_figure *figs, size_t from, size_t to, bool comma, int *label, int *detail)
{
    *label = *detail = 0;
    for (size_t k = from; k < to; k++) {
        char dq[512], d[400];
        int w = forms_utf8_width(sk_quote(core_figure_dimension_label(&figs[k]), dq, sizeof dq));
        if (w > *label)
            *label = w;
        if (!figs[k].has_value)
            continue; /* a missing input's sentence wraps onto lines of its own */
        w = forms_utf8_width(core_figure_detail(&figs[k], comma, d, sizeof d));
        if (w > *detail)
            *detail = w;
    }
}

/* Columns left for the label when the value and a detail of `detail`
 * columns follow on a line of TEXT_COLS. */
static int
label_room(int detail)
{
    return TEXT_COLS - 2 - 1 - TEXT_VALUE_W - 2 - (detail ? 2 + detail : 0);
}

/* The label column of one metric's figures [from, to): the summary's
 * common column `common` (values aligned from one metric to the next)
 * unless the metric's details need it narrower to fit TEXT_COLS; never
 * narrower than TEXT_MIN_LABEL (longer labels wrap). */
static int
label_width(const struct core_figure *figs, size_t from, size_t to, bool comma, int common)
{
    int label, detail;
    widths(figs, from, to, comma, &label, &detail);
    int room = label_room(detail);
    int w = common;
    if (w > room)
        w = label > room ? room : label;
    return w < TEXT_MIN_LABEL ? TEXT_MIN_LABEL : w;
}

/* The common label column: the widest label, within a line of TEXT_COLS
 * that has the usual "(n / d)" detail after the value. */
static int
common_width(const struct core_summary *s, bool comma)
{
    int label, detail;
    widths(s->figs, 0, s->n, comma, &label, &detail);
    int room = label_room((int)strlen("(12345 / 12345)"));
    return label > room ? room : label;
}

bool
core_summary_write_text(const struct core_summary *s, FILE *out, struct sk_error *err)
{
    bool comma = forms_lang_is_lv();
    char ref[11];
    sk_date_format(s->ref_date, false, ref);
    char school[SK_QUOTE_SIZE * 2 + 8];
    if (!s->school_code[0])
        snprintf(school, sizeof school, "%s", _("all schools"));
    else if (s->school_name[0])
        snprintf(school, sizeof school, "%s (%s)", SK_QUOTE(s->school_name),
                 SK_QUOTE(s->school_code));
    else
        snprintf(school, sizeof school, "%s", SK_QUOTE(s->school_code));
    char title[1024];
    snprintf(title, sizeof title,
             _("Summary of %s for the school year %d./%d. (reference date %s)\n"), school, s->year,
             s->year + 1, ref);
    title[strcspn(title, "\n")] = '\0'; /* the message ends its line; wrapped here */
    put_wrapped(out, title, TEXT_COLS, 0, false);
    fputc('\n', out);
    int common = common_width(s, comma), width = TEXT_MIN_LABEL;
    for (size_t i = 0; i < s->n; i++) {
        const struct core_figure *f = &s->figs[i];
        if (i == 0 || strcmp(f->metric, s->figs[i - 1].metric) != 0) {
            char head[512];
            snprintf(head, sizeof head, "%s  [%s]", SK_QUOTE(metric_label(f->metric)),
                     SK_QUOTE(f->metric));
            fputc('\n', out);
            put_wrapped(out, head, TEXT_COLS, 0, false);
            fputc('\n', out);
            size_t end = i;
            while (end < s->n && strcmp(s->figs[end].metric, f->metric) == 0)
                end++;
            width = label_width(s->figs, i, end, comma, common);
        }
        char value[32], detail[400], dq[512];
        core_figure_value_text(f, comma, value, sizeof value);
        bool is_pct = f->unit == CU_PERCENT && f->has_value;
        core_figure_detail(f, comma, detail, sizeof detail);
        fputs("  ", out);
        put_wrapped(out, sk_quote(core_figure_dimension_label(f), dq, sizeof dq), width, 2, true);
        /* the same missing input again in this metric: said once is enough */
        bool repeated = !f->has_value && i > 0 && strcmp(s->figs[i - 1].metric, f->metric) == 0 &&
                        !s->figs[i - 1].has_value &&
                        strcmp(s->figs[i - 1].missing, f->missing) == 0;
        if (repeated)
            detail[0] = '\0';
        int used = 2 + width + 1 + TEXT_VALUE_W + 2;
        bool beside = detail[0] && used + 2 + forms_utf8_width(detail) <= TEXT_COLS;
        fprintf(out, " %*s%s", TEXT_VALUE_W, value, is_pct ? " %" : beside ? "  " : "");
        if (beside) {
            fprintf(out, "  %s", detail);
        } else if (detail[0]) { /* too long beside the value: below it */
            fputs("\n    ", out);
            put_wrapped(out, detail, TEXT_COLS - 4, 4, false);
        }
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
    snprintf(out->school_name, sizeof out->school_name, "%s", school.name);
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

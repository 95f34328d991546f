/* The yearly self-evaluation tables (SPEC §3.6): one row per IKVD
 * indicator and year, and the year's priorities. */
#include "forms/forms.h"

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

/* data/ikvd-indicators.csv, compiled in: labels are "code name" (2.5.2 and
 * 2.5.5 share a name in the source; the indicator names have no English
 * version). */
const struct forms_choice forms_ikvd_indicators[] = {
#define REF_IKVD_INDICATOR(criterion_code, criterion_name, code, name)                             \
    {code, code " " name, code " " name},
#include "ikvd-indicators.inc"
#undef REF_IKVD_INDICATOR
};
const size_t forms_n_ikvd_indicators = SK_ARRAY_LEN(forms_ikvd_indicators);

/* criterion_code and criterion_name of each indicator, same order. */
const struct forms_choice forms_ikvd_criteria[] = {
#define REF_IKVD_INDICATOR(criterion_code, criterion_name, code, name)                             \
    {criterion_code, criterion_name, criterion_name},
#include "ikvd-indicators.inc"
#undef REF_IKVD_INDICATOR
};

static const struct forms_field assessment_fields[] = {
    {.key = "year",
     .label_lv = "Mācību gads",
     .label_en = "School year",
     .type = FT_INT,
     .width = 6,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST | FF_RANGE,
     .min = 2000,
     .max = 2100},
    {.key = "indicator_code",
     .label_lv = "Rezultatīvais rādītājs",
     .label_en = "Indicator",
     .type = FT_ENUM,
     .width = 40,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST,
     CHOICES(forms_ikvd_indicators)},
    {.key = "strengths",
     .label_lv = "Stiprās puses",
     .label_en = "Strengths",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_LIST},
    {.key = "development_needs",
     .label_lv = "Turpmākās attīstības vajadzības",
     .label_en = "Development needs",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_LIST},
};

const struct forms_kind forms_kind_assessment = {
    .key = "assessments",
    .table = "assessment",
    .label_lv = "Pašvērtējums",
    .label_en = "Self-assessment",
    .fields = assessment_fields,
    .n_fields = SK_ARRAY_LEN(assessment_fields),
    .year_field = "year",
    .name_field = "indicator_code",
    .fill_field = "indicator_code",
    .menu_group = FMG_SELF_EVALUATION,
    .menu_order = 1,
};

static const struct forms_choice priority_statuses[] = {
    {"achieved", "Sasniegts", "Achieved"},
    {"partly_achieved", "Daļēji sasniegts", "Partly achieved"},
    {"not_achieved", "Nav sasniegts", "Not achieved"},
    {"in_progress", "Procesā", "In progress"},
};

static const struct forms_field priority_fields[] = {
    {.key = "year",
     .label_lv = "Mācību gads",
     .label_en = "School year",
     .type = FT_INT,
     .width = 6,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST | FF_RANGE,
     .min = 2000,
     .max = 2100},
    {.key = "priority",
     .label_lv = "Prioritāte",
     .label_en = "Priority",
     .type = FT_TEXT,
     .width = 36,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST,
     .max_len = 300},
    {.key = "qualitative_targets",
     .label_lv = "Kvalitatīvie rādītāji",
     .label_en = "Qualitative targets",
     .type = FT_MEMO,
     .width = 30},
    {.key = "quantitative_targets",
     .label_lv = "Kvantitatīvie rādītāji",
     .label_en = "Quantitative targets",
     .type = FT_MEMO,
     .width = 30},
    {.key = "result", .label_lv = "Rezultāts", .label_en = "Result", .type = FT_MEMO, .width = 30},
    {.key = "status",
     .label_lv = "Statuss",
     .label_en = "Status",
     .type = FT_ENUM,
     .width = 16,
     .flags = FF_REQUIRED | FF_LIST,
     CHOICES(priority_statuses),
     .default_text = "in_progress"},
};

const struct forms_kind forms_kind_priority = {
    .key = "priorities",
    .table = "priority",
    .label_lv = "Prioritātes",
    .label_en = "Priorities",
    .fields = priority_fields,
    .n_fields = SK_ARRAY_LEN(priority_fields),
    .year_field = "year",
    .name_field = "priority",
    .menu_group = FMG_SELF_EVALUATION,
    .menu_order = 2,
};

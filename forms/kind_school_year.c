/* One school year of one school: the denominators of the ratios (SPEC §3.1). */
#include "forms/forms.h"

static const struct forms_field school_year_fields[] = {
    {.key = "year", .label_lv = "Mācību gads", .label_en = "School year", .type = FT_INT,
     .width = 6, .flags = FF_REQUIRED | FF_UNIQUE | FF_NATKEY | FF_LIST | FF_RANGE, .min = 2000,
     .max = 2100},
    {.key = "pupils", .label_lv = "Izglītojamie", .label_en = "Pupils", .type = FT_INT,
     .width = 8, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 100000},
    {.key = "teachers", .label_lv = "Pedagogi", .label_en = "Teachers", .type = FT_INT,
     .width = 8, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 10000},
    {.key = "teacher_fte", .label_lv = "Pedagogu slodzes", .label_en = "Teacher FTE",
     .type = FT_DEC3, .width = 9, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 10000000},
    {.key = "classrooms", .label_lv = "Mācību telpas", .label_en = "Classrooms", .type = FT_INT,
     .width = 8, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 10000},
    {.key = "internet_mbps", .label_lv = "Internets, Mbit/s", .label_en = "Internet, Mbit/s",
     .type = FT_INT, .width = 8, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 1000000},
    {.key = "observation_target_pct", .label_lv = "Vērojamo pedagogu mērķis, %",
     .label_en = "Teachers to observe, %", .type = FT_INT, .width = 6,
     .flags = FF_RANGE, .min = 0, .max = 100, .default_text = "20"},
    {.key = "observations_per_teacher_target", .label_lv = "Vērojumi uz pedagogu",
     .label_en = "Observations per teacher", .type = FT_INT, .width = 6, .flags = FF_RANGE,
     .min = 0, .max = 50, .default_text = "0"},
};

const struct forms_kind forms_kind_school_year = {
    .key = "school-years",
    .table = "school_year",
    .label_lv = "Mācību gadi",
    .label_en = "School years",
    .fields = school_year_fields,
    .n_fields = SK_ARRAY_LEN(school_year_fields),
    .year_field = "year",
    .name_field = "year",
    .menu_group = FMG_SCHOOL,
    .menu_order = 3,
};

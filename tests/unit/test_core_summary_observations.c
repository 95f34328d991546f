/* core/summary_observations.c: every observation figure of SPEC §5 on a
 * small hand-computed data set (drafts excluded, 31 August vs 1 September,
 * a sheet whose template lacks section 4), on an empty year, and templates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "testlib.h"

static void
add_staff(struct test_fixture *fx, const char *name)
{
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", name, "role", "teacher", NULL});
}

/* One sheet. ticks: 17 characters '1', '0' or '-' (not in the template). */
static void
add_sheet(struct test_fixture *fx, const char *date, const char *teacher, const char *status,
          const char *area, const char *ticks, const char *recs)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    forms_record_defaults(&rec);
    test_set(&rec, "date", date);
    test_set(&rec, "teacher", teacher);
    test_set(&rec, "group", "T-21");
    test_set(&rec, "subject", "Šūšana");
    test_set(&rec, "area", area);
    test_set(&rec, "status", status);
    test_set(&rec, "recommendations", recs);
    assert_int_equal(strlen(ticks), forms_observation_n_crit);
    for (size_t i = 0; i < forms_observation_n_crit; i++)
        if (ticks[i] != '-')
            forms_value_set_int(&rec.values[forms_observation_first_crit + i], ticks[i] == '1');
    if (!storage_record_insert(fx->db, fx->school, &rec, &err))
        fail_msg("sheet: %s", err.msg);
    forms_record_fini(&rec);
}

static int
setup(void **state)
{
    struct test_fixture *fx = calloc(1, sizeof *fx);
    struct sk_error err = {0};
    fx->db = test_db_open("T", "Test", NULL, &fx->school);
    struct forms_record y;
    forms_record_init(&y, &forms_kind_school_year);
    forms_record_defaults(&y);
    test_set(&y, "year", "2023");
    test_set(&y, "teachers", "4");
    test_set(&y, "observation_target_pct", "25");
    test_set(&y, "observations_per_teacher_target", "2");
    if (!storage_record_insert(fx->db, fx->school, &y, &err))
        fail_msg("year: %s", err.msg);
    forms_record_fini(&y);
    add_staff(fx, "Anna Ābele");
    add_staff(fx, "Bruno Bērziņš");
    add_staff(fx, "Cilda Cīrule");
    /*                                         1.1-3 2.1-4 3.1-4 4.1-6 */
    add_sheet(fx, "2023-09-01", "Anna Ābele", "final", "Tekstils", "11111111111111111", "content");
    add_sheet(fx, "2024-08-31", "Anna Ābele", "final", "STEM", "11101111111111111", "");
    add_sheet(fx, "2023-10-10", "Bruno Bērziņš", "draft", "STEM", "00000000000000000", "other");
    add_sheet(fx, "2023-08-31", "Cilda Cīrule", "final", "STEM", "11111111111111111", "other");
    add_sheet(fx, "2024-09-01", "Cilda Cīrule", "final", "STEM", "11111111111111111", "other");
    add_sheet(fx, "2024-01-15", "Bruno Bērziņš", "final", "Tekstils", "11111101111------",
              "attitude|material");
    *state = fx;
    return 0;
}

static const struct core_figure *
find(const struct core_summary *s, const char *metric, const char *dim)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->figs[i].metric, metric) == 0 && strcmp(s->figs[i].dimension, dim) == 0)
            return &s->figs[i];
    fail_msg("no figure %s/%s", metric, dim);
    return NULL;
}

static void
expect(const struct core_summary *s, const char *metric, const char *dim, double num, double den)
{
    const struct core_figure *f = find(s, metric, dim);
    if (f->num != num || (f->unit != CU_COUNT && f->den != den))
        fail_msg("%s/%s: %g/%g, expected %g/%g", metric, dim, f->num, f->den, num, den);
}

static void
compute(struct test_fixture *fx, int year, struct core_summary *s)
{
    struct sk_error err = {0};
    memset(s, 0, sizeof *s);
    if (!core_summary_compute(fx->db, fx->school, year, SK_DATE_NONE, CS_OBSERVATIONS, s, &err))
        fail_msg("summary: %s", err.msg);
}

static void
count_has_final_sheets_of_the_year_only(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    /* 1 Sept 2023, 15 Jan 2024 and 31 Aug 2024; not the draft, not 31 Aug
     * 2023 (2022./2023.), not 1 Sept 2024 (2024./2025.) */
    expect(&s, "observations.count", "", 3, 0);
    core_summary_fini(&s);
}

static void
by_area_counts_and_shares(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    expect(&s, "observations.by_area", "Tekstils", 2, 3);
    expect(&s, "observations.by_area", "STEM", 1, 3);
    char buf[32];
    assert_string_equal(
        core_figure_value(find(&s, "observations.by_area", "Tekstils"), false, buf, sizeof buf),
        "66.7");
    core_summary_fini(&s);
}

static void
criterion_counts_only_sheets_whose_template_has_it(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    expect(&s, "observations.criterion", "1.1", 3, 3);
    expect(&s, "observations.criterion", "2.1", 2, 3); /* unticked on 31 Aug */
    expect(&s, "observations.criterion", "2.4", 2, 3); /* unticked on 15 Jan */
    expect(&s, "observations.criterion", "4.1", 2, 2); /* 15 Jan has no section 4 */
    core_summary_fini(&s);
}

static void
section_all_needs_every_criterion_of_the_section(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    expect(&s, "observations.section_all", "1", 3, 3);
    expect(&s, "observations.section_all", "2", 1, 3);
    expect(&s, "observations.section_all", "3", 3, 3);
    expect(&s, "observations.section_all", "4", 2, 2);
    core_summary_fini(&s);
}

static void
recommendations_any_and_per_category(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    expect(&s, "observations.with_recommendation", "", 2, 3);
    expect(&s, "observations.recommendation", "content", 1, 3);
    expect(&s, "observations.recommendation", "attitude", 1, 3);
    expect(&s, "observations.recommendation", "material", 1, 3);
    expect(&s, "observations.recommendation", "other", 0, 3);
    core_summary_fini(&s);
}

static void
teachers_coverage_target_and_below_target(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    expect(&s, "observations.teachers_observed", "", 2, 0); /* Anna, Bruno */
    expect(&s, "observations.teacher_coverage", "", 2, 4);
    expect(&s, "observations.coverage_target", "", 1, 4); /* 25% of 4 */
    expect(&s, "observations.not_observed", "", 1, 0);    /* Cilda */
    expect(&s, "observations.below_target", "", 2, 0);    /* Bruno 1, Cilda 0 of 2 */
    core_summary_fini(&s);
}

static void
empty_year_has_zero_count_and_no_ratios(void **state)
{
    struct core_summary s;
    compute(*state, 2030, &s);
    expect(&s, "observations.count", "", 0, 0);
    assert_false(find(&s, "observations.criterion", "1.1")->has_value);
    assert_false(find(&s, "observations.with_recommendation", "")->has_value);
    /* no school_year row for 2030: coverage is n/d and says why */
    const struct core_figure *cov = find(&s, "observations.teacher_coverage", "");
    assert_false(cov->has_value);
    assert_true(strstr(cov->missing, "2030") != NULL);
    for (size_t i = 0; i < s.n; i++)
        assert_string_not_equal(s.figs[i].metric, "observations.by_area");
    core_summary_fini(&s);
}

static void
csv_rows_keep_numerator_and_denominator(void **state)
{
    struct core_summary s;
    compute(*state, 2023, &s);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    struct sk_error err = {0};
    assert_true(core_summary_write_csv(&s, f, false, &err));
    fclose(f);
    assert_non_null(strstr(text, "T,2023,observations.by_area,Tekstils,66.7,2,3,percent\n"));
    assert_non_null(strstr(text, "T,2023,observations.section_all,2,33.3,1,3,percent\n"));
    assert_non_null(strstr(text, "T,2023,observations.count,,3,3,,count\n"));
    free(text);
    core_summary_fini(&s);
}

static void
templates_keep_their_criteria_and_new_sheets_use_the_chosen_one(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    char code[64];
    assert_true(storage_obs_template_current(fx->db, fx->school, code, sizeof code, &err));
    assert_string_equal(code, "LVT-2023");
    struct storage_obs_template t;
    assert_true(storage_obs_template_get(fx->db, "LVT-2023", &t, &err));
    assert_int_equal(t.n_crit, 17);
    assert_string_equal(t.crit[16].code, "4.6");
    assert_string_equal(t.crit[0].section_name, "Nodarbības/stundas struktūra");
    storage_obs_template_fini(&t);

    struct storage_obs_criterion c[2] = {
        {1, "Struktūra", "1.1", "Mērķis nosaukts"},
        {2, "Metodes", "2.1", "Metodes atbilst mērķim"},
    };
    assert_true(storage_obs_template_add(fx->db, "SHORT-2025", "Īsā lapa", c, 2, &err));
    assert_true(storage_obs_template_use(fx->db, fx->school, "SHORT-2025", &err));
    assert_true(storage_obs_template_current(fx->db, fx->school, code, sizeof code, &err));
    assert_string_equal(code, "SHORT-2025");
    /* a code that is not "S.N" is refused and names the rule */
    struct storage_obs_criterion bad = {5, "Cits", "5.x", "x"};
    assert_false(storage_obs_template_add(fx->db, "BAD", "x", &bad, 1, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_non_null(strstr(err.msg, "5.x"));

    /* a sheet imported without a template gets the chosen one; an old one keeps its own */
    add_sheet(fx, "2024-02-01", "Anna Ābele", "final", "STEM", "1--0-------------", "");
    struct storage_query q = {
        .kind = &forms_kind_observation, .school_id = fx->school, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    int tf = forms_field_index(&forms_kind_observation, "template");
    size_t n_short = 0, n_lvt = 0;
    while (storage_iter_next(it, &rec, &err) == 1) {
        if (strcmp(rec.values[tf].s, "SHORT-2025") == 0)
            n_short++;
        else if (strcmp(rec.values[tf].s, "LVT-2023") == 0)
            n_lvt++;
    }
    storage_iter_close(it);
    forms_record_fini(&rec);
    assert_int_equal(n_short, 1);
    assert_int_equal(n_lvt, 6);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    setenv("SKOLA_TODAY", "2025-10-01", 1);
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, test_fixture_close)
        T(count_has_final_sheets_of_the_year_only),
        T(by_area_counts_and_shares),
        T(criterion_counts_only_sheets_whose_template_has_it),
        T(section_all_needs_every_criterion_of_the_section),
        T(recommendations_any_and_per_category),
        T(teachers_coverage_target_and_below_target),
        T(empty_year_has_zero_count_and_no_ratios),
        T(csv_rows_keep_numerator_and_denominator),
        T(templates_keep_their_criteria_and_new_sheets_use_the_chosen_one),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

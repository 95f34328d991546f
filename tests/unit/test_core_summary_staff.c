/* core/summary_staff.c: the 36-hour rule counts the three years ending on
 * the summary's reference date — the same window as the staff list's
 * column (forms_pd_window + storage_staff_pd_hours) — and long-term
 * vacancies are counted on the reference date (today in the current school
 * year, SPEC §5). Expectations are computed by hand in the comments. */
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

static int64_t
add_teacher(struct test_fixture *fx, const char *name)
{
    return test_insert(fx->db, fx->school, &forms_kind_staff,
                       (const char *const[]){"full_name", name, "role", "teacher", NULL});
}

static void
add_training(struct test_fixture *fx, const char *name, const char *date, const char *hours)
{
    test_insert(
        fx->db, fx->school, &forms_kind_training,
        (const char *const[]){"staff", name, "date", date, "title", "Kursi", "hours", hours, NULL});
}

static void
add_vacancy(struct test_fixture *fx, const char *subject, const char *open, const char *closed)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_vacancy);
    forms_record_defaults(&rec);
    test_set(&rec, "subject", subject);
    test_set(&rec, "hours_per_week", "2");
    test_set(&rec, "open_since", open);
    if (closed)
        test_set(&rec, "closed_on", closed);
    if (!storage_record_insert(fx->db, fx->school, &rec, &err))
        fail_msg("vacancy: %s", err.msg);
    forms_record_fini(&rec);
}

static int64_t ids[4];

static int
setup(void **state)
{
    struct test_fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("T", "Test", NULL, &fx->school);
    /* On 1.09.2024 the window is 2.09.2021 … 1.09.2024. */
    ids[0] = add_teacher(fx, "Anna Ābele"); /* 20 + 16 = 36 h inside: meets the rule */
    add_training(fx, "Anna Ābele", "2021-09-02", "20");
    add_training(fx, "Anna Ābele", "2024-09-01", "16");
    ids[1] = add_teacher(fx, "Bruno Bērziņš"); /* 1.09.2021 is a day too early: 16 h */
    add_training(fx, "Bruno Bērziņš", "2021-09-01", "20");
    add_training(fx, "Bruno Bērziņš", "2024-09-01", "16");
    ids[2] = add_teacher(fx, "Cilda Cīrule"); /* after the reference date: 0 h */
    add_training(fx, "Cilda Cīrule", "2024-09-02", "36");
    ids[3] = add_teacher(fx, "Dainis Dzenis"); /* January 2022, before the school year 2022: 36 h */
    add_training(fx, "Dainis Dzenis", "2022-01-10", "36");
    /* open since 26.08.2024: long-term from 27.09.2024 */
    add_vacancy(fx, "Metināšana", "2024-08-26", NULL);
    /* open since 16.10.2024: long-term from 17.11.2024 */
    add_vacancy(fx, "Tūrisms", "2024-10-16", NULL);
    /* filled on 1.11.2024 */
    add_vacancy(fx, "Sports", "2024-09-02", "2024-11-01");
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    unsetenv("SKOLA_TODAY");
    return test_fixture_close(state);
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
compute(struct test_fixture *fx, int year, sk_date ref, struct core_summary *s)
{
    struct sk_error err = {0};
    memset(s, 0, sizeof *s);
    if (!core_summary_compute(fx->db, fx->school, year, ref, CS_STAFF, s, &err))
        fail_msg("%s", err.msg);
}

static void
pd_36h_counts_the_three_years_ending_on_the_reference_date(void **state)
{
    struct test_fixture *fx = *state;
    struct core_summary s;
    /* 1 September 2024 (not the current year: SKOLA_TODAY is 2026) */
    setenv("SKOLA_TODAY", "2026-11-23", 1);
    compute(fx, 2024, SK_DATE_NONE, &s);
    assert_int_equal(s.ref_date, sk_date_from_ymd(2024, 9, 1));
    const struct core_figure *f = find(&s, "staff.pd_36h", "");
    /* Anna and Dainis of 4 teachers; the old school-year window
     * (1.09.2022 … 31.08.2025) would have counted Cilda alone */
    assert_true(f->has_value);
    assert_true(f->num == 2.0);
    assert_true(f->den == 4.0);
    core_summary_fini(&s);
}

static void
pd_36h_agrees_with_the_staff_list_column(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    static const int64_t want[] = {36000, 16000, 0, 36000};
    sk_date refs[] = {sk_date_from_ymd(2024, 9, 1), sk_date_from_ymd(2024, 11, 15),
                      sk_date_from_ymd(2025, 1, 9)};
    for (size_t r = 0; r < SK_ARRAY_LEN(refs); r++) {
        sk_date first, last;
        forms_pd_window(refs[r], &first, &last);
        int meets = 0;
        for (size_t i = 0; i < SK_ARRAY_LEN(ids); i++) {
            int64_t h = 0;
            if (!storage_staff_pd_hours(fx->db, fx->school, ids[i], first, last, &h, &err))
                fail_msg("%s", err.msg);
            if (r == 0)
                assert_int_equal(h, want[i]);
            meets += h >= FORMS_PD_MIN_HOURS * 1000;
        }
        struct core_summary s;
        compute(fx, sk_date_school_year(refs[r]), refs[r], &s);
        const struct core_figure *f = find(&s, "staff.pd_36h", "");
        assert_true(f->num == (double)meets);
        core_summary_fini(&s);
    }
    /* hand-computed: on 15.11.2024 the window starts on 16.11.2021, so Anna
     * keeps 16 h; Cilda (2.09.2024) and Dainis meet the rule */
    struct core_summary s;
    compute(fx, 2024, sk_date_from_ymd(2024, 11, 15), &s);
    assert_true(find(&s, "staff.pd_36h", "")->num == 2.0);
    core_summary_fini(&s);
    /* on 11.01.2025 the window starts on 12.01.2022: Dainis' 10.01.2022
     * falls out, Cilda alone */
    compute(fx, 2024, sk_date_from_ymd(2025, 1, 11), &s);
    assert_true(find(&s, "staff.pd_36h", "")->num == 1.0);
    core_summary_fini(&s);
}

static void
long_term_vacancies_of_the_current_year_count_on_today(void **state)
{
    struct test_fixture *fx = *state;
    struct core_summary s;
    setenv("SKOLA_TODAY", "2024-11-15", 1);
    compute(fx, 2024, SK_DATE_NONE, &s);
    assert_int_equal(s.ref_date, sk_date_from_ymd(2024, 11, 15));
    /* Metināšana only: Tūrisms is a day short, Sports was filled */
    assert_true(find(&s, "staff.vacancies_long_term", "")->num == 1.0);
    assert_true(find(&s, "staff.vacancies_long_term_hours", "")->num == 2.0);
    core_summary_fini(&s);
    /* a year that is not the current one counts on 1 September: none yet */
    setenv("SKOLA_TODAY", "2026-11-23", 1);
    compute(fx, 2024, SK_DATE_NONE, &s);
    assert_int_equal(s.ref_date, sk_date_from_ymd(2024, 9, 1));
    assert_true(find(&s, "staff.vacancies_long_term", "")->num == 0.0);
    core_summary_fini(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pd_36h_counts_the_three_years_ending_on_the_reference_date,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(pd_36h_agrees_with_the_staff_list_column, setup, teardown),
        cmocka_unit_test_setup_teardown(long_term_vacancies_of_the_current_year_count_on_today,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

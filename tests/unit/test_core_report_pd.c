/* core/report_pd.c: the figures of the yearly report's table 12 for the
 * school year 2023./2024. (1.09.2023 – 31.08.2024) on the reference day
 * 31.05.2024, whose 36-hour window is 1.06.2021 … 31.05.2024. Expectations
 * are computed by hand in the comments; the edges are the first and last
 * days of the window and of the year. */
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
add_staff(struct test_fixture *fx, const char *name, const char *role, const char *vocational,
          const char *from, const char *until)
{
    const char *kv[13] = {"full_name", name, "role", role, "vocational", vocational};
    size_t n = 6;
    if (from) {
        kv[n++] = "employed_from";
        kv[n++] = from;
    }
    if (until) {
        kv[n++] = "employed_until";
        kv[n++] = until;
    }
    kv[n] = NULL;
    test_insert(fx->db, fx->school, &forms_kind_staff, kv);
}

static void
add_training(struct test_fixture *fx, const char *name, const char *date, const char *hours,
             const char *cost)
{
    const char *kv[13] = {"staff", name, "date", date, "title", "Kursi", "hours", hours};
    size_t n = 8;
    if (cost) {
        kv[n++] = "cost";
        kv[n++] = cost;
    }
    kv[n] = NULL;
    test_insert(fx->db, fx->school, &forms_kind_training, kv);
}

static sk_date
day(const char *iso)
{
    sk_date d;
    assert_true(sk_date_parse(iso, &d));
    return d;
}

static void
test_figures(void **state)
{
    struct test_fixture *fx = *state;
    /* Anna: vocational; 20 h on the window's first day + 16 h on the year's
     * first day = 36 h in the window (meets the rule), one training in the year */
    add_staff(fx, "Anna Ābele", "teacher", "1", "2010-09-01", NULL);
    add_training(fx, "Anna Ābele", "2021-06-01", "20", NULL);
    add_training(fx, "Anna Ābele", "2023-09-01", "16", "100.50");
    /* Bērziņš: vocational; 30 h the day before the window, 10 h in June 2024
     * (in the year, after the reference day): 0 h in the window, trained */
    add_staff(fx, "Jānis Bērziņš", "teacher", "1", NULL, NULL);
    add_training(fx, "Jānis Bērziņš", "2021-05-31", "30", NULL);
    add_training(fx, "Jānis Bērziņš", "2024-06-15", "10", "40");
    /* Cērps: not vocational; 5,25 h on the year's last day, no cost */
    add_staff(fx, "Ilze Cērpa", "teacher", "0", NULL, NULL);
    add_training(fx, "Ilze Cērpa", "2024-08-31", "5.25", NULL);
    /* Dace: vocational; 40 h the day before the year: meets the rule, not
     * trained in the year, its cost not the year's */
    add_staff(fx, "Dace Dūmiņa", "teacher", "1", NULL, NULL);
    add_training(fx, "Dace Dūmiņa", "2023-08-31", "40", "500");
    /* Egle left the day before the reference day: not counted as a
     * teacher, but her training in the year was paid for (10 h, 70 €) */
    add_staff(fx, "Egle Egle", "teacher", "1", "2015-01-01", "2024-05-30");
    add_training(fx, "Egle Egle", "2023-10-01", "10", "70");
    /* the head's training is not a teacher's */
    add_staff(fx, "Fricis Feldmanis", "head", "1", NULL, NULL);
    add_training(fx, "Fricis Feldmanis", "2023-10-01", "50", "1000");
    /* employed from the day after the reference day: not counted */
    add_staff(fx, "Gints Grava", "teacher", "1", "2024-06-01", NULL);

    struct core_pd_table t;
    struct sk_error err = {0};
    assert_true(core_report_pd(fx->db, fx->school, 2023, day("2024-05-31"), &t, &err));
    assert_int_equal(t.teachers, 4);              /* Anna, Bērziņš, Cērpa, Dūmiņa */
    assert_int_equal(t.vocational, 3);            /* Anna, Bērziņš, Dūmiņa */
    assert_int_equal(t.vocational_trained, 2);    /* Anna, Bērziņš */
    assert_int_equal(t.teachers_36h, 2);          /* Anna 36 h, Dūmiņa 40 h */
    assert_int_equal(t.trainings, 4);             /* Anna, Bērziņš, Cērpa, Egle */
    assert_int_equal(t.hours_thousandths, 41250); /* 16 + 10 + 5,25 + 10 */
    assert_true(t.has_cost);
    assert_int_equal(t.cost_cents, 21050); /* 100,50 + 40 + 70 */
}

static void
test_no_cost_no_staff(void **state)
{
    struct test_fixture *fx = *state;
    struct core_pd_table t;
    struct sk_error err = {0};
    assert_true(core_report_pd(fx->db, fx->school, 2023, day("2024-05-31"), &t, &err));
    assert_int_equal(t.teachers, 0);
    assert_int_equal(t.trainings, 0);
    assert_false(t.has_cost);
    /* trainings without a cost: the money is not known, not 0 € */
    add_staff(fx, "Anna Ābele", "teacher", "0", NULL, NULL);
    add_training(fx, "Anna Ābele", "2023-11-11", "8", NULL);
    assert_true(core_report_pd(fx->db, fx->school, 2023, day("2024-05-31"), &t, &err));
    assert_int_equal(t.teachers, 1);
    assert_int_equal(t.vocational, 0);
    assert_int_equal(t.trainings, 1);
    assert_int_equal(t.hours_thousandths, 8000);
    assert_false(t.has_cost);
    /* a cost of 0 € is a cost */
    add_training(fx, "Anna Ābele", "2023-11-12", "2", "0");
    assert_true(core_report_pd(fx->db, fx->school, 2023, day("2024-05-31"), &t, &err));
    assert_true(t.has_cost);
    assert_int_equal(t.cost_cents, 0);
}

static void
test_graduation_year(void **state)
{
    (void)state;
    assert_int_equal(forms_cohort_graduation_year(2020, 4000), 2023); /* 4 years */
    assert_int_equal(forms_cohort_graduation_year(2022, 1500), 2023); /* 1,5 years */
    assert_int_equal(forms_cohort_graduation_year(2021, 3000), 2023);
    assert_int_equal(forms_cohort_graduation_year(2023, 500), 2023); /* half a year */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_figures, test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(test_no_cost_no_staff, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test(test_graduation_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* core_obs_coverage: who counts as a teacher of the year (employed in it,
 * role teacher, or observed as one), their subjects/areas, and the same
 * answer whether the storage takes the counts from the pass the summary
 * made just before (its stash) or asks SQLite afresh; the summary's figures
 * are its counts. */
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
sheet(struct test_fixture *fx, const char *date, const char *teacher, const char *status)
{
    test_insert(fx->db, fx->school, &forms_kind_observation,
                (const char *const[]){"date", date, "teacher", teacher, "group", "7.b", "subject",
                                      "Māksla", "area", "Kultūra", "status", status, NULL});
}

static int
setup(void **state)
{
    if (test_fixture_open(state) != 0)
        return -1;
    struct test_fixture *fx = *state;
    struct storage_db *db = fx->db;
    int64_t s = fx->school;
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Anna Ābele", "role", "teacher", "areas",
                                      "Tekstils, \"dizains\"", NULL});
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Bruno Bērziņš", "role", "teacher", "areas",
                                      "Matemātika", NULL});
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Bruno Bērziņš-Kalns", "role", "teacher", NULL});
    /* left before the year: not one of its teachers */
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Gatis Aizgājis", "role", "teacher",
                                      "employed_from", "2012-09-01", "employed_until", "2023-06-30",
                                      NULL});
    /* came in January: one of them */
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Mārtiņš Jaunais", "role", "teacher",
                                      "employed_from", "2024-01-10", NULL});
    /* not a teacher, but observed as one: counted */
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Olga Psiholoģe", "role", "psychologist", NULL});
    test_insert(db, s, &forms_kind_staff,
                (const char *const[]){"full_name", "Ieva Rozīte", "role", "deputy_head", NULL});
    sheet(fx, "2023-10-01", "Anna Ābele", "final");
    sheet(fx, "2024-02-01", "Anna Ābele", "final");
    sheet(fx, "2023-11-01", "Olga Psiholoģe", "final");
    sheet(fx, "2023-11-02", "Bruno Bērziņš", "draft");       /* drafts do not count */
    sheet(fx, "2023-08-31", "Bruno Bērziņš-Kalns", "final"); /* the year before */
    return 0;
}

static void
check(const struct core_obs_coverage *c)
{
    /* fewest first, then by name */
    static const char *const names[] = {"Bruno Bērziņš", "Bruno Bērziņš-Kalns", "Mārtiņš Jaunais",
                                        "Olga Psiholoģe", "Anna Ābele"};
    static const int64_t counts[] = {0, 0, 0, 1, 2};
    assert_int_equal(c->n, 5);
    for (size_t i = 0; i < c->n; i++) {
        assert_string_equal(c->teachers[i].name, names[i]);
        assert_int_equal(c->teachers[i].count, counts[i]);
    }
    assert_string_equal(c->teachers[0].areas, "Matemātika");
    assert_string_equal(c->teachers[1].areas, "");
    assert_string_equal(c->teachers[4].areas, "Tekstils, \"dizains\"");
    assert_int_equal(c->observed, 2);
    assert_int_equal(c->not_observed, 3);
    assert_int_equal(c->below, 4); /* fewer than 2 each */
    assert_int_equal(c->targets.per_teacher, 2);
}

static void
same_count_fresh_and_after_the_summary_pass(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    test_insert(fx->db, fx->school, &forms_kind_school_year,
                (const char *const[]){"year", "2023", "teachers", "6",
                                      "observations_per_teacher_target", "2", NULL});
    struct core_obs_coverage c;
    /* afresh: nothing computed before */
    assert_true(core_obs_coverage(fx->db, fx->school, 2023, &c, &err));
    check(&c);
    core_obs_coverage_fini(&c);
    /* right after the summary's pass over the same year */
    struct storage_obs_stats st;
    assert_true(storage_obs_stats(fx->db, fx->school, sk_date_from_ymd(2023, 9, 1),
                                  sk_date_from_ymd(2024, 9, 1), &st, &err));
    assert_int_equal(st.teachers_observed, 2);
    assert_true(core_obs_coverage(fx->db, fx->school, 2023, &c, &err));
    check(&c);
    core_obs_coverage_fini(&c);
    /* and the summary says the same */
    struct core_summary s;
    memset(&s, 0, sizeof s);
    assert_true(
        core_summary_compute(fx->db, fx->school, 2023, SK_DATE_NONE, CS_OBSERVATIONS, &s, &err));
    int seen = 0;
    for (size_t i = 0; i < s.n; i++) {
        const struct core_figure *f = &s.figs[i];
        if (strcmp(f->metric, "observations.teachers_observed") == 0)
            assert_true(f->num == 2 && ++seen);
        if (strcmp(f->metric, "observations.not_observed") == 0)
            assert_true(f->num == 3 && ++seen);
        if (strcmp(f->metric, "observations.below_target") == 0)
            assert_true(f->num == 4 && ++seen);
    }
    assert_int_equal(seen, 3);
    core_summary_fini(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(same_count_fresh_and_after_the_summary_pass, setup,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

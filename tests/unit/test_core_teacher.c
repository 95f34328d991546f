/* core/teacher.c: one teacher's record across years on a small data set
 * built here, checked against hand-computed shares: drafts listed but not
 * counted, a criterion not on the sheet's template not counted, the
 * school's share of the same year beside the teacher's, and a name that is
 * part of a longer name finding only its owner. */
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
add_staff(struct test_fixture *fx, const char *name)
{
    return test_insert(fx->db, fx->school, &forms_kind_staff,
                       (const char *const[]){"full_name", name, "role", "teacher", NULL});
}

/* One sheet. ticks: 17 characters '1', '0' or '-' (not assessed). */
static void
add_sheet(struct test_fixture *fx, const char *date, const char *teacher, const char *status,
          const char *ticks, const char *comment)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    forms_record_defaults(&rec);
    test_set(&rec, "date", date);
    test_set(&rec, "teacher", teacher);
    test_set(&rec, "observer", "Bruno Bērziņš");
    test_set(&rec, "group", "T-21");
    test_set(&rec, "subject", "Šūšana");
    test_set(&rec, "area", "Tekstils");
    test_set(&rec, "status", status);
    if (comment)
        test_set(&rec, "comment_1", comment);
    assert_int_equal(strlen(ticks), forms_observation_n_crit);
    for (size_t i = 0; i < forms_observation_n_crit; i++)
        if (ticks[i] != '-')
            forms_value_set_int(&rec.values[forms_observation_first_crit + i], ticks[i] == '1');
    if (!storage_record_insert(fx->db, fx->school, &rec, &err))
        fail_msg("sheet: %s", err.msg);
    forms_record_fini(&rec);
}

static int64_t anna, kalnina;

static int
setup(void **state)
{
    struct test_fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("T", "Test", NULL, &fx->school);
    anna = add_staff(fx, "Anna Ābele");
    kalnina = add_staff(fx, "Anna Ābele-Kalniņa");
    add_staff(fx, "Bruno Bērziņš");
    /*                                          1.1-3 2.1-4 3.1-4 4.1-6 */
    add_sheet(fx, "2023-09-15", "Anna Ābele", "final", "11111111111111111", "Labi <b>");
    add_sheet(fx, "2024-02-01", "Anna Ābele", "final", "10101111111111110", NULL);
    add_sheet(fx, "2024-03-01", "Anna Ābele", "draft", "00000000000000000", NULL);
    add_sheet(fx, "2023-11-01", "Anna Ābele-Kalniņa", "final", "00000000000000000", NULL);
    add_sheet(fx, "2024-09-20", "Anna Ābele", "final", "0111111111111111-", NULL);
    add_sheet(fx, "2024-10-05", "Bruno Bērziņš", "final", "11111111111111111", NULL);
    *state = fx;
    return 0;
}

static const struct core_teacher_share *
share(const struct core_teacher_record *r, int year, const char *code)
{
    int field = forms_observation_crit_field(code);
    for (size_t i = 0; i < r->n_shares; i++)
        if (r->shares[i].year == year && r->shares[i].field == field)
            return &r->shares[i];
    return NULL;
}

static void
expect_share(const struct core_teacher_record *r, int year, const char *code, int64_t t, int64_t ta,
             int64_t s, int64_t sa)
{
    const struct core_teacher_share *x = share(r, year, code);
    if (!x)
        fail_msg("no share for %s in %d", code, year);
    if (x->ticked != t || x->assessed != ta || x->school_ticked != s || x->school_assessed != sa)
        fail_msg("%d %s: %lld/%lld beside %lld/%lld, expected %lld/%lld beside %lld/%lld", year,
                 code, (long long)x->ticked, (long long)x->assessed, (long long)x->school_ticked,
                 (long long)x->school_assessed, (long long)t, (long long)ta, (long long)s,
                 (long long)sa);
}

static void
record_lists_every_sheet_by_date(void **state)
{
    struct test_fixture *fx = *state;
    struct core_teacher_record r;
    struct sk_error err = {0};
    assert_true(core_teacher_record(fx->db, fx->school, anna, true, &r, &err));
    assert_string_equal(r.name, "Anna Ābele");
    assert_int_equal(r.n_sheets, 4); /* not Anna Ābele-Kalniņa's */
    assert_int_equal(r.sheets[0].year, 2023);
    assert_int_equal(r.sheets[0].met, 17);
    assert_int_equal(r.sheets[0].of, 17);
    assert_string_equal(r.sheets[0].observer, "Bruno Bērziņš");
    assert_string_equal(r.sheets[0].comments, "1. Komentāri: Labi <b>");
    assert_int_equal(r.sheets[1].met, 14);
    assert_false(r.sheets[2].is_final);
    assert_int_equal(r.sheets[3].year, 2024);
    assert_int_equal(r.sheets[3].met, 15);
    assert_int_equal(r.sheets[3].of, 16);
    assert_string_equal(r.sheets[1].comments, "");
    core_teacher_record_fini(&r);
}

static void
shares_beside_the_school_in_the_same_year(void **state)
{
    struct test_fixture *fx = *state;
    struct core_teacher_record r;
    struct sk_error err = {0};
    assert_true(core_teacher_record(fx->db, fx->school, anna, true, &r, &err));
    /* 2023./2024.: Anna's finals 15.09 and 01.02 (not the draft); the
     * school's: those and Anna Ābele-Kalniņa's 01.11 */
    expect_share(&r, 2023, "1.1", 2, 2, 2, 3);
    expect_share(&r, 2023, "1.2", 1, 2, 1, 3);
    expect_share(&r, 2023, "2.1", 1, 2, 1, 3);
    expect_share(&r, 2023, "2.2", 2, 2, 2, 3);
    expect_share(&r, 2023, "4.6", 1, 2, 1, 3);
    /* 2024./2025.: Anna's 20.09 (4.6 not assessed) and Bruno's 05.10 */
    expect_share(&r, 2024, "1.1", 0, 1, 1, 2);
    expect_share(&r, 2024, "1.2", 1, 1, 2, 2);
    assert_null(share(&r, 2024, "4.6"));
    assert_int_equal(r.n_shares, 17 + 16);
    /* years in order */
    for (size_t i = 1; i < r.n_shares; i++)
        assert_true(r.shares[i - 1].year <= r.shares[i].year);
    core_teacher_record_fini(&r);
}

static void
one_sheet_counts_in_its_own_year(void **state)
{
    struct test_fixture *fx = *state;
    int64_t id = 0;
    struct sk_error err = {0};
    assert_true(core_teacher_find(fx->db, fx->school, "Bruno Bērziņš", &id, &err));
    struct core_teacher_record r;
    assert_true(core_teacher_record(fx->db, fx->school, id, false, &r, &err));
    assert_int_equal(r.n_sheets, 1);
    assert_int_equal(r.n_shares, 17);
    expect_share(&r, 2024, "1.1", 1, 1, 1, 2);
    core_teacher_record_fini(&r);
}

static void
names_find_their_owner_only(void **state)
{
    struct test_fixture *fx = *state;
    int64_t id = 0;
    struct sk_error err = {0};
    assert_true(core_teacher_find(fx->db, fx->school, "Anna Ābele", &id, &err));
    assert_int_equal(id, anna);
    assert_true(core_teacher_find(fx->db, fx->school, "anna abele-kalnina", &id, &err));
    assert_int_equal(id, kalnina);
    assert_false(core_teacher_find(fx->db, fx->school, "Anna", &id, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(id, 0);
    assert_non_null(strstr(err.msg, "Anna Ābele"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(record_lists_every_sheet_by_date, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(shares_beside_the_school_in_the_same_year, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(one_sheet_counts_in_its_own_year, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(names_find_their_owner_only, setup, test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

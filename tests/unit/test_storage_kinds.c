/* The storage and core parts of the staff and yearly kinds: PD hours per
 * staff member in a window, the per-school settings (current year), refusing
 * to delete a referenced staff member, filling the year's self-assessment
 * table, and the demo data of these kinds. Fresh ":memory:" database each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"
#include "testlib.h"

static int64_t
add_staff(struct test_fixture *fx, const char *name)
{
    return test_insert(fx->db, fx->school, &forms_kind_staff,
                       (const char *const[]){"full_name", name, NULL});
}

/* The natural key needs a different title per day: the title is the date. */
static void
add_training(struct test_fixture *fx, const char *staff, const char *date, const char *hours)
{
    test_insert(
        fx->db, fx->school, &forms_kind_training,
        (const char *const[]){"staff", staff, "date", date, "title", date, "hours", hours, NULL});
}

static int64_t
pd_hours(struct test_fixture *fx, int64_t staff, sk_date reference)
{
    struct sk_error err = {0};
    sk_date first, last;
    int64_t h = -1;
    forms_pd_window(reference, &first, &last);
    if (!storage_staff_pd_hours(fx->db, fx->school, staff, first, last, &h, &err))
        fail_msg("pd: %s", err.msg);
    return h;
}

static void
pd_hours_count_both_ends_of_the_window(void **state)
{
    struct test_fixture *fx = *state;
    int64_t anna = add_staff(fx, "Anna Kalniņa");
    int64_t janis = add_staff(fx, "Jānis Bērziņš");
    add_training(fx, "Anna Kalniņa", "2021-09-01", "100"); /* the day before the window */
    add_training(fx, "Anna Kalniņa", "2021-09-02", "12");  /* first day */
    add_training(fx, "Anna Kalniņa", "2023-12-31", "8,5");
    add_training(fx, "Anna Kalniņa", "2024-01-01", "16");
    add_training(fx, "Anna Kalniņa", "2024-09-01", "4");  /* the reference day */
    add_training(fx, "Anna Kalniņa", "2024-09-02", "50"); /* after it */
    add_training(fx, "Jānis Bērziņš", "2024-03-01", "6");
    /* 12 + 8.5 + 16 + 4 = 40.5 hours */
    assert_int_equal(pd_hours(fx, anna, sk_date_from_ymd(2024, 9, 1)), 40500);
    assert_int_equal(pd_hours(fx, janis, sk_date_from_ymd(2024, 9, 1)), 6000);
    /* a year later only 2023-12-31 .. 2024-09-02 remain: 8.5 + 16 + 4 + 50 */
    assert_int_equal(pd_hours(fx, anna, sk_date_from_ymd(2025, 9, 1)), 78500);
}

static void
pd_hours_on_a_leap_day_reference(void **state)
{
    struct test_fixture *fx = *state;
    int64_t anna = add_staff(fx, "Anna Kalniņa");
    add_training(fx, "Anna Kalniņa", "2021-02-28", "10"); /* outside: the window starts 1.03 */
    add_training(fx, "Anna Kalniņa", "2021-03-01", "20");
    add_training(fx, "Anna Kalniņa", "2024-02-29", "16");
    assert_int_equal(pd_hours(fx, anna, sk_date_from_ymd(2024, 2, 29)), 36000);
    /* nobody without trainings has hours */
    assert_int_equal(pd_hours(fx, add_staff(fx, "Ilze Ozola"), sk_date_from_ymd(2024, 2, 29)), 0);
}

static void
current_year_is_unset_until_chosen_and_audited(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int year = -1;
    assert_true(storage_current_year(fx->db, fx->school, &year, &err));
    assert_int_equal(year, 0);
    assert_true(storage_set_current_year(fx->db, fx->school, 2023, &err));
    assert_true(storage_current_year(fx->db, fx->school, &year, &err));
    assert_int_equal(year, 2023);
    assert_true(storage_set_current_year(fx->db, fx->school, 2024, &err));
    assert_true(storage_current_year(fx->db, fx->school, &year, &err));
    assert_int_equal(year, 2024);
    assert_false(storage_set_current_year(fx->db, fx->school, 1999, &err));
    assert_int_equal(err.code, SK_EINVAL);
    struct storage_audit_entry *a = NULL;
    size_t n = 0;
    assert_true(storage_audit_list(fx->db, "settings", 0, &a, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(a[0].field, "current_year");
    assert_null(a[0].old_value);
    assert_string_equal(a[0].new_value, "2023");
    assert_string_equal(a[1].old_value, "2023");
    assert_string_equal(a[1].new_value, "2024");
    storage_audit_free(a, n);
}

static void
deleting_a_referenced_staff_member_says_where(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t anna = add_staff(fx, "Anna Kalniņa");
    add_training(fx, "Anna Kalniņa", "2024-03-01", "6");
    add_training(fx, "Anna Kalniņa", "2024-03-02", "6");
    assert_false(storage_record_delete(fx->db, &forms_kind_staff, fx->school, anna, 0, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_non_null(strstr(err.msg, "2 records"));
    assert_non_null(strstr(err.msg, "Trainings"));
    /* someone unreferenced goes */
    int64_t ilze = add_staff(fx, "Ilze Ozola");
    sk_error_clear(&err);
    assert_true(storage_record_delete(fx->db, &forms_kind_staff, fx->school, ilze, 0, &err));
}

static void
filling_a_year_adds_every_missing_indicator_once(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_assessment);
    forms_record_defaults(&rec);
    test_set(&rec, "year", "2024");
    test_set(&rec, "indicator_code", "4.1.3");
    test_set(&rec, "strengths", "Personāla plānošana");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    forms_record_fini(&rec);
    size_t added = 0;
    assert_true(core_fill_year(fx->db, &forms_kind_assessment, fx->school, 2024, &added, &err));
    assert_int_equal(added, 28); /* 29 indicators, one was there */
    assert_true(core_fill_year(fx->db, &forms_kind_assessment, fx->school, 2024, &added, &err));
    assert_int_equal(added, 0);
    struct storage_query q = {
        .kind = &forms_kind_assessment, .school_id = fx->school, .sort_field = -1, .year = 2024};
    int64_t n = 0;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 29);
    q.year = 2023;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 0);
    /* priorities are not a table of fixed rows */
    assert_false(core_fill_year(fx->db, &forms_kind_priority, fx->school, 2024, &added, &err));
    assert_int_equal(err.code, SK_EINVAL);
}

static int64_t
count(struct test_fixture *fx, const struct forms_kind *kind, int year)
{
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = kind, .school_id = fx->school, .sort_field = -1, .year = year};
    int64_t n = -1;
    if (!storage_count(fx->db, &q, NULL, &n, &err))
        fail_msg("count: %s", err.msg);
    return n;
}

static void
demo_fills_every_kind(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = 0;
    storage_close(fx->db);
    fx->db = storage_open(":memory:", SO_CREATE, &err);
    assert_true(core_demo(fx->db, 1, &id, &err));
    fx->school = id;
    assert_true(count(fx, &forms_kind_staff, 0) >= 100);
    assert_true(count(fx, &forms_kind_training, 0) >= 200);
    assert_int_equal(count(fx, &forms_kind_vacancy, 0), 13);
    /* today is 15.11.2024: 2023./2024. whole, 2024./2025. up to today
     * (380 × 76 / 287 days of the consultation season) */
    assert_int_equal(count(fx, &forms_kind_consultation, 2023), 380);
    assert_int_equal(count(fx, &forms_kind_consultation, 2024), 100);
    assert_int_equal(count(fx, &forms_kind_assessment, 2023), 29);
    assert_int_equal(count(fx, &forms_kind_assessment, 2024), 29);
    assert_int_equal(count(fx, &forms_kind_priority, 2023), 3);
    assert_int_equal(count(fx, &forms_kind_priority, 2024), 2);

    /* ten vacancies are long-term on 15.11.2024 */
    struct storage_query q = {.kind = &forms_kind_vacancy, .school_id = id, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_vacancy);
    int long_term = 0;
    while (storage_iter_next(it, &rec, &err) == 1) {
        sk_date closed = rec.values[3].is_set ? (sk_date)rec.values[3].i : SK_DATE_NONE;
        long_term += forms_vacancy_is_long_term((sk_date)rec.values[2].i, closed,
                                                sk_date_from_ymd(2024, 11, 15));
    }
    storage_iter_close(it);
    forms_record_fini(&rec);
    assert_int_equal(long_term, 10);

    /* running it again adds nothing */
    int64_t staff = count(fx, &forms_kind_staff, 0), trainings = count(fx, &forms_kind_training, 0);
    assert_true(core_demo(fx->db, 1, &id, &err));
    assert_int_equal(count(fx, &forms_kind_staff, 0), staff);
    assert_int_equal(count(fx, &forms_kind_training, 0), trainings);
    assert_int_equal(count(fx, &forms_kind_consultation, 0), 480);
}

int
main(void)
{
    /* the demo is laid out around today's school year: pin it as the CLI
     * and TUI tests do */
    setenv("SKOLA_TODAY", "2024-11-15", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pd_hours_count_both_ends_of_the_window, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(pd_hours_on_a_leap_day_reference, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(current_year_is_unset_until_chosen_and_audited,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(deleting_a_referenced_staff_member_says_where,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(filling_a_year_adds_every_missing_indicator_once,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(demo_fills_every_kind, test_fixture_open,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

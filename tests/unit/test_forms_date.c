/* Dates: parsing the three accepted forms, the calendar, school years. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "forms/forms.h"

static sk_date
ymd(int y, int m, int d)
{
    return sk_date_from_ymd(y, m, d);
}

static void
epoch_is_day_zero(void **state)
{
    (void)state;
    assert_int_equal(ymd(1970, 1, 1), 0);
    assert_int_equal(ymd(1970, 1, 2), 1);
    assert_int_equal(ymd(1969, 12, 31), -1);
    assert_int_equal(ymd(2000, 3, 1), 11017);
}

static void
days_round_trip_through_ymd(void **state)
{
    (void)state;
    for (sk_date day = ymd(1899, 1, 1); day <= ymd(2101, 12, 31); day++) {
        int y, m, d;
        sk_date_to_ymd(day, &y, &m, &d);
        assert_true(sk_date_valid(y, m, d));
        assert_int_equal(ymd(y, m, d), day);
    }
}

static void
leap_years_follow_the_gregorian_rule(void **state)
{
    (void)state;
    assert_true(sk_date_valid(2024, 2, 29));
    assert_false(sk_date_valid(2023, 2, 29));
    assert_true(sk_date_valid(2000, 2, 29));
    assert_false(sk_date_valid(1900, 2, 29));
    assert_false(sk_date_valid(2100, 2, 29));
    assert_int_equal(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
    assert_int_equal(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);
}

static void
parse_accepts_iso(void **state)
{
    (void)state;
    sk_date day;
    assert_true(sk_date_parse("2024-09-01", &day));
    assert_int_equal(day, ymd(2024, 9, 1));
}

static void
parse_accepts_latvian_form(void **state)
{
    (void)state;
    sk_date day;
    assert_true(sk_date_parse("01.09.2024", &day));
    assert_int_equal(day, ymd(2024, 9, 1));
}

static void
parse_accepts_short_latvian_form(void **state)
{
    (void)state;
    sk_date day;
    assert_true(sk_date_parse("1.9.2024", &day));
    assert_int_equal(day, ymd(2024, 9, 1));
}

static void
parse_accepts_trailing_dot_after_year(void **state)
{
    (void)state;
    sk_date day;
    assert_true(sk_date_parse("1.9.2024.", &day));
    assert_int_equal(day, ymd(2024, 9, 1));
}

static void
parse_accepts_leap_day_of_leap_year(void **state)
{
    (void)state;
    sk_date day;
    assert_true(sk_date_parse("29.02.2024", &day));
    assert_int_equal(day, ymd(2024, 2, 29));
    assert_true(sk_date_parse("2000-02-29", &day));
}

static void
parse_rejects_31_february(void **state)
{
    (void)state;
    sk_date day;
    assert_false(sk_date_parse("31.02.2024", &day));
}

static void
parse_rejects_leap_day_of_common_year(void **state)
{
    (void)state;
    sk_date day;
    assert_false(sk_date_parse("29.02.2023", &day));
    assert_false(sk_date_parse("1900-02-29", &day));
}

static void
parse_rejects_month_13(void **state)
{
    (void)state;
    sk_date day;
    assert_false(sk_date_parse("2024-13-01", &day));
    assert_false(sk_date_parse("01.13.2024", &day));
    assert_false(sk_date_parse("00.01.2024", &day));
}

static void
parse_rejects_garbage_and_trailing_junk(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",           "abc",       "2024",        "2024-9-1",  "2024-09-01x",
        "1.9.2024x",  "1.9.24",    "1.9.2024..",  "1/9/2024",  "1..2024",
        "123.1.2024", " 1.9.2024", "2024-09-01 ", "-1.9.2024",
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(bad); i++) {
        sk_date day;
        if (sk_date_parse(bad[i], &day))
            fail_msg("accepted \"%s\"", bad[i]);
    }
}

static void
format_writes_iso_and_latvian_forms(void **state)
{
    (void)state;
    char buf[11];
    sk_date_format(ymd(2024, 9, 1), true, buf);
    assert_string_equal(buf, "2024-09-01");
    sk_date_format(ymd(2024, 9, 1), false, buf);
    assert_string_equal(buf, "01.09.2024");
}

static void
add_months_clamps_to_month_end(void **state)
{
    (void)state;
    assert_int_equal(sk_date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
    assert_int_equal(sk_date_add_months(ymd(2023, 1, 31), 1), ymd(2023, 2, 28));
    assert_int_equal(sk_date_add_months(ymd(2024, 11, 15), 3), ymd(2025, 2, 15));
    assert_int_equal(sk_date_add_months(ymd(2024, 3, 31), -1), ymd(2024, 2, 29));
    assert_int_equal(sk_date_add_months(ymd(2024, 1, 10), -13), ymd(2022, 12, 10));
}

static void
years_between_follows_birthday_rule(void **state)
{
    (void)state;
    assert_int_equal(sk_date_years_between(ymd(2021, 9, 1), ymd(2024, 8, 31)), 2);
    assert_int_equal(sk_date_years_between(ymd(2021, 9, 1), ymd(2024, 9, 1)), 3);
    assert_int_equal(sk_date_years_between(ymd(2024, 9, 1), ymd(2021, 9, 1)), -3);
    assert_int_equal(sk_date_years_between(ymd(2020, 2, 29), ymd(2021, 2, 28)), 0);
    assert_int_equal(sk_date_years_between(ymd(2020, 2, 29), ymd(2021, 3, 1)), 1);
}

static void
school_year_starts_on_first_of_september(void **state)
{
    (void)state;
    assert_int_equal(sk_date_school_year(ymd(2023, 9, 1)), 2023);
    assert_int_equal(sk_date_school_year(ymd(2024, 8, 31)), 2023);
    assert_int_equal(sk_date_school_year(ymd(2024, 1, 15)), 2023);
    assert_int_equal(sk_date_school_year(ymd(2023, 8, 31)), 2022);
}

static void
today_honours_skola_today(void **state)
{
    (void)state;
    setenv("SKOLA_TODAY", "2024-02-29", 1);
    assert_int_equal(sk_date_today(), ymd(2024, 2, 29));
    unsetenv("SKOLA_TODAY");
    assert_true(sk_date_today() > ymd(2020, 1, 1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(epoch_is_day_zero),
        cmocka_unit_test(days_round_trip_through_ymd),
        cmocka_unit_test(leap_years_follow_the_gregorian_rule),
        cmocka_unit_test(parse_accepts_iso),
        cmocka_unit_test(parse_accepts_latvian_form),
        cmocka_unit_test(parse_accepts_short_latvian_form),
        cmocka_unit_test(parse_accepts_trailing_dot_after_year),
        cmocka_unit_test(parse_accepts_leap_day_of_leap_year),
        cmocka_unit_test(parse_rejects_31_february),
        cmocka_unit_test(parse_rejects_leap_day_of_common_year),
        cmocka_unit_test(parse_rejects_month_13),
        cmocka_unit_test(parse_rejects_garbage_and_trailing_junk),
        cmocka_unit_test(format_writes_iso_and_latvian_forms),
        cmocka_unit_test(add_months_clamps_to_month_end),
        cmocka_unit_test(years_between_follows_birthday_rule),
        cmocka_unit_test(school_year_starts_on_first_of_september),
        cmocka_unit_test(today_honours_skola_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

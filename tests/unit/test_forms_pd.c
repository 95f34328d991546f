/* Computed values of the staff kinds: long-term vacancies, the three-year
 * window of the 36-hour professional-development rule (year boundaries and
 * leap days), which roles it applies to, and the consultation editor's
 * warning about pupils' full names. Expected values are worked out by hand
 * in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static sk_date
d(int y, int m, int day)
{
    return sk_date_from_ymd(y, m, day);
}

static size_t
role(const char *key)
{
    for (size_t i = 0; i < forms_n_staff_roles; i++)
        if (strcmp(forms_staff_roles[i].key, key) == 0)
            return i;
    fail_msg("no role %s", key);
    return 0;
}

static void
vacancy_open_exactly_one_month_is_not_long_term(void **state)
{
    (void)state;
    /* 15.09 + 1 month = 15.10: long-term only from 16.10 */
    assert_false(forms_vacancy_is_long_term(d(2024, 9, 15), SK_DATE_NONE, d(2024, 10, 15)));
    assert_true(forms_vacancy_is_long_term(d(2024, 9, 15), SK_DATE_NONE, d(2024, 10, 16)));
}

static void
vacancy_month_from_31_january_ends_on_leap_day(void **state)
{
    (void)state;
    /* 31.01.2024 + 1 month = 29.02.2024 (clamped): long-term from 1 March */
    assert_false(forms_vacancy_is_long_term(d(2024, 1, 31), SK_DATE_NONE, d(2024, 2, 29)));
    assert_true(forms_vacancy_is_long_term(d(2024, 1, 31), SK_DATE_NONE, d(2024, 3, 1)));
    /* 2023 is no leap year: 31.01.2023 + 1 month = 28.02.2023 */
    assert_true(forms_vacancy_is_long_term(d(2023, 1, 31), SK_DATE_NONE, d(2023, 3, 1)));
    assert_false(forms_vacancy_is_long_term(d(2023, 1, 31), SK_DATE_NONE, d(2023, 2, 28)));
}

static void
vacancy_closed_by_the_reference_date_is_not_long_term(void **state)
{
    (void)state;
    assert_false(forms_vacancy_is_long_term(d(2024, 1, 8), d(2024, 5, 31), d(2024, 9, 1)));
    /* closed after the reference date: it was still open then */
    assert_true(forms_vacancy_is_long_term(d(2024, 1, 8), d(2024, 9, 30), d(2024, 9, 1)));
    /* opened after the reference date: not a vacancy yet */
    assert_false(forms_vacancy_is_long_term(d(2024, 10, 1), SK_DATE_NONE, d(2024, 9, 1)));
}

static void
pd_window_is_three_years_ending_on_the_reference_day(void **state)
{
    (void)state;
    sk_date first, last;
    forms_pd_window(d(2024, 9, 1), &first, &last);
    assert_int_equal(first, d(2021, 9, 2));
    assert_int_equal(last, d(2024, 9, 1));
}

static void
pd_window_crosses_the_calendar_year_boundary(void **state)
{
    (void)state;
    sk_date first, last;
    /* 1 January 2025: from 2 January 2022; 31 December: from 1 January */
    forms_pd_window(d(2025, 1, 1), &first, &last);
    assert_int_equal(first, d(2022, 1, 2));
    assert_int_equal(last, d(2025, 1, 1));
    forms_pd_window(d(2024, 12, 31), &first, &last);
    assert_int_equal(first, d(2022, 1, 1));
}

static void
pd_window_on_a_leap_day_starts_on_1_march(void **state)
{
    (void)state;
    sk_date first, last;
    /* 29.02.2024 - 3 years = 28.02.2021 (no 29.02.2021); the window starts the day after */
    forms_pd_window(d(2024, 2, 29), &first, &last);
    assert_int_equal(first, d(2021, 3, 1));
    assert_int_equal(last, d(2024, 2, 29));
    /* 28.02.2027 - 3 years = 28.02.2024: the leap day 29.02.2024 is inside */
    forms_pd_window(d(2027, 2, 28), &first, &last);
    assert_int_equal(first, d(2024, 2, 29));
    /* 1.03.2027 - 3 years = 1.03.2024: the window starts on 2 March */
    forms_pd_window(d(2027, 3, 1), &first, &last);
    assert_int_equal(first, d(2024, 3, 2));
}

static void
pd_rule_applies_to_pedagogues_only(void **state)
{
    (void)state;
    assert_true(forms_staff_role_needs_pd(role("teacher")));
    assert_true(forms_staff_role_needs_pd(role("deputy_head")));
    assert_true(forms_staff_role_needs_pd(role("psychologist")));
    assert_false(forms_staff_role_needs_pd(role("nurse")));
    assert_false(forms_staff_role_needs_pd(role("it_admin")));
    assert_false(forms_staff_role_needs_pd(forms_n_staff_roles));
}

static void
full_names_are_told_from_pseudonyms(void **state)
{
    (void)state;
    assert_true(forms_looks_like_full_name("Anna Kalniņa"));
    assert_true(forms_looks_like_full_name("Ēriks Bērziņš-Ozols"));
    assert_false(forms_looks_like_full_name("P-017"));
    assert_false(forms_looks_like_full_name("3B"));
    assert_false(forms_looks_like_full_name("anna kalniņa"));
    assert_false(forms_looks_like_full_name("IT 2A"));
    assert_false(forms_looks_like_full_name("Anna"));
}

/* The warning of the consultation kind for recipient_kind and recipient. */
static bool
warns(const char *recipient_kind, const char *recipient)
{
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_consultation);
    forms_record_defaults(&rec);
    int k = forms_field_index(&forms_kind_consultation, "recipient_kind");
    int r = forms_field_index(&forms_kind_consultation, "recipient");
    assert_true(forms_value_parse(&rec.kind->fields[k], recipient_kind, &rec.values[k], &err));
    assert_true(forms_value_parse(&rec.kind->fields[r], recipient, &rec.values[r], &err));
    char msg[512] = "";
    const char *field = NULL;
    assert_non_null(forms_kind_consultation.warn);
    bool w = forms_kind_consultation.warn(&rec, msg, sizeof msg, &field);
    if (w) {
        assert_string_equal(field, "recipient");
        assert_non_null(strstr(msg, recipient));
    }
    forms_record_fini(&rec);
    return w;
}

static void
consultation_warns_about_a_pupils_full_name(void **state)
{
    (void)state;
    assert_true(warns("pupil", "Anna Kalniņa"));
    assert_false(warns("pupil", "P-017"));
    assert_false(warns("parent", "Anna Kalniņa"));
}

static void
consultation_remembers_consultant_form_and_minutes(void **state)
{
    (void)state;
    const char *remembered[] = {"consultant", "form", "minutes"};
    for (size_t i = 0; i < SK_ARRAY_LEN(remembered); i++) {
        int f = forms_field_index(&forms_kind_consultation, remembered[i]);
        assert_true(f >= 0);
        assert_true(forms_kind_consultation.fields[f].flags & FF_REMEMBER);
    }
    int date = forms_field_index(&forms_kind_consultation, "date");
    assert_true(forms_kind_consultation.fields[date].flags & FF_TODAY);
    int recipient = forms_field_index(&forms_kind_consultation, "recipient");
    assert_false(forms_kind_consultation.fields[recipient].flags & FF_REMEMBER);
}

static void
personal_codes_are_recognised(void **state)
{
    (void)state;
    assert_true(forms_has_personal_code("120385-10245"));
    assert_true(forms_has_personal_code("p.k. 32123412345, 2A"));
    assert_true(forms_has_personal_code("Anna 010190-12345"));
    assert_false(forms_has_personal_code("tālr. 26123456"));
    assert_false(forms_has_personal_code("8.1.2.0/17/I/001"));
    assert_false(forms_has_personal_code("1234567-12345")); /* 7 digits first */
    assert_false(forms_has_personal_code("120385-102456")); /* 6 digits after */
    assert_false(forms_has_personal_code(NULL));
}

static void
staff_and_consultations_refuse_personal_codes(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    forms_record_defaults(&rec);
    int name = forms_field_index(&forms_kind_staff, "full_name");
    int areas = forms_field_index(&forms_kind_staff, "areas");
    assert_true(
        forms_value_parse(&rec.kind->fields[name], "Anna Kalniņa", &rec.values[name], &err));
    assert_true(forms_record_validate(&rec, &err));
    assert_true(forms_value_parse(&rec.kind->fields[areas], "Fizika 120385-10245",
                                  &rec.values[areas], &err));
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "areas");
    forms_record_fini(&rec);

    forms_record_init(&rec, &forms_kind_consultation);
    forms_record_defaults(&rec);
    const char *cells[][2] = {{"date", "2024-09-12"},
                              {"consultant", "Anna Kalniņa"},
                              {"topic", "career"},
                              {"recipient", "P-017"}};
    for (size_t i = 0; i < SK_ARRAY_LEN(cells); i++) {
        int f = forms_field_index(&forms_kind_consultation, cells[i][0]);
        assert_true(forms_value_parse(&rec.kind->fields[f], cells[i][1], &rec.values[f], &err));
    }
    sk_error_clear(&err);
    assert_true(forms_record_validate(&rec, &err));
    int notes = forms_field_index(&forms_kind_consultation, "notes");
    assert_true(
        forms_value_parse(&rec.kind->fields[notes], "māte: 32123412345", &rec.values[notes], &err));
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "notes");
    forms_record_fini(&rec);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vacancy_open_exactly_one_month_is_not_long_term),
        cmocka_unit_test(vacancy_month_from_31_january_ends_on_leap_day),
        cmocka_unit_test(vacancy_closed_by_the_reference_date_is_not_long_term),
        cmocka_unit_test(pd_window_is_three_years_ending_on_the_reference_day),
        cmocka_unit_test(pd_window_crosses_the_calendar_year_boundary),
        cmocka_unit_test(pd_window_on_a_leap_day_starts_on_1_march),
        cmocka_unit_test(pd_rule_applies_to_pedagogues_only),
        cmocka_unit_test(full_names_are_told_from_pseudonyms),
        cmocka_unit_test(consultation_warns_about_a_pupils_full_name),
        cmocka_unit_test(consultation_remembers_consultant_form_and_minutes),
        cmocka_unit_test(personal_codes_are_recognised),
        cmocka_unit_test(staff_and_consultations_refuse_personal_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The observation sheet's rules that the TUI and the CSV import share: what
 * a final sheet still needs (every field at once), and an acknowledgement
 * date that has not come yet (SKOLA_TODAY pins today). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static void
set(struct forms_record *rec, const char *key, const char *text)
{
    int i = forms_field_index(rec->kind, key);
    assert_true(i >= 0);
    struct sk_error err = {0};
    struct forms_value v = {0};
    assert_true(forms_value_parse(&rec->kind->fields[i], text, &v, &err));
    forms_value_copy(&rec->values[i], &v);
    forms_value_free(&v);
}

static void
clear(struct forms_record *rec, const char *key)
{
    forms_value_clear(&rec->values[forms_field_index(rec->kind, key)]);
}

static void
final_sheet_lists_every_missing_field(void **state)
{
    (void)state;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    set(&rec, "status", "final");
    set(&rec, "subject", "Māksla");
    int f[8];
    size_t n = forms_observation_missing(&rec, f, 8);
    /* date, teacher, group, area: in field order */
    assert_int_equal(n, 4);
    assert_string_equal(rec.kind->fields[f[0]].key, "date");
    assert_string_equal(rec.kind->fields[f[1]].key, "teacher");
    assert_string_equal(rec.kind->fields[f[2]].key, "group");
    assert_string_equal(rec.kind->fields[f[3]].key, "area");
    /* the count is whole even when the room is not */
    assert_int_equal(forms_observation_missing(&rec, f, 1), 4);
    set(&rec, "date", "2024-10-03");
    set(&rec, "group", "7.b");
    set(&rec, "area", "Kultūra");
    set(&rec, "teacher", "Anna Kalniņa");
    assert_int_equal(forms_observation_missing(&rec, f, 8), 0);
    /* a field emptied again is missing again */
    clear(&rec, "group");
    assert_int_equal(forms_observation_missing(&rec, f, 8), 1);
    assert_string_equal(rec.kind->fields[f[0]].key, "group");
    forms_record_fini(&rec);
}

static void
acknowledgement_in_the_future_is_refused(void **state)
{
    (void)state;
    setenv("SKOLA_TODAY", "2024-11-15", 1);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    set(&rec, "status", "draft");
    set(&rec, "date", "2024-10-03");
    struct sk_error err = {0};
    set(&rec, "acknowledged_on", "2024-11-15"); /* today: fine */
    assert_true(forms_record_validate(&rec, &err));
    set(&rec, "acknowledged_on", "2024-11-16"); /* tomorrow */
    assert_false(forms_record_validate(&rec, &err));
    assert_non_null(err.field);
    assert_string_equal(err.field, "acknowledged_on");
    assert_non_null(strstr(err.msg, "15.11.2024"));
    /* a draft too, and a sheet of a lesson still to come as well */
    set(&rec, "date", "2025-01-10");
    set(&rec, "acknowledged_on", "2025-01-11");
    err = (struct sk_error){0};
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "acknowledged_on");
    /* another today: the same day is accepted */
    setenv("SKOLA_TODAY", "2025-01-11", 1);
    assert_true(forms_record_validate(&rec, &err));
    forms_record_fini(&rec);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(final_sheet_lists_every_missing_field),
        cmocka_unit_test(acknowledgement_in_the_future_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

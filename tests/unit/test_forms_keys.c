/* Fields that code reads by key (forms/keys.c) are resolved once from
 * their keys and checked at start: every key exists, each index points at
 * the field (or choice) of that key, and a missing key is an error that
 * names it. White-box: includes forms/internal.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/internal.h"

static void
expect_field(const struct forms_kind *kind, int index, const char *key)
{
    assert_true(index >= 0 && (size_t)index < kind->n_fields);
    assert_string_equal(kind->fields[index].key, key);
}

static void
expect_choice(const struct forms_kind *kind, const char *field, int index, const char *key)
{
    const struct forms_field *f = &kind->fields[forms_field_index(kind, field)];
    assert_true(index >= 0 && (size_t)index < f->n_choices);
    assert_string_equal(f->choices[index].key, key);
}

static void
every_key_in_use_exists_and_resolves_to_its_field(void **state)
{
    (void)state;
    struct sk_error err = {0};
    assert_true(forms_keys_check(&err));
    assert_int_equal(err.code, SK_OK);
    const struct forms_keys *k = forms_keys();
    expect_field(&forms_kind_device, k->device_purchase_date, "purchase_date");
    expect_field(&forms_kind_device, k->device_warranty_until, "warranty_until");
    expect_field(&forms_kind_device, k->device_status, "status");
    expect_field(&forms_kind_device, k->device_written_off_on, "written_off_on");
    expect_choice(&forms_kind_device, "status", k->device_status_written_off, "written_off");
    expect_field(&forms_kind_staff, k->staff_role, "role");
    expect_field(&forms_kind_staff, k->staff_email, "email");
    expect_field(&forms_kind_staff, k->staff_employed_from, "employed_from");
    expect_field(&forms_kind_staff, k->staff_employed_until, "employed_until");
    expect_field(&forms_kind_vacancy, k->vacancy_open_since, "open_since");
    expect_field(&forms_kind_vacancy, k->vacancy_closed_on, "closed_on");
    expect_field(&forms_kind_consultation, k->consultation_recipient_kind, "recipient_kind");
    expect_field(&forms_kind_consultation, k->consultation_recipient, "recipient");
    expect_choice(&forms_kind_consultation, "recipient_kind", k->consultation_recipient_pupil,
                  "pupil");
    expect_field(&forms_kind_school_year, k->school_year_year, "year");
}

static void
a_missing_key_is_an_error_naming_it(void **state)
{
    (void)state;
    int a = 7, b = 7, c = 7, d = 7;
    /* parts of longer names and wrong case do not match */
    const struct forms_key_use uses[] = {
        {&forms_kind_device, "status", NULL, &a},
        {&forms_kind_device, "stat", NULL, &b},
        {&forms_kind_device, "status", "written", &c},
        {&forms_kind_device, "Status", NULL, &d},
    };
    struct sk_error err = {0};
    assert_false(forms_key_uses_resolve(uses, SK_ARRAY_LEN(uses), &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_non_null(strstr(err.msg, "“stat”"));
    assert_non_null(strstr(err.msg, "“devices”"));
    assert_true(a >= 0);
    assert_int_equal(b, -1);
    assert_int_equal(c, -1);
    assert_int_equal(d, -1);

    const struct forms_key_use choice[] = {{&forms_kind_device, "status", "written", &c}};
    assert_false(forms_key_uses_resolve(choice, 1, &err));
    assert_non_null(strstr(err.msg, "“written”"));
}

/* The rules that read fields by key still work: a write-off date needs
 * the status "written off", whatever position the choice has. */
static void
device_rule_reads_the_status_by_key(void **state)
{
    (void)state;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    struct sk_error err = {0};
    const struct forms_keys *k = forms_keys();
    const struct forms_field *st = &forms_kind_device.fields[k->device_status];
    rec.values[k->device_written_off_on] = (struct forms_value){.is_set = true, .i = 100};
    for (size_t c = 0; c < st->n_choices; c++) {
        rec.values[k->device_status] = (struct forms_value){.is_set = true, .i = (int64_t)c};
        memset(&err, 0, sizeof err);
        bool ok = forms_kind_device.validate(&forms_kind_device, &rec, &err);
        assert_int_equal(ok, strcmp(st->choices[c].key, "written_off") == 0);
    }
    forms_record_fini(&rec);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_key_in_use_exists_and_resolves_to_its_field),
        cmocka_unit_test(a_missing_key_is_an_error_naming_it),
        cmocka_unit_test(device_rule_reads_the_status_by_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* storage/record.c: generic CRUD from descriptors, optimistic versions,
 * unique keys, audit rows, bulk changes, references and completion. Every
 * test runs on a fresh ":memory:" database with one school. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

static int64_t
add_device(struct test_fixture *fx, const char *invno, const char *category, const char *model)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", invno);
    test_set(&rec, "category", category);
    if (model)
        test_set(&rec, "model", model);
    if (!storage_record_insert(fx->db, fx->school, &rec, &err))
        fail_msg("insert %s: %s", invno, err.msg);
    int64_t id = rec.id;
    forms_record_fini(&rec);
    return id;
}

static void
device_round_trip_keeps_every_field_type(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec, back;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_init(&back, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", "INV-0001");
    test_set(&rec, "category", "laptop");
    test_set(&rec, "os", "chromeos");
    test_set(&rec, "manufacturer", "Lenovo");
    test_set(&rec, "model", "Chromebook 300e «Ģirts»");
    test_set(&rec, "purchase_date", "15.03.2021");
    test_set(&rec, "purchase_cost", "349,99");
    test_set(&rec, "warranty_until", "2024-03-15");
    test_set(&rec, "notes", "line one\nline \"two\"");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_true(rec.id > 0);
    assert_int_equal(rec.version, 1);

    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, rec.id, &back, &err));
    assert_int_equal(back.id, rec.id);
    assert_int_equal(back.version, 1);
    for (size_t i = 0; i < forms_kind_device.n_fields; i++)
        if (!forms_value_equal(&forms_kind_device.fields[i], &rec.values[i], &back.values[i]))
            fail_msg("field %s differs", forms_kind_device.fields[i].key);
    assert_string_equal(test_get(&back, "purchase_date"), "2021-03-15");
    assert_string_equal(test_get(&back, "purchase_cost"), "349.99");
    assert_string_equal(test_get(&back, "status"), "in_use");
    assert_false(back.values[forms_field_index(&forms_kind_device, "serial")].is_set);
    forms_record_fini(&rec);
    forms_record_fini(&back);
}

static void
school_year_round_trip_keeps_decimals(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec, back;
    forms_record_init(&rec, &forms_kind_school_year);
    forms_record_init(&back, &forms_kind_school_year);
    forms_record_defaults(&rec);
    test_set(&rec, "year", "2024");
    test_set(&rec, "pupils", "812");
    test_set(&rec, "teacher_fte", "63,125");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_true(
        storage_record_get(fx->db, &forms_kind_school_year, fx->school, rec.id, &back, &err));
    assert_string_equal(test_get(&back, "teacher_fte"), "63.125");
    assert_string_equal(test_get(&back, "observation_target_pct"), "20");
    assert_string_equal(test_get(&back, "pupils"), "812");
    forms_record_fini(&rec);
    forms_record_fini(&back);
}

static void
update_bumps_version_and_audits_changed_fields(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    setenv("SKOLA_NOW", "2025-01-02T03:04:05Z", 1);
    int64_t id = add_device(fx, "INV-1", "laptop", "T14");
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    test_set(&rec, "model", "T15");
    test_set(&rec, "room", "204");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    assert_int_equal(rec.version, 2);

    struct storage_audit_entry *e;
    size_t n;
    assert_true(storage_audit_list(fx->db, "devices", id, &e, &n, &err));
    assert_int_equal(n, 3);
    assert_string_equal(e[0].action, "insert");
    assert_string_equal(e[0].field, "");
    assert_null(e[0].old_value);
    assert_non_null(strstr(e[0].new_value, "\"inventory_no\":\"INV-1\""));
    assert_string_equal(e[0].at, "2025-01-02T03:04:05Z");
    assert_true(e[0].user[0] != '\0');
    assert_string_equal(e[1].action, "update");
    assert_string_equal(e[1].field, "model");
    assert_string_equal(e[1].old_value, "T14");
    assert_string_equal(e[1].new_value, "T15");
    assert_string_equal(e[2].field, "room");
    assert_null(e[2].old_value);
    assert_string_equal(e[2].new_value, "204");
    storage_audit_free(e, n);
    forms_record_fini(&rec);
    unsetenv("SKOLA_NOW");
}

static void
stale_version_is_a_conflict(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = add_device(fx, "INV-1", "laptop", "T14");
    struct forms_record mine, theirs;
    forms_record_init(&mine, &forms_kind_device);
    forms_record_init(&theirs, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &mine, &err));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &theirs, &err));
    test_set(&theirs, "room", "101");
    assert_true(storage_record_update(fx->db, fx->school, &theirs, &err));
    test_set(&mine, "room", "102");
    assert_false(storage_record_update(fx->db, fx->school, &mine, &err));
    assert_int_equal(err.code, SK_ECONFLICT);
    assert_non_null(strstr(err.msg, "version 2"));
    assert_int_equal(mine.version, 1);
    forms_record_fini(&mine);
    forms_record_fini(&theirs);
}

static void
update_of_a_deleted_record_is_not_found(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = add_device(fx, "INV-1", "laptop", NULL);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    assert_true(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 0, &err));
    assert_false(storage_record_update(fx->db, fx->school, &rec, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    assert_false(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    forms_record_fini(&rec);
}

static void
duplicate_inventory_number_names_the_value(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    add_device(fx, "INV-1", "laptop", NULL);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", "INV-1");
    test_set(&rec, "category", "tablet");
    assert_false(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_string_equal(err.field, "inventory_no");
    assert_non_null(strstr(err.msg, "“INV-1” already exists"));
    assert_int_equal(rec.id, 0);
    forms_record_fini(&rec);
}

static void
duplicate_serial_is_refused_but_empty_serials_are_not(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    add_device(fx, "INV-1", "laptop", NULL);
    add_device(fx, "INV-2", "laptop", NULL); /* both without serial */
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", "INV-3");
    test_set(&rec, "category", "laptop");
    test_set(&rec, "serial", "SN-9");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    test_set(&rec, "inventory_no", "INV-4");
    rec.id = rec.version = 0;
    assert_false(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_string_equal(err.field, "serial");
    assert_non_null(strstr(err.msg, "“SN-9”"));
    forms_record_fini(&rec);
}

static void
delete_writes_one_audit_row_with_the_old_values(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = add_device(fx, "INV-1", "laptop", "T14");
    assert_false(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 7, &err));
    assert_int_equal(err.code, SK_ECONFLICT);
    assert_true(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 1, &err));
    struct storage_audit_entry *e;
    size_t n;
    assert_true(storage_audit_list(fx->db, "devices", id, &e, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(e[1].action, "delete");
    assert_null(e[1].new_value);
    assert_non_null(strstr(e[1].old_value, "\"model\":\"T14\""));
    assert_non_null(strstr(e[1].old_value, "\"category\":\"laptop\""));
    storage_audit_free(e, n);
    int64_t found = 99;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    test_set(&rec, "inventory_no", "INV-1");
    assert_true(storage_record_find_natkey(fx->db, fx->school, &rec, &found, &err));
    assert_int_equal(found, 0);
    forms_record_fini(&rec);
}

static void
find_natkey_finds_the_stored_record(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    add_device(fx, "INV-1", "laptop", NULL);
    int64_t id2 = add_device(fx, "INV-2", "laptop", NULL);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    test_set(&rec, "inventory_no", "INV-2");
    int64_t found = 0;
    assert_true(storage_record_find_natkey(fx->db, fx->school, &rec, &found, &err));
    assert_int_equal(found, id2);
    forms_record_fini(&rec);
}

static void
bulk_set_changes_every_record_with_audit(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t ids[3] = {add_device(fx, "INV-1", "laptop", NULL),
                      add_device(fx, "INV-2", "laptop", NULL),
                      add_device(fx, "INV-3", "laptop", NULL)};
    int fi = forms_field_index(&forms_kind_device, "status");
    struct forms_value v = {0};
    assert_true(forms_value_parse(&forms_kind_device.fields[fi], "in_repair", &v, &err));
    assert_true(
        storage_record_bulk_set(fx->db, &forms_kind_device, fx->school, ids, 3, fi, &v, &err));
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    for (size_t i = 0; i < 3; i++) {
        assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, ids[i], &rec, &err));
        assert_string_equal(test_get(&rec, "status"), "in_repair");
        assert_int_equal(rec.version, 2);
    }
    struct storage_audit_entry *e;
    size_t n;
    assert_true(storage_audit_list(fx->db, "devices", 0, &e, &n, &err));
    assert_int_equal(n, 6);
    assert_string_equal(e[5].field, "status");
    assert_string_equal(e[5].old_value, "in_use");
    assert_string_equal(e[5].new_value, "in_repair");
    storage_audit_free(e, n);
    forms_record_fini(&rec);
    forms_value_free(&v);
}

static void
bulk_set_with_one_invalid_record_changes_none(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t ids[2] = {add_device(fx, "INV-1", "laptop", NULL), 0};
    /* The second device has a write-off date: it must stay written off. */
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", "INV-2");
    test_set(&rec, "category", "laptop");
    test_set(&rec, "status", "written_off");
    test_set(&rec, "written_off_on", "2024-06-01");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    ids[1] = rec.id;
    int fi = forms_field_index(&forms_kind_device, "status");
    struct forms_value v = {0};
    assert_true(forms_value_parse(&forms_kind_device.fields[fi], "broken", &v, &err));
    assert_false(
        storage_record_bulk_set(fx->db, &forms_kind_device, fx->school, ids, 2, fi, &v, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_non_null(strstr(err.msg, "INV-2"));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, ids[0], &rec, &err));
    assert_string_equal(test_get(&rec, "status"), "in_use");
    assert_int_equal(rec.version, 1);
    assert_false(storage_in_transaction(fx->db));
    forms_record_fini(&rec);
    forms_value_free(&v);
}

static void
failed_record_inside_an_outer_transaction_leaves_the_others(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    assert_true(storage_begin(fx->db, &err));
    add_device(fx, "INV-1", "laptop", NULL);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", "INV-1");
    test_set(&rec, "category", "laptop");
    assert_false(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_true(storage_in_transaction(fx->db));
    add_device(fx, "INV-2", "laptop", NULL);
    assert_true(storage_commit(fx->db, &err));
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1};
    int64_t n = 0;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 2);
    struct storage_audit_entry *e;
    size_t n_audit;
    assert_true(storage_audit_list(fx->db, "devices", 0, &e, &n_audit, &err));
    assert_int_equal(n_audit, 2);
    storage_audit_free(e, n_audit);
    forms_record_fini(&rec);
}

static void
ref_resolve_finds_names_and_suggests_close_ones(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    add_device(fx, "PC-Bērziņš", "desktop", NULL);
    add_device(fx, "PC-Kalniņa", "desktop", NULL);
    add_device(fx, "PC-Ozola", "desktop", NULL);
    add_device(fx, "XYZ-1", "desktop", NULL);
    int64_t id = 0;
    char suggest[128];
    assert_true(storage_ref_resolve(fx->db, "devices", fx->school, "PC-Ozola", &id, suggest,
                                    sizeof suggest, &err));
    assert_true(id > 0);
    id = 0;
    assert_true(storage_ref_resolve(fx->db, "devices", fx->school, "pc-berzins", &id, suggest,
                                    sizeof suggest, &err));
    assert_true(id > 0);
    id = 0;
    assert_true(storage_ref_resolve(fx->db, "devices", fx->school, "PC-Kalnina2", &id, suggest,
                                    sizeof suggest, &err));
    assert_int_equal(id, 0);
    assert_true(strncmp(suggest, "PC-Kalniņa", strlen("PC-Kalniņa")) == 0);
    assert_null(strstr(suggest, "XYZ"));
    assert_false(storage_ref_resolve(fx->db, "nonsense", fx->school, "x", &id, NULL, 0, &err));
    assert_int_equal(err.code, SK_EINVAL);
}

static void
complete_lists_prefix_matches_before_inner_ones(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    add_device(fx, "INV-1", "laptop", "ThinkPad T14");
    add_device(fx, "INV-2", "laptop", "ThinkPad T14");
    add_device(fx, "INV-3", "laptop", "Latitude 5420");
    add_device(fx, "INV-4", "laptop", "Chromebook Think");
    char **out;
    size_t n;
    assert_true(storage_complete(fx->db, NULL, &forms_kind_device, "model", fx->school, "think", 10,
                                 &out, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(out[0], "ThinkPad T14");
    assert_string_equal(out[1], "Chromebook Think");
    for (size_t i = 0; i < n; i++)
        free(out[i]);
    free(out);
}

static void
schools_are_listed_and_found_by_code(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_school s;
    assert_true(storage_school_get(fx->db, NULL, &s, &err));
    assert_string_equal(s.name, "Liepājas Valsts tehnikums");
    int64_t id;
    assert_false(storage_school_create(fx->db, "4513900001", "Cita", NULL, &id, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_true(storage_school_create(fx->db, "1000000001", "Otra skola", NULL, &id, &err));
    assert_false(storage_school_get(fx->db, NULL, &s, &err));
    assert_int_equal(err.code, SK_EUSAGE);
    assert_true(storage_school_get(fx->db, "1000000001", &s, &err));
    assert_int_equal(s.id, id);
    assert_string_equal(s.municipality, "");
    struct storage_school *all;
    size_t n;
    assert_true(storage_school_list(fx->db, &all, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(all[0].code, "1000000001");
    free(all);
    assert_false(storage_school_get(fx->db, "nope", &s, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, test_fixture_open, test_fixture_close)
        T(device_round_trip_keeps_every_field_type),
        T(school_year_round_trip_keeps_decimals),
        T(update_bumps_version_and_audits_changed_fields),
        T(stale_version_is_a_conflict),
        T(update_of_a_deleted_record_is_not_found),
        T(duplicate_inventory_number_names_the_value),
        T(duplicate_serial_is_refused_but_empty_serials_are_not),
        T(delete_writes_one_audit_row_with_the_old_values),
        T(find_natkey_finds_the_stored_record),
        T(bulk_set_changes_every_record_with_audit),
        T(bulk_set_with_one_invalid_record_changes_none),
        T(failed_record_inside_an_outer_transaction_leaves_the_others),
        T(ref_resolve_finds_names_and_suggests_close_ones),
        T(complete_lists_prefix_matches_before_inner_ones),
        T(schools_are_listed_and_found_by_code),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

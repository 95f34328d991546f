/* core/demo.c: a realistic, deterministic school. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static struct storage_db *
open_db(void)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("storage_open: %s", err.msg);
    return db;
}

static char *
export_devices(struct storage_db *db, int64_t school, size_t *len)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    struct storage_query q = {.kind = &forms_kind_device, .school_id = school, .sort_field = -1};
    struct sk_error err = {0};
    size_t rows = 0;
    if (!core_export(db, &q, f, CP_RFC4180, &rows, &err))
        fail_msg("export: %s", err.msg);
    fclose(f);
    *len = n;
    return s;
}

static void
demo_creates_the_school_and_its_years(void **state)
{
    (void)state;
    struct storage_db *db = open_db();
    struct sk_error err = {0};
    int64_t id = 0;
    assert_true(core_demo(db, 1, &id, &err));
    assert_true(id > 0);
    struct storage_school s;
    assert_true(storage_school_get(db, NULL, &s, &err));
    assert_int_equal(s.id, id);
    assert_string_equal(s.name, "Liepājas Valsts tehnikums");
    assert_string_equal(s.municipality, "Liepājas valstspilsēta");
    assert_int_equal(strlen(s.code), 10);

    struct storage_query q = {.kind = &forms_kind_school_year, .school_id = id, .sort_field = 0};
    int64_t n = 0;
    assert_true(storage_count(db, &q, NULL, &n, &err));
    assert_int_equal(n, 4);
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_school_year);
    assert_int_equal(storage_iter_next(it, &rec, &err), 1);
    assert_int_equal(rec.values[0].i, 2022);
    assert_int_equal(storage_iter_next(it, &rec, &err), 1);
    assert_int_equal(rec.values[0].i, 2023);
    assert_int_equal(rec.values[1].i, 1297); /* seed 000: pupils on 01.09.2023 */
    assert_int_equal(rec.values[2].i, 116);  /* teachers */
    storage_iter_close(it);
    forms_record_fini(&rec);
    storage_close(db);
}

static void
demo_devices_are_realistic(void **state)
{
    (void)state;
    struct storage_db *db = open_db();
    struct sk_error err = {0};
    int64_t id = 0;
    assert_true(core_demo(db, 1, &id, &err));
    struct storage_query q = {.kind = &forms_kind_device, .school_id = id, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    int fi_cat = forms_field_index(&forms_kind_device, "category");
    int fi_os = forms_field_index(&forms_kind_device, "os");
    int fi_status = forms_field_index(&forms_kind_device, "status");
    int fi_bought = forms_field_index(&forms_kind_device, "purchase_date");
    int fi_off = forms_field_index(&forms_kind_device, "written_off_on");
    int fi_project = forms_field_index(&forms_kind_device, "project");
    size_t n = 0, laptops = 0, chromebooks = 0, written_off = 0, young = 0, mid = 0, old = 0,
           projects = 0;
    sk_date ref = sk_date_from_ymd(2025, 9, 1);
    int r;
    while ((r = storage_iter_next(it, &rec, &err)) == 1) {
        n++;
        const char *cat = forms_device_categories[rec.values[fi_cat].i].key;
        char buf[64];
        if (strcmp(cat, "laptop") == 0) {
            laptops++;
            const char *os = forms_value_format(&forms_kind_device.fields[fi_os],
                                                &rec.values[fi_os], FS_CSV, buf, sizeof buf);
            if (strcmp(os, "chromeos") == 0)
                chromebooks++;
        }
        const char *st = forms_value_format(&forms_kind_device.fields[fi_status],
                                            &rec.values[fi_status], FS_CSV, buf, sizeof buf);
        if (strcmp(st, "written_off") == 0) {
            written_off++;
            assert_true(rec.values[fi_off].is_set);
        } else {
            assert_false(rec.values[fi_off].is_set);
        }
        assert_true(rec.values[fi_bought].is_set);
        int age = sk_date_years_between((sk_date)rec.values[fi_bought].i, ref);
        if (age < 3)
            young++;
        else if (age < 5)
            mid++;
        else
            old++;
        if (rec.values[fi_project].is_set)
            projects++;
        assert_true(forms_record_validate(&rec, &err));
    }
    assert_int_equal(r, 0);
    storage_iter_close(it);
    forms_record_fini(&rec);
    assert_int_equal(n, 400);
    assert_true(laptops > 80);
    assert_true(chromebooks > 5);
    assert_true(written_off >= 8 && written_off <= 40);
    assert_true(young > 20 && mid > 20 && old > 20);
    assert_true(projects > 40);
    storage_close(db);
}

static void
demo_is_deterministic_and_idempotent(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *a = open_db(), *b = open_db();
    int64_t ia, ib;
    assert_true(core_demo(a, 1, &ia, &err));
    assert_true(core_demo(b, 1, &ib, &err));
    assert_true(core_demo(b, 1, &ib, &err)); /* again: nothing new */
    size_t na, nb;
    char *ea = export_devices(a, ia, &na);
    char *eb = export_devices(b, ib, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(ea, eb, na);
    assert_non_null(strstr(ea, "\nLVT-000001,"));
    free(ea);
    free(eb);
    storage_close(a);
    storage_close(b);
}

static void
demo_scale_multiplies_the_devices(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *db = open_db();
    int64_t id;
    assert_true(core_demo(db, 3, &id, &err));
    struct storage_query q = {.kind = &forms_kind_device, .school_id = id, .sort_field = -1};
    int64_t n = 0;
    assert_true(storage_count(db, &q, NULL, &n, &err));
    assert_int_equal(n, 1200);
    storage_close(db);
}

int
main(void)
{
    setenv("LANGUAGE", "en", 1);
    setenv("SKOLA_TODAY", "2025-09-01", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_creates_the_school_and_its_years),
        cmocka_unit_test(demo_devices_are_realistic),
        cmocka_unit_test(demo_is_deterministic_and_idempotent),
        cmocka_unit_test(demo_scale_multiplies_the_devices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

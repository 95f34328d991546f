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
#include "testlib.h"

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
    (void)n;
    test_strip_uids(s); /* random in each file */
    *len = strlen(s);
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
    /* today is 15.11.2024: the current school year 2024 and the three before */
    assert_int_equal(storage_iter_next(it, &rec, &err), 1);
    assert_int_equal(rec.values[0].i, 2021);
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

/* The latest date of a kind's `field` over all its records. */
static sk_date
latest(struct storage_db *db, int64_t school, const struct forms_kind *kind, const char *field)
{
    struct sk_error err = {0};
    struct storage_query q = {.kind = kind, .school_id = school, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, kind);
    int fi = forms_field_index(kind, field);
    sk_date max = SK_DATE_NONE;
    while (storage_iter_next(it, &rec, &err) == 1)
        if (rec.values[fi].is_set && (sk_date)rec.values[fi].i > max)
            max = (sk_date)rec.values[fi].i;
    storage_iter_close(it);
    forms_record_fini(&rec);
    return max;
}

static const struct core_figure *
figure(const struct core_summary *s, const char *metric)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->figs[i].metric, metric) == 0 && !s->figs[i].dimension[0])
            return &s->figs[i];
    fail_msg("no figure %s", metric);
    return NULL;
}

static void
demo_follows_the_school_year_of_today(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *base = open_db(), *db = open_db();
    int64_t ib, id;
    assert_true(core_demo(base, 1, &ib, &err)); /* 15.11.2024 */
    setenv("SKOLA_TODAY", "2026-11-23", 1);
    assert_true(core_demo(db, 1, &id, &err));
    sk_date today = sk_date_from_ymd(2026, 11, 23);

    /* school years 2023 … 2026 */
    struct storage_query q = {.kind = &forms_kind_school_year, .school_id = id, .sort_field = 0};
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_school_year);
    for (int y = 2023; y <= 2026; y++) {
        assert_int_equal(storage_iter_next(it, &rec, &err), 1);
        assert_int_equal(rec.values[0].i, y);
    }
    assert_int_equal(storage_iter_next(it, &rec, &err), 0);
    storage_iter_close(it);
    forms_record_fini(&rec);

    /* nothing dated after today */
    assert_true(latest(db, id, &forms_kind_observation, "date") <= today);
    assert_true(latest(db, id, &forms_kind_consultation, "date") <= today);
    assert_true(latest(db, id, &forms_kind_training, "date") <= today);
    assert_true(latest(db, id, &forms_kind_vacancy, "open_since") <= today);

    /* the current year has figures: what `make run` opens on */
    struct core_summary s;
    memset(&s, 0, sizeof s);
    assert_true(core_summary_compute(db, id, 2026, SK_DATE_NONE, CS_ALL, &s, &err));
    assert_true(figure(&s, "observations.count")->num > 20);
    assert_true(figure(&s, "consultations.count")->num > 50);
    assert_true(figure(&s, "staff.vacancies_long_term")->num == 10);
    assert_true(figure(&s, "devices.count")->num > 300);
    assert_true(figure(&s, "staff.pd_36h")->num > 0);
    assert_true(figure(&s, "assessment.priorities")->num == 2);
    core_summary_fini(&s);

    /* the devices are those of 2024 bought two years later */
    size_t nb, nd;
    char *eb = export_devices(base, ib, &nb);
    char *ed = export_devices(db, id, &nd);
    assert_int_equal(nb, nd);
    assert_non_null(strstr(eb, "\nLVT-000001,"));
    const char *pb = strstr(eb, "\nLVT-000001,"), *pd = strstr(ed, "\nLVT-000001,");
    assert_non_null(pd);
    char date_b[11], date_d[11];
    /* purchase_date is the 7th column */
    for (int k = 0; k < 6; k++) {
        pb = strchr(pb + 1, ',');
        pd = strchr(pd + 1, ',');
    }
    memcpy(date_b, pb + 1, 10);
    memcpy(date_d, pd + 1, 10);
    date_b[10] = date_d[10] = '\0';
    sk_date db_, dd_;
    assert_true(sk_date_parse(date_b, &db_) && sk_date_parse(date_d, &dd_));
    assert_int_equal(sk_date_add_months(db_, 24), dd_);
    free(eb);
    free(ed);
    setenv("SKOLA_TODAY", "2024-11-15", 1);
    storage_close(base);
    storage_close(db);
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
    /* the date every TUI and CLI test pins: the demo as first written */
    setenv("SKOLA_TODAY", "2024-11-15", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_creates_the_school_and_its_years),
        cmocka_unit_test(demo_devices_are_realistic),
        cmocka_unit_test(demo_is_deterministic_and_idempotent),
        cmocka_unit_test(demo_scale_multiplies_the_devices),
        cmocka_unit_test(demo_follows_the_school_year_of_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

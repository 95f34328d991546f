/* The list filter searches every text field (forms/search.c, storage/search.c):
 * the search text of each kind holds every text, multi-line and reference
 * field; a device is found by serial, supplier and the person it is assigned
 * to, a sheet by its observer's name (diacritics ignored, a part of a longer
 * word too); a file whose search texts are outdated (an older skola, another
 * program) is counted by the check and refreshed by the repair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "storage/internal.h"
#include "testlib.h"

/* Every kind: each text, multi-line and reference field's value is in the
 * search text, whether or not it is a list column; a tick row is not. */
static void
search_text_of_each_kind_holds_every_text_field(void **state)
{
    (void)state;
    struct sk_buf b = {0};
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        struct forms_record rec;
        forms_record_init(&rec, kind);
        size_t n_text = 0;
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            bool is_text = f->type == FT_TEXT || f->type == FT_MEMO || f->type == FT_REF;
            if (f->flags & (FF_ROWS | FF_NO_SEARCH)) {
                assert_false(forms_field_is_searched(f));
                continue;
            }
            if (!is_text)
                continue;
            assert_true(forms_field_is_searched(f));
            char v[64];
            snprintf(v, sizeof v, "Žq%s·%zu", f->key, i);
            forms_value_set_text(&rec.values[i], v, strlen(v));
            n_text++;
        }
        forms_search_text(&rec, &b);
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (!rec.values[i].is_set || (f->flags & (FF_ROWS | FF_NO_SEARCH)))
                continue;
            if (f->type != FT_TEXT && f->type != FT_MEMO && f->type != FT_REF)
                continue;
            char v[64];
            snprintf(v, sizeof v, "Žq%s·%zu", f->key, i);
            if (!strstr(b.s, v))
                fail_msg("%s.%s missing from the search text “%s”", kind->key, f->key, b.s);
        }
        /* the kinds this issue names have such fields */
        if (kind == &forms_kind_device || kind == &forms_kind_observation)
            assert_true(n_text >= 5);
        forms_record_fini(&rec);
    }
    sk_buf_free(&b);
}

/* The ids the filter finds among kind's rows of school. */
static size_t
find(struct storage_db *db, int64_t school, const struct forms_kind *kind, const char *filter,
     int64_t *ids, size_t cap)
{
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = kind, .school_id = school, .sort_field = -1, .filter = filter};
    struct storage_page page = {0};
    if (!storage_page_fetch(db, &q, NULL, SD_FIRST, 100, &page, &err))
        fail_msg("page: %s", err.msg);
    size_t n = page.n < cap ? page.n : cap;
    for (size_t i = 0; i < n; i++)
        ids[i] = page.rows[i].id;
    int64_t count = -1;
    if (!storage_count(db, &q, NULL, &count, &err))
        fail_msg("count: %s", err.msg);
    assert_int_equal(count, (int64_t)page.n);
    storage_page_fini(&page);
    return n;
}

static void
a_device_is_found_by_serial_supplier_and_assigned_to(void **state)
{
    struct test_fixture *fx = *state;
    int64_t a =
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", "INV-1", "category", "laptop", "serial",
                                          "PF3XQ7Z", "supplier", "SIA “Dators”", "assigned_to",
                                          "Jānis Bērziņš", "notes", "ekrāns ieplīsis", NULL});
    int64_t b =
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", "INV-2", "category", "laptop", "serial",
                                          "PF3XQ8", "supplier", "Lenovo Baltic", NULL});
    int64_t ids[8];
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "pf3xq7", ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "“dators", ids, 8), 1);
    assert_int_equal(ids[0], a);
    /* diacritics and case ignored, a part of the name matches */
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "BERZIN", ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "ieplis", ids, 8), 1);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "baltic", ids, 8), 1);
    assert_int_equal(ids[0], b);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "pf3xq", ids, 8), 2);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "pf3xq9", ids, 8), 0);
}

static void
a_sheet_is_found_by_its_observer(void **state)
{
    struct test_fixture *fx = *state;
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Rita Zvirbule", "role", "teacher", NULL});
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Ārija Ķēniņa", "role", "deputy_head", NULL});
    int64_t s =
        test_insert(fx->db, fx->school, &forms_kind_observation,
                    (const char *const[]){"date", "2024-02-01", "teacher", "Rita Zvirbule",
                                          "observer", "Ārija Ķēniņa", "topic", "Daļskaitļi", NULL});
    int64_t ids[8];
    assert_int_equal(find(fx->db, fx->school, &forms_kind_observation, "arija kenin", ids, 8), 1);
    assert_int_equal(ids[0], s);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_observation, "dalskait", ids, 8), 1);
}

/* A renamed person: the sheets and the loans that name them are found by
 * the new name, not the old one, and the check finds nothing outdated. */
static void
a_renamed_person_is_found_by_the_new_name(void **state)
{
    struct test_fixture *fx = *state;
    int64_t rita =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Rita Zvirbule", "role", "teacher", NULL});
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Ārija Ķēniņa", "role", "deputy_head", NULL});
    int64_t s =
        test_insert(fx->db, fx->school, &forms_kind_observation,
                    (const char *const[]){"date", "2024-02-01", "teacher", "Rita Zvirbule",
                                          "observer", "Ārija Ķēniņa", "topic", "Daļskaitļi", NULL});
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    assert_true(storage_record_get(fx->db, &forms_kind_staff, fx->school, rita, &rec, &err));
    test_set(&rec, "full_name", "Rita Liepa");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    forms_record_fini(&rec);
    int64_t ids[8];
    assert_int_equal(find(fx->db, fx->school, &forms_kind_observation, "liepa", ids, 8), 1);
    assert_int_equal(ids[0], s);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_observation, "zvirbul", ids, 8), 0);
    int64_t stale = -1;
    assert_true(storage_search_check(fx->db, &stale, &err));
    assert_int_equal(stale, 0);
}

static void
outdated_search_texts_are_counted_and_repaired(void **state)
{
    struct test_fixture *fx = *state;
    int64_t a = test_insert(fx->db, fx->school, &forms_kind_device,
                            (const char *const[]){"inventory_no", "INV-9", "category", "laptop",
                                                  "serial", "SN-OLD-1", NULL});
    struct sk_error err = {0};
    int64_t stale = -1;
    assert_true(storage_search_check(fx->db, &stale, &err));
    assert_int_equal(stale, 0);
    /* as an older skola left it: only the inventory number */
    assert_true(storage_exec(fx->db, "UPDATE device SET search = 'inv-9'", &err));
    int64_t ids[8];
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "sn-old", ids, 8), 0);
    assert_true(storage_search_check(fx->db, &stale, &err));
    assert_int_equal(stale, 1);
    int64_t fixed = 0;
    assert_true(storage_search_repair(fx->db, &fixed, &err));
    assert_int_equal(fixed, 1);
    assert_int_equal(find(fx->db, fx->school, &forms_kind_device, "sn-old", ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_true(storage_search_check(fx->db, &stale, &err));
    assert_int_equal(stale, 0);
}

/* A file of schema 19 (the search text held only the list columns) is
 * upgraded: step 20 recomputes every row's search text. */
static void
the_upgrade_refreshes_the_search_texts(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-test-search-XXXXXX";
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
    char path[128];
    snprintf(path, sizeof path, "%s/skola.db", dir);
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    int64_t school = 0;
    assert_true(storage_school_create(db, "T1", "Testa skola", NULL, &school, &err));
    test_insert(db, school, &forms_kind_device,
                (const char *const[]){"inventory_no", "INV-1", "category", "laptop", "serial",
                                      "SN-Ā-77", "supplier", "Ūdens IT", NULL});
    /* as schema 19 left it */
    assert_true(storage_exec(db,
                             "UPDATE device SET search = 'inv-1 laptop';"
                             " DROP TABLE list_view; PRAGMA user_version = 19",
                             &err));
    storage_close(db);
    db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("reopen: %s", err.msg);
    int64_t ids[4], stale = -1;
    assert_int_equal(find(db, school, &forms_kind_device, "sn-a-77", ids, 4), 1);
    assert_int_equal(find(db, school, &forms_kind_device, "udens", ids, 4), 1);
    assert_true(storage_search_check(db, &stale, &err));
    assert_int_equal(stale, 0);
    char *view = NULL;
    assert_true(storage_view_put(db, "devices", "x", &err));
    assert_true(storage_view_get(db, "devices", &view, &err));
    assert_string_equal(view, "x");
    free(view);
    /* another login has its own view (white-box: the login read at open) */
    char me[sizeof db->os_user];
    memcpy(me, db->os_user, sizeof me);
    snprintf(db->os_user, sizeof db->os_user, "%s", "kāds-cits");
    assert_true(storage_view_get(db, "devices", &view, &err));
    assert_null(view);
    assert_true(storage_view_put(db, "devices", "y", &err));
    memcpy(db->os_user, me, sizeof me);
    assert_true(storage_view_get(db, "devices", &view, &err));
    assert_string_equal(view, "x");
    free(view);
    storage_close(db);
    assert_int_equal(test_dir_remove(dir), 0);
}

static bool
always(void *ctx)
{
    (*(int *)ctx)++;
    return true;
}

static bool
never(void *ctx)
{
    (*(int *)ctx)++;
    return false;
}

/* A first page that scans many rows is abandoned when asked to stop
 * (a key is waiting), and completes when not. */
static void
a_long_first_page_can_be_abandoned(void **state)
{
    struct test_fixture *fx = *state;
    assert_true(storage_begin(fx->db, &(struct sk_error){0}));
    for (int i = 0; i < 400; i++) {
        char inv[32];
        snprintf(inv, sizeof inv, "INV-%04d", i);
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", inv, "category", "laptop", NULL});
    }
    assert_true(storage_commit(fx->db, &(struct sk_error){0}));
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = fx->school,
                              .sort_field = -1,
                              .filter = "inv-0399"};
    struct storage_page page = {0};
    struct sk_error err = {0};
    int asked = 0;
    assert_false(storage_page_fetch_cancellable(fx->db, &q, NULL, SD_FIRST, 44, &page, always,
                                                &asked, &err));
    assert_int_equal(err.code, SK_ECANCELLED);
    assert_int_equal(page.n, 0);
    assert_true(asked > 0);
    sk_error_clear(&err);
    asked = 0;
    assert_true(
        storage_page_fetch_cancellable(fx->db, &q, NULL, SD_FIRST, 44, &page, never, &asked, &err));
    assert_int_equal(page.n, 1);
    assert_true(asked > 0);
    /* the connection is left without the handler: a plain fetch completes */
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 44, &page, &err));
    assert_int_equal(page.n, 1);
    storage_page_fini(&page);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(search_text_of_each_kind_holds_every_text_field),
        cmocka_unit_test_setup_teardown(a_device_is_found_by_serial_supplier_and_assigned_to,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(a_sheet_is_found_by_its_observer, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_renamed_person_is_found_by_the_new_name,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(outdated_search_texts_are_counted_and_repaired,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test(the_upgrade_refreshes_the_search_texts),
        cmocka_unit_test_setup_teardown(a_long_first_page_can_be_abandoned, test_fixture_open,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* core/history.c core_history_find: a record is found by its natural key,
 * "#N" or its uid; a deleted record's history is found by any of them from
 * the audit rows and starts "deleted on DATE by LOGIN"; a uid or key that a
 * deleted record of another kind had, or no record had, is not found. */
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
add_device(struct test_fixture *fx, const char *inv, char uid[FORMS_UID_LEN + 1])
{
    int64_t id =
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", inv, "category", "laptop", NULL});
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    struct sk_error err = {0};
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    memcpy(uid, rec.uid, FORMS_UID_LEN + 1);
    forms_record_fini(&rec);
    assert_int_equal(strlen(uid), FORMS_UID_LEN);
    return id;
}

static void
finds_live_record_by_uid(void **state)
{
    struct test_fixture *fx = *state;
    char uid[FORMS_UID_LEN + 1], other[FORMS_UID_LEN + 1];
    int64_t id = add_device(fx, "INV-1", uid);
    add_device(fx, "INV-10", other);
    struct sk_error err = {0};
    int64_t found = 0;
    assert_true(core_history_find(fx->db, &forms_kind_device, fx->school, uid, &found, &err));
    assert_int_equal(found, id);
    /* upper case is the same uid */
    char upper[FORMS_UID_LEN + 1];
    for (size_t i = 0; i <= FORMS_UID_LEN; i++)
        upper[i] = (char)(uid[i] >= 'a' && uid[i] <= 'f' ? uid[i] - 32 : uid[i]);
    assert_true(core_history_find(fx->db, &forms_kind_device, fx->school, upper, &found, &err));
    assert_int_equal(found, id);
    /* a uid no record has */
    err = (struct sk_error){0};
    assert_false(core_history_find(fx->db, &forms_kind_device, fx->school,
                                   "0f8fad5b-d9cb-469f-a165-70867728950e", &found, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    /* a device's uid is no staff member's */
    err = (struct sk_error){0};
    assert_false(core_history_find(fx->db, &forms_kind_staff, fx->school, uid, &found, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
}

static void
finds_deleted_record(void **state)
{
    struct test_fixture *fx = *state;
    char uid[FORMS_UID_LEN + 1], keep[FORMS_UID_LEN + 1];
    int64_t id = add_device(fx, "INV-1", uid);
    add_device(fx, "INV-10", keep);
    struct sk_error err = {0};
    assert_true(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 0, &err));
    const char *keys[] = {uid, "INV-1", NULL};
    char hash[32];
    snprintf(hash, sizeof hash, "#%lld", (long long)id);
    keys[2] = hash;
    for (size_t k = 0; k < 3; k++) {
        int64_t found = 0;
        err = (struct sk_error){0};
        assert_true(
            core_history_find(fx->db, &forms_kind_device, fx->school, keys[k], &found, &err));
        if (k < 2)
            assert_true(found < 0); /* the delete row, by uid or key */
        else
            assert_int_equal(found, id);
        struct core_history_line *lines = NULL;
        size_t n = 0;
        assert_true(
            core_history_lines(fx->db, &forms_kind_device, fx->school, found, &lines, &n, &err));
        assert_true(n >= 2);
        assert_non_null(strstr(lines[0].text, "deleted on "));
        assert_non_null(strstr(lines[0].text, lines[0].who));
        assert_string_equal(lines[n - 1].text, "created");
        core_history_free(lines, n);
    }
    /* a part of the deleted key, and the key under another kind, are not it */
    int64_t found = 0;
    err = (struct sk_error){0};
    assert_false(core_history_find(fx->db, &forms_kind_device, fx->school, "INV", &found, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    err = (struct sk_error){0};
    assert_false(core_history_find(fx->db, &forms_kind_staff, fx->school, uid, &found, &err));
    /* the record still there is found as before */
    err = (struct sk_error){0};
    assert_true(core_history_find(fx->db, &forms_kind_device, fx->school, "INV-10", &found, &err));
    assert_int_not_equal(found, id);
}

/* The newest record deleted: SQLite gives its id to the next one. The old
 * record's history is still its own, the new one's too. */
static void
deleted_id_used_again(void **state)
{
    struct test_fixture *fx = *state;
    char uid[FORMS_UID_LEN + 1], uid2[FORMS_UID_LEN + 1];
    int64_t id = add_device(fx, "OLD-1", uid);
    struct sk_error err = {0};
    assert_true(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 0, &err));
    int64_t id2 = add_device(fx, "NEW-1", uid2);
    assert_int_equal(id2, id); /* the premise of this test */
    int64_t found = 0;
    struct core_history_line *lines = NULL;
    size_t n = 0;
    assert_true(core_history_find(fx->db, &forms_kind_device, fx->school, "OLD-1", &found, &err));
    assert_true(
        core_history_lines(fx->db, &forms_kind_device, fx->school, found, &lines, &n, &err));
    assert_int_equal(n, 2);
    assert_non_null(strstr(lines[0].text, "deleted on "));
    assert_non_null(strstr(lines[1].text, "created"));
    core_history_free(lines, n);
    assert_true(core_history_find(fx->db, &forms_kind_device, fx->school, uid2, &found, &err));
    assert_int_equal(found, id2);
    assert_true(
        core_history_lines(fx->db, &forms_kind_device, fx->school, found, &lines, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(lines[0].text, "created");
    core_history_free(lines, n);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(finds_live_record_by_uid, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(finds_deleted_record, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(deleted_id_used_again, test_fixture_open,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* storage/bulk.c and the import's use of it: a large import drops the
 * non-unique indexes and re-creates them in the same transaction, a
 * rollback restores them, and in insert mode a duplicate key is found both
 * after an inserted row and after a row that failed. White-box: the index
 * list is read from sqlite_schema through storage/internal.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/core.h"
#include "storage/internal.h"
#include "testlib.h"

static int64_t
n_device_indexes(struct storage_db *db)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                        " AND tbl_name = 'device'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int64_t
n_devices(struct test_fixture *fx)
{
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1};
    struct sk_error err = {0};
    int64_t n = -1;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    return n;
}

static void
insert_devices(struct test_fixture *fx, int n)
{
    for (int i = 0; i < n; i++) {
        char inv[32];
        snprintf(inv, sizeof inv, "B-%d", i);
        const char *kv[] = {"inventory_no", inv, "category", "laptop", NULL};
        test_insert(fx->db, fx->school, &forms_kind_device, kv);
    }
}

static void
large_bulk_drops_the_list_indexes_and_recreates_them_on_commit(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t before = n_device_indexes(fx->db);
    assert_true(storage_bulk_begin(fx->db, &forms_kind_device, 50000, &err));
    assert_true(n_device_indexes(fx->db) < before); /* the unique ones stay */
    assert_true(n_device_indexes(fx->db) >= 2);
    insert_devices(fx, 3);
    assert_true(storage_bulk_end(fx->db, true, &err));
    assert_false(storage_in_transaction(fx->db));
    assert_int_equal(n_device_indexes(fx->db), before);
    assert_int_equal(n_devices(fx), 3);
}

static void
bulk_rollback_restores_the_indexes_and_writes_nothing(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t before = n_device_indexes(fx->db);
    assert_true(storage_bulk_begin(fx->db, &forms_kind_device, 50000, &err));
    insert_devices(fx, 3);
    assert_true(storage_bulk_end(fx->db, false, &err) == false);
    assert_false(storage_in_transaction(fx->db));
    assert_int_equal(n_device_indexes(fx->db), before);
    assert_int_equal(n_devices(fx), 0);
    /* a record operation after bulk mode has its own transaction again */
    insert_devices(fx, 1);
    assert_int_equal(n_devices(fx), 1);
}

static void
small_bulk_keeps_every_index(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    int64_t before = n_device_indexes(fx->db);
    assert_true(storage_bulk_begin(fx->db, &forms_kind_device, 100, &err));
    assert_int_equal(n_device_indexes(fx->db), before);
    insert_devices(fx, 2);
    assert_true(storage_bulk_end(fx->db, true, &err));
    assert_int_equal(n_devices(fx), 2);
}

struct errors {
    size_t n;
    long line[8];
    char msg[8][512];
};

static void
collect(void *ctx, const struct sk_error *e)
{
    struct errors *es = ctx;
    if (es->n < 8) {
        es->line[es->n] = e->line;
        snprintf(es->msg[es->n], sizeof es->msg[es->n], "%s", e->msg);
    }
    es->n++;
}

static void
duplicate_of_a_failed_row_is_still_reported(void **state)
{
    struct test_fixture *fx = *state;
    char path[] = "/tmp/skola-test-bulk-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char csv[] = "inventory_no,category\n"
                              "F-1,sofa\n"   /* fails: not a category */
                              "F-1,laptop\n" /* the same key as the failed row */
                              "G-1,laptop\n"
                              "G-1,laptop\n"; /* the same key as an inserted row */
    assert_int_equal(write(fd, csv, sizeof csv - 1), (ssize_t)(sizeof csv - 1));
    close(fd);
    struct errors es = {0};
    struct core_import_opts o = {
        .encoding = CE_AUTO, .mode = CM_INSERT, .on_error = collect, .ctx = &es};
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(core_import_file(fx->db, &forms_kind_device, fx->school, path, &o, &res, &err));
    unlink(path);
    assert_int_equal(es.n, 3);
    assert_int_equal(es.line[0], 2);
    assert_int_equal(es.line[1], 3);
    assert_non_null(strstr(es.msg[1], "is also on line 2"));
    assert_int_equal(es.line[2], 5);
    assert_non_null(strstr(es.msg[2], "is also on line 4"));
    assert_int_equal(n_devices(fx), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, test_fixture_open, test_fixture_close)
        T(large_bulk_drops_the_list_indexes_and_recreates_them_on_commit),
        T(bulk_rollback_restores_the_indexes_and_writes_nothing),
        T(small_bulk_keeps_every_index),
        T(duplicate_of_a_failed_row_is_still_reported),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Choice-key CHECKs without IN lists (migration 17, storage_gen_column): an
 * insert into any kind's table builds no temporary table (OpenEphemeral,
 * which SQLite makes for `x IN ('a', 'b', 'c')` on every insert), in a
 * fresh file and in one upgraded from the schema before, whose rows,
 * indexes and triggers are all kept; the CHECKs still refuse a key that is
 * not a choice and let NULL through where they did. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "storage/internal.h"
#include "testlib.h"

static char dir[64];
static char path[256];

static int
setup(void **state)
{
    (void)state;
    test_dir_make(dir, sizeof dir, "test-checks");
    snprintf(path, sizeof path, "%s/skola.db", dir);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static int64_t
raw_int(sqlite3 *raw, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Steps before 12 index with the collation skola had then. */
static int
collate_lv(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return c ? c : na - nb;
}

static void
raw_exec(sqlite3 *raw, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Whether an insert of NULLs into each column of table's CHECKs, compiled
 * by this connection, opens a temporary table. */
static bool
insert_opens_ephemeral(sqlite3 *raw, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql, "EXPLAIN INSERT INTO \"%s\" DEFAULT VALUES", table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    bool opens = false;
    while (sqlite3_step(st) == SQLITE_ROW)
        opens |= strcmp((const char *)sqlite3_column_text(st, 1), "OpenEphemeral") == 0;
    sqlite3_finalize(st);
    return opens;
}

/* Every table of the file: its insert opens no temporary table (read in a
 * new connection, which parses the schema text as stored). */
static void
assert_no_in_lists(const char *file)
{
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(file, &raw), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                        " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (insert_opens_ephemeral(raw, name))
            fail_msg("an insert into %s builds a temporary table (a CHECK with IN)", name);
        n++;
    }
    sqlite3_finalize(st);
    assert_true(n > 10);
    assert_int_equal(raw_int(raw, "SELECT count(*) FROM pragma_integrity_check"
                                  " WHERE integrity_check <> 'ok'"),
                     0);
    sqlite3_close(raw);
}

static void
a_fresh_file_has_no_in_list_checks(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    storage_close(db);
    assert_no_in_lists(path);
}

static void
an_upgraded_file_keeps_rows_and_checks_without_in_lists(void **state)
{
    (void)state;
    /* the file as the schema before step 17 left it, with rows */
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_create_collation_v2(raw, "lv", SQLITE_UTF8, NULL, collate_lv, NULL),
                     SQLITE_OK);
    raw_exec(raw, "BEGIN");
    for (int v = 1; v < MIGRATE_CHECKS_WITHOUT_IN; v++)
        raw_exec(raw, storage_migrate_step_sql(v));
    char *ver = sqlite3_mprintf("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                STORAGE_APPLICATION_ID, MIGRATE_CHECKS_WITHOUT_IN - 1);
    raw_exec(raw, ver);
    sqlite3_free(ver);
    raw_exec(raw, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                  "INSERT INTO device(school_id, inventory_no, status, search, version)"
                  " VALUES (1, 'INV-1', 'broken', '', 1), (1, 'INV-2', NULL, '', 1);"
                  "INSERT INTO staff(school_id, full_name, digcompedu, search, version)"
                  " VALUES (1, 'Anna', 'B2', '', 1);");
    raw_exec(raw, "COMMIT");
    int64_t n_objects = raw_int(raw, "SELECT count(*) FROM sqlite_schema");
    assert_true(insert_opens_ephemeral(raw, "device")); /* as before the step */
    sqlite3_close(raw);

    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    /* the same connection that rewrote the texts adds columns and writes
     * records (it parses the new texts at once) */
    test_insert(db, 1, &forms_kind_device,
                (const char *const[]){"inventory_no", "INV-7", "category", "laptop", "status",
                                      "on_loan", NULL});
    storage_close(db);
    assert_no_in_lists(path);

    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(raw_int(raw, "SELECT count(*) FROM device WHERE inventory_no = 'INV-7'"
                                  " AND status = 'on_loan' AND import_batch IS NULL"),
                     1);
    assert_int_equal(raw_int(raw, "PRAGMA user_version"), storage_schema_version);
    /* every object kept (the sync may add what descriptors gained since) */
    assert_true(raw_int(raw, "SELECT count(*) FROM sqlite_schema") >= n_objects);
    assert_int_equal(raw_int(raw, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                  " ('device_natkey', 'observation_template_default',"
                                  " 'observation_template_keep', 'audit_record')"),
                     4);
    assert_int_equal(raw_int(raw, "SELECT count(*) FROM device WHERE status = 'broken'"
                                  " OR (inventory_no = 'INV-2' AND status IS NULL)"),
                     2);
    assert_int_equal(raw_int(raw, "SELECT count(*) FROM staff WHERE digcompedu = 'B2'"), 1);
    /* the CHECKs still hold: a key that is no choice is refused, NULL is not */
    assert_int_equal(sqlite3_exec(raw,
                                  "INSERT INTO device(school_id, inventory_no, status, version)"
                                  " VALUES (1, 'INV-3', 'in_useX', 1)",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(sqlite3_exec(raw,
                                  "INSERT INTO device(school_id, inventory_no, status, version)"
                                  " VALUES (1, 'INV-4', 'in_use''', 1)",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(sqlite3_exec(raw,
                                  "INSERT INTO staff(school_id, full_name, digcompedu, version)"
                                  " VALUES (1, 'Berta', 'b2', 1)",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(
        sqlite3_exec(raw,
                     "INSERT INTO audit(at, os_user, school_id, kind, record_id, action)"
                     " VALUES ('x', 'u', 1, 'devices', 1, 'inserts')",
                     NULL, NULL, NULL),
        SQLITE_CONSTRAINT);
    raw_exec(raw, "INSERT INTO device(school_id, inventory_no, status, version, uid)"
                  " VALUES (1, 'INV-5', 'written_off', 1, '00000000-0000-4000-8000-000000000005'),"
                  " (1, 'INV-6', NULL, 1, '00000000-0000-4000-8000-000000000006')");
    sqlite3_close(raw);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_fresh_file_has_no_in_list_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(an_upgraded_file_keeps_rows_and_checks_without_in_lists,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

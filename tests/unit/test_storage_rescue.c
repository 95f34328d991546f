/* storage/rescue.c and the schema comparison of storage_check: a rescue
 * builds skola's own schema (every table, index and trigger) whatever the
 * damaged file says, never runs SQL text from it, and `check` names what a
 * file has missing or extra. Files live in a fresh mkdtemp() folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testlib.h"
#include <sqlite3.h>

#include "storage/storage.h"
#include "tests/unit/testlib.h"

struct fixture {
    char dir[64];
    char src[128], dst[128], fresh[128];
};

static int
make_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    test_dir_make(fx->dir, sizeof fx->dir, "rescue");
    snprintf(fx->src, sizeof fx->src, "%s/src.db", fx->dir);
    snprintf(fx->dst, sizeof fx->dst, "%s/dst.db", fx->dir);
    snprintf(fx->fresh, sizeof fx->fresh, "%s/fresh.db", fx->dir);
    *state = fx;
    return 0;
}

static int
remove_dir(void **state)
{
    struct fixture *fx = *state;
    test_dir_remove(fx->dir);
    free(fx);
    return 0;
}

/* Runs SQL on a file with plain SQLite (no skola). */
static void
raw_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
}

/* The text of the first column of every row of sql, one per line (owned). */
static char *
raw_lines(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    while (sqlite3_step(st) == SQLITE_ROW)
        sk_buf_addf(&b, "%s\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return b.s;
}

static const char *const objects =
    "SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1";

/* A file with a school and a device. */
static void
make_file(const char *path)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    if (!db)
        fail_msg("%s", err.msg);
    int64_t school = 0;
    assert_true(storage_school_create(db, "S1", "Skola", NULL, &school, &err));
    const char *kv[] = {"inventory_no", "D-1", "category", "laptop", NULL};
    test_insert(db, school, &forms_kind_device, kv);
    storage_close(db);
}

struct lines {
    struct sk_buf text;
};

static void
collect(void *ctx, const char *line)
{
    sk_buf_addf(&((struct lines *)ctx)->text, "%s\n", line);
}

static void
rescue_builds_the_whole_schema_and_runs_nothing_from_the_file(void **state)
{
    struct fixture *fx = *state;
    make_file(fx->src);
    make_file(fx->fresh);
    /* what the "damaged" file says: an index gone, a foreign table and a
     * trigger that would empty the school table if it ever ran */
    raw_sql(fx->src, "DROP INDEX audit_school;"
                     "CREATE TABLE extra (x); INSERT INTO extra VALUES (1);"
                     "CREATE TRIGGER evil AFTER INSERT ON device BEGIN DELETE FROM school; END;");
    struct storage_rescue_report rep;
    struct sk_error err = {0};
    if (!storage_rescue(fx->src, fx->dst, &rep, &err))
        fail_msg("%s", err.msg);
    char *want = raw_lines(fx->fresh, objects), *got = raw_lines(fx->dst, objects);
    assert_string_equal(got, want);
    free(want);
    free(got);
    char *rows = raw_lines(fx->dst, "SELECT (SELECT count(*) FROM school) || ',' ||"
                                    " (SELECT group_concat(inventory_no) FROM device)");
    assert_string_equal(rows, "1,D-1\n");
    free(rows);
    struct storage_db *db = storage_open(fx->dst, SO_READ, &err);
    if (!db)
        fail_msg("%s", err.msg);
    struct lines lines = {0};
    if (!storage_check(db, collect, &lines, &err))
        fail_msg("%s: %s", err.msg, lines.text.s);
    storage_close(db);
    sk_buf_free(&lines.text);
}

/* The ticks of a sheet live in a WITHOUT ROWID table (observation_tick):
 * a rescue copies them by their key, with no lost stretch. */
static void
rescue_keeps_the_ticks_of_observation_sheets(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->src, SO_CREATE, &err);
    if (!db)
        fail_msg("%s", err.msg);
    int64_t school = 0;
    assert_true(storage_school_create(db, "S1", "Skola", NULL, &school, &err));
    for (int i = 0; i < 3; i++) {
        const char *kv[] = {"date",        "2024-02-01", "status", "draft", "crit_1_1",
                            i ? "1" : "0", "crit_4_6",   "1",      NULL};
        test_insert(db, school, &forms_kind_observation, kv);
    }
    storage_close(db);
    struct storage_rescue_report rep;
    if (!storage_rescue(fx->src, fx->dst, &rep, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(rep.lost_ranges, 0);
    const char *q = "SELECT group_concat(observation_id || ':' || criterion_id || '=' || ticked)"
                    " FROM (SELECT * FROM observation_tick ORDER BY 1, 2)";
    char *want = raw_lines(fx->src, q), *got = raw_lines(fx->dst, q);
    assert_string_equal(got, want);
    assert_string_equal(want, "1:1=0,1:17=1,2:1=1,2:17=1,3:1=1,3:17=1\n");
    free(want);
    free(got);
}

static void
check_names_missing_and_foreign_objects(void **state)
{
    struct fixture *fx = *state;
    make_file(fx->src);
    raw_sql(fx->src, "DROP INDEX audit_school; CREATE TABLE extra (x);"
                     "CREATE INDEX audit_schoolx ON audit(school_id);");
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->src, SO_READ, &err);
    if (!db)
        fail_msg("%s", err.msg);
    struct lines lines = {0};
    assert_false(storage_check(db, collect, &lines, &err));
    storage_close(db);
    const char *text = lines.text.s;
    assert_non_null(strstr(text, "index audit_school is missing\n"));
    assert_non_null(strstr(text, "table extra is not part of skola's schema\n"));
    assert_non_null(strstr(text, "index audit_schoolx is not part of skola's schema\n"));
    sk_buf_free(&lines.text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rescue_keeps_the_ticks_of_observation_sheets, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(
            rescue_builds_the_whole_schema_and_runs_nothing_from_the_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(check_names_missing_and_foreign_objects, make_dir,
                                        remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

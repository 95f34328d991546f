/* storage/db.c: creating files with safe modes, refusing foreign, newer and
 * non-database files, WAL, backup, check and the default path. Files live
 * in a fresh mkdtemp() folder removed afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "testlib.h"
#include <sqlite3.h>

#include "storage/storage.h"

struct fixture {
    char dir[64];
    char path[128];
};

static int
make_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    test_dir_make(fx->dir, sizeof fx->dir, "storage");
    snprintf(fx->path, sizeof fx->path, "%s/skola.db", fx->dir);
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

static int64_t
raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static mode_t
mode_of(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return sb.st_mode & 07777;
}

static void
create_makes_private_folder_and_file_whatever_the_umask(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    char nested[192], folder[160];
    snprintf(folder, sizeof folder, "%s/a/skola", fx->dir);
    snprintf(nested, sizeof nested, "%s/skola.db", folder);
    mode_t old = umask(0);
    struct storage_db *db = storage_open(nested, SO_CREATE, &err);
    umask(old);
    if (!db)
        fail_msg("%s", err.msg);
    storage_close(db);
    assert_int_equal(mode_of(folder), 0700);
    assert_int_equal(mode_of(nested), 0600);
    assert_true(storage_exists(nested));
    sqlite3 *raw;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(nested, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

static void
missing_file_without_create_is_an_io_error(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    assert_false(storage_exists(fx->path));
    assert_null(storage_open(fx->path, 0, &err));
    assert_int_equal(err.code, SK_EIO);
    assert_non_null(strstr(err.msg, fx->path));
    assert_false(storage_exists(fx->path));
}

static void
data_survives_reopening_and_read_only(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->path, SO_CREATE, &err);
    assert_non_null(db);
    int64_t id;
    assert_true(storage_school_create(db, "1", "Skola", NULL, &id, &err));
    storage_close(db);
    db = storage_open(fx->path, SO_READONLY, &err);
    if (!db)
        fail_msg("%s", err.msg);
    struct storage_school s;
    assert_true(storage_school_get(db, NULL, &s, &err));
    assert_string_equal(s.name, "Skola");
    assert_false(storage_school_create(db, "2", "Cita", NULL, &id, &err));
    storage_close(db);
}

static void
newer_schema_is_refused_with_a_clear_message(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    storage_close(storage_open(fx->path, SO_CREATE, &err));
    raw_sql(fx->path, "PRAGMA user_version = 99");
    assert_null(storage_open(fx->path, 0, &err));
    assert_int_equal(err.code, SK_EDB);
    assert_non_null(strstr(err.msg, "newer skola (schema 99)"));
    assert_non_null(strstr(err.msg, "please update skola"));
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 99);
}

static void
foreign_application_id_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    raw_sql(fx->path, "PRAGMA application_id = 1234; CREATE TABLE t(x)");
    assert_null(storage_open(fx->path, SO_CREATE, &err));
    assert_int_equal(err.code, SK_EDB);
    assert_non_null(strstr(err.msg, "is not a skola database"));
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_schema"), 1);
}

static void
other_sqlite_file_without_id_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    raw_sql(fx->path, "CREATE TABLE t(x)");
    assert_null(storage_open(fx->path, SO_CREATE, &err));
    assert_int_equal(err.code, SK_EDB);
    assert_non_null(strstr(err.msg, "is not a skola database"));
}

static void
text_file_is_not_a_database(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    FILE *f = fopen(fx->path, "w");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("inventory_no,category\n", f);
    fclose(f);
    assert_null(storage_open(fx->path, SO_CREATE, &err));
    assert_int_equal(err.code, SK_EDB);
    assert_non_null(strstr(err.msg, "is not a skola database"));
}

static void
backup_is_a_private_readable_copy(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->path, SO_CREATE, &err);
    assert_non_null(db);
    int64_t id;
    assert_true(storage_school_create(db, "1", "Skola", NULL, &id, &err));
    char copy[192];
    snprintf(copy, sizeof copy, "%s/backup.db", fx->dir);
    mode_t old = umask(0);
    bool ok = storage_backup(db, copy, &err);
    umask(old);
    if (!ok)
        fail_msg("%s", err.msg);
    /* Overwriting an earlier backup works too. */
    assert_true(storage_backup(db, copy, &err));
    storage_close(db);
    assert_int_equal(mode_of(copy), 0600);
    db = storage_open(copy, SO_READONLY, &err);
    if (!db)
        fail_msg("%s", err.msg);
    struct storage_school s;
    assert_true(storage_school_get(db, "1", &s, &err));
    storage_close(db);
}

struct lines {
    size_t n;
};

static void
count_line(void *ctx, const char *line)
{
    (void)line;
    ((struct lines *)ctx)->n++;
}

static void
check_passes_on_a_healthy_file(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->path, SO_CREATE, &err);
    assert_non_null(db);
    struct lines lines = {0};
    assert_true(storage_check(db, count_line, &lines, &err));
    assert_int_equal(lines.n, 0);
    storage_close(db);
}

static void
default_path_follows_the_environment(void **state)
{
    (void)state;
    setenv("SKOLA_DB", "/x/y.db", 1);
    char *p = storage_default_path();
    assert_string_equal(p, "/x/y.db");
    free(p);
    unsetenv("SKOLA_DB");
    setenv("XDG_DATA_HOME", "/data", 1);
    p = storage_default_path();
    assert_string_equal(p, "/data/skola/skola.db");
    free(p);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/anna", 1);
    p = storage_default_path();
    assert_string_equal(p, "/home/anna/.local/share/skola/skola.db");
    free(p);
}

static void
transactions_nest_operations(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    assert_false(storage_in_transaction(db));
    assert_true(storage_begin(db, &err));
    assert_true(storage_in_transaction(db));
    int64_t id;
    assert_true(storage_school_create(db, "1", "Skola", NULL, &id, &err));
    storage_rollback(db);
    assert_false(storage_in_transaction(db));
    storage_rollback(db); /* no-op */
    struct storage_school s;
    assert_false(storage_school_get(db, NULL, &s, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    storage_close(db);
    storage_close(NULL);
}

/* A trigger another program adds while skola has the file open is found
 * at the next write, not only at open (second report, N14): the write is
 * refused and the trigger never runs; once it is gone, writing works. */
static void
trigger_added_while_open_is_refused_at_the_next_write(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(fx->path, SO_CREATE, &err);
    assert_non_null(db);
    int64_t id;
    assert_true(storage_school_create(db, "1", "Skola", NULL, &id, &err));
    int64_t audit_before = raw_int(fx->path, "SELECT count(*) FROM audit");
    assert_true(audit_before > 0);
    raw_sql(fx->path, "CREATE TRIGGER evil AFTER INSERT ON school BEGIN DELETE FROM audit; END;");
    assert_false(storage_school_create(db, "2", "Otra", NULL, &id, &err));
    assert_non_null(strstr(err.msg, "triggers that skola did not make"));
    assert_non_null(strstr(err.msg, "evil"));
    assert_false(storage_in_transaction(db));
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM school"), 1);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM audit"), audit_before);
    raw_sql(fx->path, "DROP TRIGGER evil");
    sk_error_clear(&err);
    assert_true(storage_school_create(db, "2", "Otra", NULL, &id, &err));
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM school"), 2);
    storage_close(db);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, make_dir, remove_dir)
        T(create_makes_private_folder_and_file_whatever_the_umask),
        T(missing_file_without_create_is_an_io_error),
        T(data_survives_reopening_and_read_only),
        T(newer_schema_is_refused_with_a_clear_message),
        T(foreign_application_id_is_refused),
        T(other_sqlite_file_without_id_is_refused),
        T(text_file_is_not_a_database),
        T(backup_is_a_private_readable_copy),
        T(check_passes_on_a_healthy_file),
        T(default_path_follows_the_environment),
        T(transactions_nest_operations),
        T(trigger_added_while_open_is_refused_at_the_next_write),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* "Saved" means saved: a database file opened for writing commits with
 * synchronous=FULL (in WAL mode NORMAL may lose the last transactions to a
 * power cut), and so does a file on a network file system (DELETE journal). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "testlib.h"

#include "storage/internal.h"

static int64_t
pragma_int(struct storage_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void
a_file_opened_for_writing_syncs_every_commit(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-test-durable-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/skola.db", dir);
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    assert_int_equal(pragma_int(db, "PRAGMA synchronous"), 2); /* FULL */
    storage_close(db);
    db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("reopen: %s", err.msg);
    assert_int_equal(pragma_int(db, "PRAGMA synchronous"), 2);
    storage_close(db);
    assert_int_equal(test_dir_remove(dir), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_opened_for_writing_syncs_every_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

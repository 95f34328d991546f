/* storage/uid.c: every record gets a random uid when it is first stored,
 * keeps it through updates, and a file older than uids gives each of its
 * rows one on the next open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/internal.h"
#include "testlib.h"

static void
assert_uid_shape(const char *uid)
{
    char canon[FORMS_UID_LEN + 1];
    assert_int_equal(strlen(uid), FORMS_UID_LEN);
    assert_true(forms_uid_parse(uid, strlen(uid), canon));
    assert_string_equal(canon, uid); /* lowercase already */
    assert_int_equal(uid[14], '7');  /* version 7 (time-ordered, see uid.c) */
    assert_non_null(strchr("89ab", uid[19]));
}

static int64_t
sql_int(struct storage_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void
device(struct forms_record *rec, const char *invno)
{
    forms_record_defaults(rec);
    test_set(rec, "inventory_no", invno);
    test_set(rec, "category", "laptop");
}

static void
insert_gives_a_uid_that_is_stored_and_kept_on_update(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec, back;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_init(&back, &forms_kind_device);
    device(&rec, "U-1");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_uid_shape(rec.uid);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, rec.id, &back, &err));
    assert_string_equal(back.uid, rec.uid);
    char before[FORMS_UID_LEN + 1];
    memcpy(before, rec.uid, sizeof before);
    test_set(&back, "model", "Latitude");
    assert_true(storage_record_update(fx->db, fx->school, &back, &err));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, rec.id, &back, &err));
    assert_string_equal(back.uid, before);
    assert_string_equal(test_get(&back, "model"), "Latitude");
    int64_t id = 0, school = 0;
    assert_true(storage_record_find_uid(fx->db, &forms_kind_device, before, &id, &school, &err));
    assert_int_equal(id, rec.id);
    assert_int_equal(school, fx->school);
    /* the same struct inserted again (a form's "save and new") is a new record */
    device(&rec, "U-2");
    memcpy(rec.uid, before, sizeof before);
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_string_not_equal(rec.uid, before);
    forms_record_fini(&rec);
    forms_record_fini(&back);
}

static void
uids_are_unique(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    for (int i = 0; i < 2000; i++) {
        char inv[16];
        snprintf(inv, sizeof inv, "N-%d", i);
        device(&rec, inv);
        assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    }
    forms_record_fini(&rec);
    assert_int_equal(sql_int(fx->db, "SELECT count(DISTINCT uid) FROM device"), 2000);
    /* the random bits are spread: a digit of the random part takes every value */
    assert_true(sql_int(fx->db, "SELECT count(DISTINCT substr(uid, 25, 1)) FROM device") == 16);
}

static void
a_given_uid_is_kept_and_a_second_one_refused(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    const char *uid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    device(&rec, "G-1");
    assert_true(storage_record_insert_uid(fx->db, fx->school, &rec, uid, &err));
    assert_string_equal(rec.uid, uid);
    device(&rec, "G-2");
    assert_false(storage_record_insert_uid(fx->db, fx->school, &rec, uid, &err));
    assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM device"), 1);
    forms_record_fini(&rec);
}

static void
uid_text_is_read_in_either_case_and_nothing_else(void **state)
{
    (void)state;
    char out[FORMS_UID_LEN + 1];
    assert_true(forms_uid_parse("0F8FAD5B-D9CB-469F-A165-70867728950E", 36, out));
    assert_string_equal(out, "0f8fad5b-d9cb-469f-a165-70867728950e");
    const char *bad[] = {
        "0f8fad5b-d9cb-469f-a165-70867728950",   /* short */
        "0f8fad5b-d9cb-469f-a165-70867728950e0", /* long */
        "0f8fad5bd-9cb-469f-a165-70867728950e",  /* dash moved */
        "0f8fad5b-d9cb-469f-a165-70867728950g",  /* not hex */
        "{f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5b d9cb 469f a165 70867728950e",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (forms_uid_parse(bad[i], strlen(bad[i]), out))
            fail_msg("accepted %s", bad[i]);
}

/* A file written before uids: every kind's table without the column (the
 * historical ones and the generated ones alike), and a fingerprint that
 * asks for the sync. */
static void
a_file_older_than_uids_gets_one_per_row(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-uid-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/old.db", dir);
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    assert_non_null(db);
    int64_t school = 0;
    assert_true(storage_school_create(db, "1", "Pirmā", NULL, &school, &err));
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    for (int i = 0; i < 50; i++) {
        char inv[16];
        snprintf(inv, sizeof inv, "OLD-%d", i);
        device(&rec, inv);
        assert_true(storage_record_insert(db, school, &rec, &err));
    }
    forms_record_fini(&rec);
    const char *const staff[] = {"full_name", "Anna Ābele", "role", "teacher", NULL};
    test_insert(db, school, &forms_kind_staff, staff);
    storage_close(db);

    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    for (size_t k = 0; k < forms_n_kinds; k++) {
        char *sql =
            sqlite3_mprintf("DROP INDEX \"%w_uid\"; DROP INDEX \"%w_nouid\";"
                            " ALTER TABLE \"%w\" DROP COLUMN uid",
                            forms_kinds[k]->table, forms_kinds[k]->table, forms_kinds[k]->table);
        assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_free(sql);
    }
    assert_int_equal(
        sqlite3_exec(raw, "UPDATE generated_schema SET fingerprint = 'old'", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);

    db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM device"), 50);
    assert_int_equal(sql_int(db, "SELECT count(DISTINCT uid) FROM device"), 50);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM staff WHERE length(uid) = 36"), 1);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT uid FROM device", -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        assert_uid_shape((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    /* and the unique index is back */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'device_uid'"
                                 " AND sql LIKE 'CREATE UNIQUE%'"),
                     1);
    storage_close(db);
    assert_int_equal(test_dir_remove(dir), 0);
}

/* The text of every table and index of the file at path, one per line. */
static char *
schema_text(const char *path)
{
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT name || ': ' || sql FROM sqlite_schema"
                                        " WHERE sql IS NOT NULL AND type IN ('table', 'index')"
                                        " ORDER BY name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    struct sk_buf b = {0};
    while (sqlite3_step(st) == SQLITE_ROW)
        sk_buf_addf(&b, "%s\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return b.s;
}

/* Rows another program inserts without a uid ('' by default): two of a
 * kind are no UNIQUE conflict, a file of the build before (a full unique
 * index on uid) gets the same indexes as a fresh one when opened, and its
 * rows without a uid get theirs; check counts them, repair fills them. */
static void
rows_without_uid_from_another_program(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-uid-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fresh[64], old[64];
    snprintf(fresh, sizeof fresh, "%s/fresh.db", dir);
    snprintf(old, sizeof old, "%s/old.db", dir);
    struct sk_error err = {0};
    const char *const paths[] = {fresh, old};
    for (size_t i = 0; i < 2; i++) {
        struct storage_db *db = storage_open(paths[i], SO_CREATE, &err);
        assert_non_null(db);
        int64_t school = 0;
        assert_true(storage_school_create(db, "1", "Pirmā", NULL, &school, &err));
        storage_close(db);
    }
    /* old.db as the previous build made it: a unique index on every uid,
     * no <table>_nouid, that build's fingerprint */
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(old, &raw), SQLITE_OK);
    for (size_t k = 0; k < forms_n_kinds; k++) {
        char *sql = sqlite3_mprintf("DROP INDEX \"%w_uid\"; DROP INDEX \"%w_nouid\";"
                                    " CREATE UNIQUE INDEX \"%w_uid\" ON \"%w\"(uid)",
                                    forms_kinds[k]->table, forms_kinds[k]->table,
                                    forms_kinds[k]->table, forms_kinds[k]->table);
        assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_free(sql);
    }
    assert_int_equal(
        sqlite3_exec(raw,
                     "UPDATE generated_schema SET fingerprint = 'previous';"
                     "INSERT INTO device(school_id, inventory_no, category, status,"
                     " search, version) VALUES (1, 'EXT-0', 'laptop', 'in_use', '', 1)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    /* the old index refuses a second row without a uid */
    assert_int_not_equal(
        sqlite3_exec(raw,
                     "INSERT INTO device(school_id, inventory_no, category, status,"
                     " search, version) VALUES (1, 'EXT-X', 'laptop', 'in_use', '', 1)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    char *want = schema_text(fresh);
    assert_non_null(strstr(want, "device_uid: CREATE UNIQUE INDEX \"device_uid\" ON \"device\"(uid)"
                                 " WHERE uid <> ''"));
    char *before = schema_text(old);
    assert_string_not_equal(before, want);
    free(before);

    struct storage_db *db = storage_open(old, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    /* the row without a uid got one at the open for writing */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM device WHERE uid = ''"), 0);
    storage_close(db);
    char *after = schema_text(old);
    assert_string_equal(after, want);
    free(after);
    free(want);

    /* now two rows without a uid per kind are fine; check counts, repair fills */
    assert_int_equal(sqlite3_open(old, &raw), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            raw,
            "INSERT INTO device(school_id, inventory_no, category, status, search,"
            " version) VALUES (1, 'EXT-1', 'laptop', 'in_use', '', 1), (1, 'EXT-2',"
            " 'laptop', 'in_use', '', 1);"
            "INSERT INTO staff(school_id, full_name, role, search, version) VALUES"
            " (1, 'Ārējā Alise', 'teacher', '', 1), (1, 'Ārējais Ansis', 'teacher', '', 1)",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    db = storage_open(old, SO_NO_CHECK, &err); /* as `check --repair`: no fill at the open */
    assert_non_null(db);
    int64_t *missing = calloc(forms_n_kinds, sizeof *missing);
    assert_non_null(missing);
    assert_true(storage_uids_check(db, missing, &err));
    int64_t total = 0;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        total += missing[k];
        if (forms_kinds[k] == &forms_kind_device || forms_kinds[k] == &forms_kind_staff)
            assert_int_equal(missing[k], 2);
    }
    assert_int_equal(total, 4);
    /* '' names no record */
    int64_t id = -1, sid = -1;
    assert_true(storage_record_find_uid(db, &forms_kind_device, "", &id, &sid, &err));
    assert_int_equal(id, 0);
    int64_t fixed = 0;
    assert_true(storage_uids_repair(db, &fixed, &err));
    assert_int_equal(fixed, 4);
    assert_int_equal(sql_int(db, "SELECT count(DISTINCT uid) FROM device WHERE inventory_no"
                                 " LIKE 'EXT-%' AND uid <> ''"),
                     3);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT uid FROM staff WHERE full_name LIKE 'Ārēj%'", -1,
                                        &st, NULL),
                     SQLITE_OK);
    int n = 0;
    for (; sqlite3_step(st) == SQLITE_ROW; n++)
        assert_uid_shape((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_int_equal(n, 2);
    assert_true(storage_uids_check(db, missing, &err));
    for (size_t k = 0; k < forms_n_kinds; k++)
        assert_int_equal(missing[k], 0);
    assert_true(storage_uids_repair(db, &fixed, &err));
    assert_int_equal(fixed, 0);
    free(missing);
    storage_close(db);
    assert_int_equal(test_dir_remove(dir), 0);
}

/* An update of a row another program wrote without a uid gives it one. */
static void
update_gives_a_missing_uid(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    device(&rec, "NOUID-1");
    assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
    char *sql = sqlite3_mprintf("UPDATE device SET uid = '' WHERE id = %lld", (long long)rec.id);
    assert_int_equal(sqlite3_exec(fx->db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, rec.id, &rec, &err));
    assert_string_equal(rec.uid, "");
    test_set(&rec, "model", "Latitude");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, rec.id, &rec, &err));
    assert_uid_shape(rec.uid);
    forms_record_fini(&rec);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(insert_gives_a_uid_that_is_stored_and_kept_on_update,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(uids_are_unique, test_fixture_open, test_fixture_close),
        cmocka_unit_test_setup_teardown(a_given_uid_is_kept_and_a_second_one_refused,
                                        test_fixture_open, test_fixture_close),
        cmocka_unit_test(uid_text_is_read_in_either_case_and_nothing_else),
        cmocka_unit_test(a_file_older_than_uids_gets_one_per_row),
        cmocka_unit_test(rows_without_uid_from_another_program),
        cmocka_unit_test_setup_teardown(update_gives_a_missing_uid, test_fixture_open,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

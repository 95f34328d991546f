/* storage/sortkey.c and migration 12/13: the database file is a standard
 * SQLite database (no collation or function only skola has), Latvian list
 * order comes from stored sort keys, rows written by another program are
 * listed once each at a defined place, `check` counts their outdated keys
 * and the repair recomputes them; a file of schema 11 (list indexes with
 * COLLATE lv) is converted. White-box: reads the connection through
 * storage/internal.h and writes like the sqlite3 CLI through its own plain
 * connection. */
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

static char dir[64];
static char path[256];

static int
setup(void **state)
{
    (void)state;
    test_dir_make(dir, sizeof dir, "test-sortkey");
    snprintf(path, sizeof path, "%s/skola.db", dir);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

/* A plain connection: no collation, no function of skola's. */
static sqlite3 *
plain_open(void)
{
    sqlite3 *raw = NULL;
    if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("open %s: %s", path, sqlite3_errmsg(raw));
    return raw;
}

static void
plain_exec(sqlite3 *raw, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* The first column of the first row of sql, as text (static buffer). */
static const char *
plain_text(sqlite3 *raw, const char *sql)
{
    static char out[512];
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    out[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
    else if (sqlite3_errcode(raw) != SQLITE_OK && sqlite3_errcode(raw) != SQLITE_DONE &&
             sqlite3_errcode(raw) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    sqlite3_finalize(st);
    return out;
}

/* What the sqlite3 CLI, Python or DB Browser need: integrity_check passes
 * and the schema names no collation but the built-in ones. */
static void
assert_plain_sqlite_can_use(sqlite3 *raw)
{
    assert_string_equal(plain_text(raw, "PRAGMA integrity_check"), "ok");
    assert_string_equal(plain_text(raw, "SELECT count(*) FROM sqlite_schema"
                                        " WHERE sql LIKE '%COLLATE%'"),
                        "0");
}

static size_t
staff_kind_index(void)
{
    for (size_t k = 0; k < forms_n_kinds; k++)
        if (forms_kinds[k] == &forms_kind_staff)
            return k;
    fail_msg("no staff kind");
    return 0;
}

/* Every row of the staff list by name, paged one row at a time through the
 * keyset anchors (forwards, or backwards when `backwards`), as names. */
static size_t
list_names_one_by_one(struct storage_db *db, int64_t school, bool backwards, char names[][64],
                      size_t cap)
{
    struct sk_error err = {0};
    struct storage_query q = {.kind = &forms_kind_staff,
                              .school_id = school,
                              .sort_field = forms_field_index(&forms_kind_staff, "full_name")};
    struct storage_page page = {0};
    struct forms_record anchor;
    forms_record_init(&anchor, &forms_kind_staff);
    size_t n = 0;
    bool ok = storage_page_fetch(db, &q, NULL, backwards ? SD_LAST : SD_FIRST, 1, &page, &err);
    while (ok && page.n == 1) {
        assert_true(n < cap);
        snprintf(names[n++], 64, "%s", test_get(&page.rows[0], "full_name"));
        forms_record_copy(&anchor, &page.rows[0]);
        ok = storage_page_fetch(db, &q, &anchor, backwards ? SD_BEFORE : SD_AFTER, 1, &page, &err);
    }
    if (!ok)
        fail_msg("page: %s", err.msg);
    forms_record_fini(&anchor);
    storage_page_fini(&page);
    if (backwards)
        for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
            char t[64];
            memcpy(t, names[i], 64);
            memcpy(names[i], names[j - 1], 64);
            memcpy(names[j - 1], t, 64);
        }
    return n;
}

static void
assert_latvian_order(char names[][64], size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (forms_collate(names[i], strlen(names[i]), names[i + 1], strlen(names[i + 1])) > 0)
            fail_msg("“%s” listed before “%s”", names[i], names[i + 1]);
}

static const char *const people[] = {
    "Zane Ozola",  "Ēriks Bērziņš", "Anna Zariņa",     "ābele Ilze",  "Čaks Jānis",
    "Eva Kalniņa", "Šķēle Rūta",    "Cīrulis Mārtiņš", "žagata Elza", "Ilze Bērziņa",
};
enum { N_PEOPLE = sizeof people / sizeof people[0] };

static int64_t
make_file_with_staff(void)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    int64_t school = 0;
    assert_true(storage_school_create(db, "1", "Pirmā", NULL, &school, &err));
    for (size_t i = 0; i < N_PEOPLE; i++)
        test_insert(db, school, &forms_kind_staff,
                    (const char *const[]){"full_name", people[i], NULL});
    storage_close(db);
    return school;
}

static void
plain_sqlite_checks_and_writes_the_file(void **state)
{
    (void)state;
    make_file_with_staff();
    sqlite3 *raw = plain_open();
    assert_plain_sqlite_can_use(raw);
    /* the writes another program makes: the keys stay as they were */
    plain_exec(raw, "UPDATE staff SET full_name = 'Ādams Pēteris' WHERE full_name = 'Zane Ozola'");
    plain_exec(raw, "INSERT INTO staff(school_id, full_name) VALUES (1, 'Bērziņa Una')");
    plain_exec(raw, "UPDATE staff SET full_name = 'Ūdre Līga', full_name__sk = NULL"
                    " WHERE full_name = 'Anna Zariņa'");
    assert_plain_sqlite_can_use(raw);
    sqlite3_close(raw);
}

static void
stale_keys_are_counted_listed_once_and_repaired(void **state)
{
    (void)state;
    int64_t school = make_file_with_staff();
    sqlite3 *raw = plain_open();
    plain_exec(raw, "UPDATE staff SET full_name = 'Ādams Pēteris' WHERE full_name = 'Zane Ozola'");
    plain_exec(raw, "INSERT INTO staff(school_id, full_name) VALUES (1, 'Bērziņa Una')");
    plain_exec(raw, "UPDATE staff SET full_name = 'Ūdre Līga', full_name__sk = NULL"
                    " WHERE full_name = 'Anna Zariņa'");
    sqlite3_close(raw);

    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    int64_t stale[64] = {0};
    assert_true(forms_n_kinds <= 64);
    if (!storage_sortkeys_check(db, stale, &err))
        fail_msg("check: %s", err.msg);
    for (size_t k = 0; k < forms_n_kinds; k++)
        assert_int_equal(stale[k], k == staff_kind_index() ? 3 : 0);

    /* Until the repair: every row listed exactly once either way, the rows
     * without a key first. */
    char fwd[32][64], back[32][64];
    size_t n = list_names_one_by_one(db, school, false, fwd, 32);
    assert_int_equal(n, N_PEOPLE + 1);
    assert_int_equal(list_names_one_by_one(db, school, true, back, 32), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(fwd[i], back[i]);
    bool first_two_are_keyless =
        (strcmp(fwd[0], "Bērziņa Una") == 0 && strcmp(fwd[1], "Ūdre Līga") == 0) ||
        (strcmp(fwd[1], "Bērziņa Una") == 0 && strcmp(fwd[0], "Ūdre Līga") == 0);
    assert_true(first_two_are_keyless);

    int64_t fixed = 0;
    assert_true(storage_sortkeys_repair(db, &fixed, &err));
    assert_int_equal(fixed, 3);
    if (!storage_sortkeys_check(db, stale, &err))
        fail_msg("check: %s", err.msg);
    for (size_t k = 0; k < forms_n_kinds; k++)
        assert_int_equal(stale[k], 0);
    assert_int_equal(list_names_one_by_one(db, school, false, fwd, 32), N_PEOPLE + 1);
    assert_latvian_order(fwd, N_PEOPLE + 1);
    assert_string_equal(fwd[0], "ābele Ilze");
    assert_string_equal(fwd[1], "Ādams Pēteris");
    assert_string_equal(fwd[N_PEOPLE], "žagata Elza");
    /* a repair with nothing to do changes nothing */
    assert_true(storage_sortkeys_repair(db, &fixed, &err));
    assert_int_equal(fixed, 0);
    storage_close(db);
}

static int
collate_lv(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    return forms_collate(a, (size_t)na, b, (size_t)nb);
}

static void
a_file_of_schema_11_is_converted(void **state)
{
    (void)state;
    /* The file as the release before the sort keys made it: steps 1..11,
     * with the collation they need. */
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_create_collation_v2(raw, "lv", SQLITE_UTF8, NULL, collate_lv, NULL),
                     SQLITE_OK);
    plain_exec(raw, "PRAGMA journal_mode = WAL; BEGIN");
    for (int v = 1; v <= 11; v++)
        plain_exec(raw, storage_migrate_step_sql(v));
    char sql[256];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 11",
             STORAGE_APPLICATION_ID);
    plain_exec(raw, sql);
    plain_exec(raw, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā')");
    for (size_t i = 0; i < N_PEOPLE; i++) {
        char *ins = sqlite3_mprintf("INSERT INTO staff(school_id, full_name, search, version)"
                                    " VALUES (1, %Q, '', 1);"
                                    "INSERT INTO device(school_id, inventory_no, category, model,"
                                    " status, search, version)"
                                    " VALUES (1, 'INV-%d', 'laptop', %Q, 'in_use', '', 1)",
                                    people[i], (int)i, people[N_PEOPLE - 1 - i]);
        plain_exec(raw, ins);
        sqlite3_free(ins);
    }
    plain_exec(raw, "COMMIT");
    assert_string_equal(plain_text(raw, "SELECT count(*) FROM sqlite_schema"
                                        " WHERE sql LIKE '%COLLATE lv%'"),
                        "16");
    sqlite3_close(raw);

    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    int64_t stale[64] = {0};
    if (!storage_sortkeys_check(db, stale, &err))
        fail_msg("check: %s", err.msg);
    for (size_t k = 0; k < forms_n_kinds; k++)
        assert_int_equal(stale[k], 0);
    char names[32][64];
    assert_int_equal(list_names_one_by_one(db, 1, false, names, 32), N_PEOPLE);
    assert_latvian_order(names, N_PEOPLE);
    storage_close(db);

    raw = plain_open();
    assert_plain_sqlite_can_use(raw);
    snprintf(sql, sizeof sql, "%d", storage_schema_version);
    assert_string_equal(plain_text(raw, "PRAGMA user_version"), sql);
    assert_string_equal(plain_text(raw, "SELECT count(*) FROM device WHERE model__sk IS NULL"
                                        " OR length(model__sk) = 0"),
                        "0");
    sqlite3_close(raw);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(plain_sqlite_checks_and_writes_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_keys_are_counted_listed_once_and_repaired, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_file_of_schema_11_is_converted, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

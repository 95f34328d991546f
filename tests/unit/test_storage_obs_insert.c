/* A new observation sheet is written once (storage/obs_ticks.c,
 * storage_rows_plan): its row with the template the insert trigger would
 * have chosen and the derived tick bit sets, then its tick rows in one
 * statement — no trigger UPDATE, no UPDATE of the bit sets afterwards. The
 * template, the ticks and the bit sets are the same as the trigger and the
 * SQL recomputation give; a tick the chosen template lacks is still
 * refused, naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "storage/internal.h"
#include "testlib.h"

static int64_t
plain_int(sqlite3 *raw, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static const char *
plain_text(sqlite3 *raw, const char *sql, char *buf, size_t cap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* A second template whose criteria are not LVT-2023's ("5.1" is new, its
 * "1.1" another row than LVT-2023's "1.1"). */
static void
add_template(struct storage_db *db, const char *code)
{
    struct sk_error err = {0};
    struct storage_obs_criterion c[] = {
        {1, "Struktūra", "1.1", "Mērķis"},
        {1, "Struktūra", "1.2", "Norise"},
        {5, "Digitālā vide", "5.1", "Rīki"},
        {5, "Digitālā vide", "5.2", "Drošība"},
    };
    if (!storage_obs_template_add(db, code, "Pilsēta", c, SK_ARRAY_LEN(c), &err))
        fail_msg("template: %s", err.msg);
}

static int64_t
stale_masks(struct storage_db *db)
{
    int64_t stale = -1;
    struct sk_error err = {0};
    if (!storage_obs_ticks_check(db, false, &stale, &err))
        fail_msg("check: %s", err.msg);
    return stale;
}

static void
a_sheet_without_template_gets_the_schools_in_one_write(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    add_template(db, "VENTS-2025");
    add_template(db, "ZZ-NEWEST"); /* the newest, which the setting overrides */
    struct sk_error err = {0};
    assert_true(storage_obs_template_use(db, school, "VENTS-2025", &err));
    int before = sqlite3_total_changes(db->sql);
    int64_t id =
        test_insert(db, school, &forms_kind_observation,
                    (const char *const[]){"date", "2024-02-01", "status", "final", "crit_1_1", "1",
                                          "crit_5_1", "0", "crit_5_2", "1", NULL});
    /* the row, its three tick rows and its audit entry: nothing written twice */
    assert_int_equal(sqlite3_total_changes(db->sql) - before, 1 + 3 + 1);
    char buf[64], sql[256];
    snprintf(sql, sizeof sql, "SELECT template FROM observation WHERE id = %lld", (long long)id);
    assert_string_equal(plain_text(db->sql, sql, buf, sizeof buf), "VENTS-2025");
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM observation_tick t JOIN observation_criterion c"
             " ON c.id = t.criterion_id JOIN observation_template p ON p.id = c.template_id"
             " WHERE t.observation_id = %lld AND p.code = 'VENTS-2025'",
             (long long)id);
    assert_int_equal(plain_int(db->sql, sql), 3);
    /* the bit sets bound with the row are what the tick rows give */
    snprintf(sql, sizeof sql,
             "SELECT ticks_assessed * 1000 + ticks_on FROM observation WHERE id = %lld",
             (long long)id);
    assert_int_equal(plain_int(db->sql, sql), (1 | 4 | 8) * 1000 + (1 | 8));
    assert_int_equal(stale_masks(db), 0);

    /* without the setting, the newest template, as the trigger chose */
    storage_exec(db, "DELETE FROM setting WHERE key = 'observation_template'", NULL);
    id = test_insert(db, school, &forms_kind_observation,
                     (const char *const[]){"date", "2024-02-02", "crit_5_1", "1", NULL});
    snprintf(sql, sizeof sql, "SELECT template FROM observation WHERE id = %lld", (long long)id);
    assert_string_equal(plain_text(db->sql, sql, buf, sizeof buf), "ZZ-NEWEST");
    assert_int_equal(stale_masks(db), 0);

    /* a sheet naming its template keeps it */
    id = test_insert(db, school, &forms_kind_observation,
                     (const char *const[]){"date", "2024-02-03", "template", "LVT-2023", "crit_4_6",
                                           "1", "crit_1_1", "0", NULL});
    snprintf(sql, sizeof sql, "SELECT template FROM observation WHERE id = %lld", (long long)id);
    assert_string_equal(plain_text(db->sql, sql, buf, sizeof buf), "LVT-2023");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM observation_tick WHERE observation_id = %lld",
             (long long)id);
    assert_int_equal(plain_int(db->sql, sql), 2);
    assert_int_equal(stale_masks(db), 0);
    storage_close(db);
}

static void
a_tick_the_default_template_lacks_is_refused(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    add_template(db, "VENTS-2025"); /* the newest: no criterion 2.1 */
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    forms_record_defaults(&rec);
    test_set(&rec, "date", "2024-02-01");
    test_set(&rec, "crit_2_1", "1");
    assert_false(storage_record_insert(db, school, &rec, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_string_equal(err.field, "crit_2_1");
    assert_non_null(strstr(err.msg, "VENTS-2025"));
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM observation"), 0);
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM observation_tick"), 0);
    forms_record_fini(&rec);
    storage_close(db);
}

/* Imports two sheets without a template from a CSV; returns the template
 * both got (they must agree). */
static const char *
import_two(struct storage_db *db, int64_t school, const char *date, char *buf, size_t cap)
{
    char dir[] = "/tmp/skola-test-obsimp-XXXXXX";
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
    char path[128];
    snprintf(path, sizeof path, "%s/s.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "date,status,crit_1_1\n%s,draft,1\n%s,draft,0\n", date, date);
    fclose(f);
    struct core_import_opts o = {0};
    struct core_import_result res = {0};
    struct sk_error err = {0};
    if (!core_import_file(db, &forms_kind_observation, school, path, &o, &res, &err))
        fail_msg("import: %s", err.msg);
    core_import_result_fini(&res);
    unlink(path);
    rmdir(dir);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(DISTINCT template) || ' ' || min(template) FROM observation"
             " WHERE date = '%s'",
             date);
    return plain_text(db->sql, sql, buf, cap);
}

static void
each_import_batch_asks_for_the_default_template_again(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    add_template(db, "VENTS-2025");
    struct sk_error err = {0};
    assert_true(storage_obs_template_use(db, school, "VENTS-2025", &err));
    char buf[80];
    assert_string_equal(import_two(db, school, "2024-02-01", buf, sizeof buf), "1 VENTS-2025");
    /* the school's choice changes between two imports on one connection */
    assert_true(storage_obs_template_use(db, school, "LVT-2023", &err));
    assert_string_equal(import_two(db, school, "2024-02-02", buf, sizeof buf), "1 LVT-2023");
    assert_int_equal(stale_masks(db), 0);
    storage_close(db);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_sheet_without_template_gets_the_schools_in_one_write),
        cmocka_unit_test(a_tick_the_default_template_lacks_is_refused),
        cmocka_unit_test(each_import_batch_asks_for_the_default_template_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

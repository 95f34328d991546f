/* The printed sheet's wording belongs to the template (issue 16): a file
 * made before the wording step gets LVT-2023's title,
 * methodology reference and section note when it is opened, exactly as a
 * new file has them (data/observation-wording-lvt-2023.csv); a template
 * added with its own wording keeps it. White-box: opens a file at an older
 * schema through storage/internal.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "storage/internal.h"

enum { SCHEMA_BEFORE_WORDING = STORAGE_MIGRATE_TEMPLATE_WORDING - 1 };

static void
expect_lvt_wording(struct storage_db *db)
{
    struct storage_obs_template t;
    struct sk_error err = {0};
    if (!storage_obs_template_get(db, "LVT-2023", &t, &err))
        fail_msg("LVT-2023: %s", err.msg);
    assert_string_equal(t.title, "Nodarbības vērošanas un novērtējuma lapa");
    assert_string_equal(t.methodology, "Rekomendējošā metodika: https://skola2030.lv/lv/jaunumi/"
                                       "blogs/devini-macibu-notikumi-efektivai-stundai");
    assert_int_equal(t.n_crit, 17);
    for (size_t i = 0; i < t.n_crit; i++) {
        if (t.crit[i].section_no == 1)
            assert_string_equal(t.crit[i].section_note, "(Izglītojamajam saprotama, ietver 3 "
                                                        "stundas daļas – aktualizācija, "
                                                        "apjēgšana, refleksija)");
        else
            assert_string_equal(t.crit[i].section_note, "");
    }
    storage_obs_template_fini(&t);
}

static void
new_file_has_the_lvt_wording(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    expect_lvt_wording(db);
    storage_close(db);
}

static void
older_file_gets_the_lvt_wording_when_opened(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-wording.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/old.db", dir);
    struct sk_error err = {0};
    struct storage_db *old = storage_open_at(path, SO_CREATE, SCHEMA_BEFORE_WORDING, &err);
    if (!old)
        fail_msg("open at %d: %s", SCHEMA_BEFORE_WORDING, err.msg);
    sqlite3_stmt *st = NULL;
    /* the older file has no wording columns */
    assert_int_not_equal(
        sqlite3_prepare_v2(old->sql, "SELECT title FROM observation_template", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_finalize(st);
    storage_close(old);
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    expect_lvt_wording(db);
    storage_close(db);
    char side[80];
    const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        snprintf(side, sizeof side, "%s%s", path, tails[i]);
        unlink(side);
    }
    rmdir(dir);
}

static void
own_template_keeps_its_wording(void **state)
{
    (void)state;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    struct storage_obs_criterion c[2] = {
        {.section_no = 1,
         .section_name = "Sākums",
         .code = "1.1",
         .text = "Mērķis",
         .section_note = "(īsi <un> skaidri)"},
        {.section_no = 5, .section_name = "Drošība", .code = "5.1", .text = "Instruktāža"},
    };
    struct storage_obs_template t = {.crit = c, .n_crit = 2};
    strcpy(t.code, "MANA-2024");
    strcpy(t.name, "Mana");
    strcpy(t.title, "Mūsu lapa");
    strcpy(t.methodology, "Metodika: \"rokasgrāmata\"");
    assert_true(storage_obs_template_add_worded(db, &t, &err));
    struct storage_obs_template got;
    assert_true(storage_obs_template_get(db, "MANA-2024", &got, &err));
    assert_string_equal(got.title, "Mūsu lapa");
    assert_string_equal(got.methodology, "Metodika: \"rokasgrāmata\"");
    assert_int_equal(got.n_crit, 2);
    assert_string_equal(got.crit[0].section_note, "(īsi <un> skaidri)");
    assert_string_equal(got.crit[1].section_note, "");
    storage_obs_template_fini(&got);
    /* without wording: empty, and LVT-2023 untouched */
    assert_true(storage_obs_template_add(db, "BEZ-2024", "Bez", c, 1, &err));
    assert_true(storage_obs_template_get(db, "BEZ-2024", &got, &err));
    assert_string_equal(got.title, "");
    assert_string_equal(got.methodology, "");
    storage_obs_template_fini(&got);
    expect_lvt_wording(db);
    storage_close(db);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_file_has_the_lvt_wording),
        cmocka_unit_test(older_file_gets_the_lvt_wording_when_opened),
        cmocka_unit_test(own_template_keeps_its_wording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

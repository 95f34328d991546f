/* Drafts of the record editor (tui/draft.c): the texts come back exactly as
 * typed (newlines, backslashes, tabs, Latvian letters, escape-looking text),
 * the file is 0600, and a draft belongs to one database, school and record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "testlib.h"

#include "tui/internal.h"

static char dir[] = "/tmp/skola-draft-test.XXXXXX";

static int
setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    return setenv("XDG_STATE_HOME", dir, 1);
}

static int
teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static void
app_for(struct tui_app *app, struct tui_options *opts, const char *db, int64_t school)
{
    memset(app, 0, sizeof *app);
    memset(opts, 0, sizeof *opts);
    opts->db_path = db;
    opts->school_id = school;
    app->opts = opts;
}

static void
texts_come_back_exactly_and_the_file_is_private(void **state)
{
    (void)state;
    const struct forms_kind *k = &forms_kind_device;
    struct tui_app app;
    struct tui_options opts;
    app_for(&app, &opts, "/nonexistent/skola.db", 1);
    char **texts = calloc(k->n_fields, sizeof *texts);
    int inv = forms_field_index(k, "inventory_no");
    int notes = forms_field_index(k, "notes");
    int date = forms_field_index(k, "purchase_date");
    assert_true(inv >= 0 && notes >= 0 && date >= 0);
    texts[inv] = "INV-Ķ9 \\n \"7\"";
    texts[notes] = "pirmā\notrā\tar tab\\\r\nbeigas\\";
    texts[date] = "31.02";
    struct sk_error err = {0};
    assert_true(tui_draft_write(&app, k, 42, 7, texts, &err));

    struct tui_draft d;
    assert_true(tui_draft_read(&app, k, 42, &d));
    assert_int_equal(d.version, 7);
    assert_string_equal(d.texts[inv], texts[inv]);
    assert_string_equal(d.texts[notes], texts[notes]);
    assert_string_equal(d.texts[date], texts[date]);
    for (size_t i = 0; i < k->n_fields; i++)
        if ((int)i != inv && (int)i != notes && (int)i != date)
            assert_null(d.texts[i]);
    assert_true(d.saved[0] != '\0');
    tui_draft_fini(&d);

    char path[512];
    snprintf(path, sizeof path, "%s/skola/drafts", dir);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* the one file in the folder */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test \"$(stat -c %%a '%s'/*.draft)\" = 600", path);
    assert_int_equal(system(cmd), 0);

    /* another record, school or database: not this draft */
    assert_false(tui_draft_read(&app, k, 43, &d));
    assert_false(tui_draft_read(&app, k, 0, &d));
    struct tui_app other;
    struct tui_options other_opts;
    app_for(&other, &other_opts, "/nonexistent/skola.db", 2);
    assert_false(tui_draft_read(&other, k, 42, &d));
    app_for(&other, &other_opts, "/nonexistent/skola2.db", 1);
    assert_false(tui_draft_read(&other, k, 42, &d));

    tui_draft_remove(&app, k, 42);
    assert_false(tui_draft_read(&app, k, 42, &d));
    free(texts);
}

static void
a_file_that_is_not_a_draft_is_not_read(void **state)
{
    (void)state;
    const struct forms_kind *k = &forms_kind_device;
    struct tui_app app;
    struct tui_options opts;
    app_for(&app, &opts, "/nonexistent/other.db", 1);
    char **texts = calloc(k->n_fields, sizeof *texts);
    texts[0] = "X";
    struct sk_error err = {0};
    assert_true(tui_draft_write(&app, k, 5, 1, texts, &err));
    /* overwrite every draft file with something else */
    char cmd[600];
    snprintf(
        cmd, sizeof cmd,
        "for f in '%s'/skola/drafts/devices-5-*.draft; do printf 'field\\tinventory_no\\tY\\n' "
        ">\"$f\"; done",
        dir);
    assert_int_equal(system(cmd), 0);
    struct tui_draft d;
    assert_false(tui_draft_read(&app, k, 5, &d));
    free(texts);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(texts_come_back_exactly_and_the_file_is_private),
        cmocka_unit_test(a_file_that_is_not_a_draft_is_not_read),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

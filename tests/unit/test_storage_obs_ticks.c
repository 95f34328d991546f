/* storage/obs_ticks.c and migration step 14: observation ticks as rows of
 * observation_tick keyed by the criterion of the sheet's template. A file
 * made by the release before (schema 13, crit_* columns) is upgraded without
 * losing a tick and gives the same summary; a template with a section 5 and
 * a dropped criterion is summarised over its own sections; a tick for a
 * criterion the sheet's template lacks is refused, naming it; a changed
 * tick is one audit row. */
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

static char dir[64];
static char path[256];

static int
setup(void **state)
{
    (void)state;
    test_dir_make(dir, sizeof dir, "test-ticks");
    snprintf(path, sizeof path, "%s/skola.db", dir);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static void
plain_exec(sqlite3 *raw, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

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

static const char *const lvt_codes[17] = {"1_1", "1_2", "1_3", "2_1", "2_2", "2_3",
                                          "2_4", "3_1", "3_2", "3_3", "3_4", "4_1",
                                          "4_2", "4_3", "4_4", "4_5", "4_6"};
enum { N_SHEETS = 40 };

/* The tick of sheet i, criterion k in the old file: 1, 0 or -1 (NULL).
 * Sheets of the short template (odd i) have only 1.1, 2.1 and 2.2. */
static int
old_tick(int i, int k)
{
    if (i % 2 && k != 0 && k != 3 && k != 4)
        return -1;
    int v = (i * 7 + k * 3) % 5;
    return v == 4 ? -1 : v % 2;
}

/* A file as the release before made it: steps 1..13 (sort keys unset,
 * as storage_sortkeys_fill would fill them: not needed here), 40 sheets
 * of two templates, final and draft, ticks 1/0/NULL. */
static void
make_schema_13_file(void)
{
    /* skola's own steps 1..13, reference rows included (steps 8 and 10 take
     * theirs from the data/ CSV files, storage/refdata.c) */
    struct sk_error err = {0};
    struct storage_db *old = storage_open_at(path, SO_CREATE | SO_NO_CHECK, 13, &err);
    if (!old)
        fail_msg("schema 13: %s", err.msg);
    sqlite3 *raw = old->sql;
    plain_exec(raw, "BEGIN");
    char sql[4096];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 13",
             STORAGE_APPLICATION_ID);
    plain_exec(raw, sql);
    plain_exec(raw, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                    "INSERT INTO staff(id, school_id, full_name, role, search, version)"
                    " VALUES (1, 1, 'Anna Ābele', 'teacher', '', 1);"
                    "INSERT INTO observation_template(id, code, name) VALUES (2, 'SHORT', 'Īsā');"
                    "INSERT INTO observation_criterion(template_id, position, section_no,"
                    " section_name, code, text) VALUES"
                    " (2, 1, 1, 'Struktūra', '1.1', 'Mērķis nosaukts'),"
                    " (2, 2, 2, 'Metodes', '2.1', 'Metodes der'),"
                    " (2, 3, 2, 'Metodes', '2.2', 'Līdzekļi der')");
    for (int i = 0; i < N_SHEETS; i++) {
        size_t n = (size_t)snprintf(sql, sizeof sql,
                                    "INSERT INTO observation(school_id, date, teacher, area,"
                                    " status, template, search, version");
        for (int k = 0; k < 17; k++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, ", crit_%s", lvt_codes[k]);
        n += (size_t)snprintf(sql + n, sizeof sql - n,
                              ") VALUES (1, '2023-%02d-%02d', 1, '%s', '%s', '%s', '', 1",
                              9 + i % 4, 1 + i % 28, i % 3 ? "STEM" : "Tekstils",
                              i % 5 == 4 ? "draft" : "final", i % 2 ? "SHORT" : "LVT-2023");
        for (int k = 0; k < 17; k++) {
            int t = old_tick(i, k);
            n += (size_t)snprintf(sql + n, sizeof sql - n, t < 0 ? ", NULL" : ", %d", t);
        }
        snprintf(sql + n, sizeof sql - n, ")");
        plain_exec(raw, sql);
    }
    plain_exec(raw, "COMMIT");
    assert_int_equal(plain_int(raw, "SELECT count(*) FROM observation WHERE crit_2_1 = 1"),
                     plain_int(raw, "SELECT count(*) FROM observation WHERE crit_2_1 = 1"));
    storage_close(old);
}

/* What the summary of the release before counted, straight from the
 * columns: final sheets of 2023/24 with the criterion ticked / assessed. */
static void
old_figures(int k, int64_t *ticked, int64_t *assessed)
{
    *ticked = *assessed = 0;
    for (int i = 0; i < N_SHEETS; i++) {
        if (i % 5 == 4)
            continue;
        int t = old_tick(i, k);
        *assessed += t >= 0;
        *ticked += t == 1;
    }
}

static void
a_file_of_schema_13_keeps_every_tick_and_its_summary(void **state)
{
    (void)state;
    /* the descriptor's room for added criteria: n_fields counts every field
     * written in kind_observation.c (the array has room after them, empty) */
    assert_string_equal(forms_kind_observation.fields[forms_kind_observation.n_fields - 1].key,
                        "template");
    assert_null(forms_kind_observation.fields[forms_kind_observation.n_fields].key);
    make_schema_13_file();
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    /* the columns are gone, the rows are there */
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM pragma_table_info('observation')"
                                        " WHERE name LIKE 'crit%'"),
                     0);
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM pragma_table_info('observation')"
                                        " WHERE name LIKE '%__sk'"),
                     3);
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                        " AND tbl_name = 'observation'"),
                     12); /* with observation_uid and observation_nouid */
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM sqlite_schema"
                                        " WHERE type = 'trigger' AND tbl_name = 'observation'"),
                     2);
    /* every tick of every sheet, read back through the record engine */
    struct storage_query q = {.kind = &forms_kind_observation, .school_id = 1, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    int i = 0;
    while (storage_iter_next(it, &rec, &err) == 1) {
        for (int k = 0; k < 17; k++) {
            char code[8];
            snprintf(code, sizeof code, "%c.%c", lvt_codes[k][0], lvt_codes[k][2]);
            int f = forms_observation_crit_field(code);
            assert_true(f >= 0);
            int want = old_tick(i, k);
            const struct forms_value *v = &rec.values[f];
            if (want < 0)
                assert_false(v->is_set);
            else {
                assert_true(v->is_set);
                assert_int_equal(v->i, want);
            }
        }
        i++;
    }
    storage_iter_close(it);
    assert_int_equal(i, N_SHEETS);
    forms_record_fini(&rec);
    /* the summary figures of the release before */
    struct storage_obs_stats st;
    assert_true(storage_obs_stats(db, 1, sk_date_from_ymd(2023, 9, 1), sk_date_from_ymd(2024, 9, 1),
                                  &st, &err));
    assert_int_equal(st.count, N_SHEETS - N_SHEETS / 5);
    for (int k = 0; k < 17; k++) {
        int64_t ticked, assessed;
        old_figures(k, &ticked, &assessed);
        assert_int_equal(st.ticked[k], ticked);
        assert_int_equal(st.assessed[k], assessed);
    }
    /* a new sheet gets its ticks (without a template it would get the
     * newest, SHORT, which has no 4.6) */
    int64_t id = test_insert(
        db, 1, &forms_kind_observation,
        (const char *const[]){"date", "2023-10-02", "template", "LVT-2023", "crit_4_6", "1", NULL});
    assert_int_equal(plain_int(db->sql,
                               "SELECT count(*) FROM observation_tick t"
                               " JOIN observation_criterion c ON c.id = t.criterion_id"
                               " WHERE c.code = '4.6' AND t.ticked = 1"
                               " AND t.observation_id = (SELECT max(id) FROM observation)"),
                     1);
    /* deleting a sheet deletes its ticks */
    assert_true(storage_record_delete(db, &forms_kind_observation, 1, id, 1, &err));
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM observation_tick t"
                                        " LEFT JOIN observation o ON o.id = t.observation_id"
                                        " WHERE o.id IS NULL"),
                     0);
    storage_close(db);
}

/* A template of its own: 1.1 reworded, 1.2 kept, 2.x-4.x dropped, a new
 * section 5 with 5.1 and 5.2. */
static void
add_custom_template(struct storage_db *db)
{
    struct sk_error err = {0};
    struct storage_obs_criterion c[] = {
        {1, "Struktūra", "1.1", "Mērķis nosaukts skaidri"},
        {1, "Struktūra", "1.2", "Norise"},
        {5, "Digitālā vide", "5.1", "Digitālo rīku jēgpilns lietojums"},
        {5, "Digitālā vide", "5.2", "Drošība tīklā"},
    };
    if (!storage_obs_template_add(db, "VENTS-2025", "Ventspils", c, SK_ARRAY_LEN(c), &err))
        fail_msg("template: %s", err.msg);
}

static int64_t
custom_sheet(struct storage_db *db, int64_t school, const char *t11, const char *t51,
             const char *t52)
{
    return test_insert(db, school, &forms_kind_observation,
                       (const char *const[]){"date", "2024-02-01", "status", "final", "template",
                                             "VENTS-2025", "crit_1_1", t11, "crit_5_1", t51,
                                             "crit_5_2", t52, NULL});
}

static void
a_template_with_section_5_is_summarised_over_its_own_sections(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    add_custom_template(db);
    assert_true(forms_observation_crit_field("5.1") >= 0);
    assert_true(forms_observation_crit_field("5.2") >= 0);
    custom_sheet(db, school, "1", "1", "1");
    custom_sheet(db, school, "0", "1", "0");
    custom_sheet(db, school, "1", "0", "");
    /* and one LVT-2023 sheet with every tick set */
    const char *kv[2 * 17 + 7] = {"date", "2024-02-02", "status", "final", "template", "LVT-2023"};
    char keys[17][16];
    for (int k = 0; k < 17; k++) {
        snprintf(keys[k], sizeof keys[k], "crit_%s", lvt_codes[k]);
        kv[6 + 2 * k] = keys[k];
        kv[7 + 2 * k] = "1";
    }
    test_insert(db, school, &forms_kind_observation, kv);

    struct core_summary sum = {0};
    struct sk_error err = {0};
    if (!core_summary_compute(db, school, 2023, SK_DATE_NONE, CS_OBSERVATIONS, &sum, &err))
        fail_msg("summary: %s", err.msg);
    const struct core_figure *f51 = NULL, *f52 = NULL, *f11 = NULL, *f21 = NULL, *s5 = NULL,
                             *s1 = NULL, *s2 = NULL;
    for (size_t i = 0; i < sum.n; i++) {
        const struct core_figure *f = &sum.figs[i];
        if (strcmp(f->metric, "observations.criterion") == 0) {
            if (strcmp(f->dimension, "5.1") == 0)
                f51 = f;
            if (strcmp(f->dimension, "5.2") == 0)
                f52 = f;
            if (strcmp(f->dimension, "1.1") == 0)
                f11 = f;
            if (strcmp(f->dimension, "2.1") == 0)
                f21 = f;
        }
        if (strcmp(f->metric, "observations.section_all") == 0) {
            if (strcmp(f->dimension, "5") == 0)
                s5 = f;
            if (strcmp(f->dimension, "1") == 0)
                s1 = f;
            if (strcmp(f->dimension, "2") == 0)
                s2 = f;
        }
    }
    assert_non_null(f51);
    assert_non_null(f52);
    assert_non_null(f11);
    assert_non_null(f21);
    assert_non_null(s5);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(f51->num == 2 && f51->den == 3);
    assert_true(f52->num == 1 && f52->den == 2); /* left empty on one sheet */
    assert_true(f11->num == 3 && f11->den == 4);
    assert_true(f21->num == 1 && f21->den == 1); /* dropped: only the LVT sheet has it */
    /* section 5: all ticked on the first sheet only; the third assesses 5.1 alone */
    assert_true(s5->num == 1 && s5->den == 3);
    /* section 1: 1.2 is left empty on the custom sheets, so 1.1 decides */
    assert_true(s1->num == 3 && s1->den == 4);
    assert_true(s2->num == 1 && s2->den == 1);
    core_summary_fini(&sum);
    storage_close(db);
}

static void
a_tick_the_template_lacks_is_refused_and_a_changed_tick_audited(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    add_custom_template(db);
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    forms_record_defaults(&rec);
    test_set(&rec, "date", "2024-02-01");
    test_set(&rec, "template", "VENTS-2025");
    test_set(&rec, "crit_2_1", "1");
    assert_false(storage_record_insert(db, school, &rec, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_string_equal(err.field, "crit_2_1");
    assert_non_null(strstr(err.msg, "2.1"));
    assert_non_null(strstr(err.msg, "VENTS-2025"));
    assert_int_equal(plain_int(db->sql, "SELECT count(*) FROM observation"), 0);

    /* an LVT-2023 sheet cannot hold 5.1 either */
    forms_record_clear(&rec);
    forms_record_defaults(&rec);
    test_set(&rec, "date", "2024-02-01");
    test_set(&rec, "template", "LVT-2023");
    test_set(&rec, "crit_5_1", "0");
    assert_false(storage_record_insert(db, school, &rec, &err));
    assert_string_equal(err.field, "crit_5_1");

    int64_t id = custom_sheet(db, school, "1", "0", "1");
    assert_true(storage_record_get(db, &forms_kind_observation, school, id, &rec, &err));
    assert_string_equal(test_get(&rec, "crit_5_1"), "0");
    test_set(&rec, "crit_5_1", "1");
    test_set(&rec, "crit_5_2", "");
    assert_true(storage_record_update(db, school, &rec, &err));
    assert_true(storage_record_get(db, &forms_kind_observation, school, id, &rec, &err));
    assert_string_equal(test_get(&rec, "crit_5_1"), "1");
    assert_string_equal(test_get(&rec, "crit_5_2"), "");
    assert_string_equal(test_get(&rec, "crit_1_1"), "1");
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE kind = 'observations' AND record_id = %lld"
             " AND action = 'update' AND ((field = 'crit_5_1' AND old_value = '0'"
             " AND new_value = '1') OR (field = 'crit_5_2' AND old_value = '1'"
             " AND new_value IS NULL))",
             (long long)id);
    assert_int_equal(plain_int(db->sql, sql), 2);
    /* the summary's bit sets follow the change */
    struct storage_obs_stats st;
    assert_true(storage_obs_stats(db, school, sk_date_from_ymd(2023, 9, 1),
                                  sk_date_from_ymd(2024, 9, 1), &st, &err));
    size_t s51 = (size_t)forms_observation_crit_field("5.1") - forms_observation_first_crit;
    size_t s52 = (size_t)forms_observation_crit_field("5.2") - forms_observation_first_crit;
    assert_int_equal(st.count, 1);
    assert_int_equal(st.assessed[s51], 1);
    assert_int_equal(st.ticked[s51], 1);
    assert_int_equal(st.assessed[s52], 0);
    assert_int_equal(st.section_all[4], 1);
    forms_record_fini(&rec);
    storage_close(db);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_file_of_schema_13_keeps_every_tick_and_its_summary, setup,
                                        teardown),
        cmocka_unit_test(a_template_with_section_5_is_summarised_over_its_own_sections),
        cmocka_unit_test(a_tick_the_template_lacks_is_refused_and_a_changed_tick_audited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

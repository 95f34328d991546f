/* Reference data has one copy, data/NAME.csv, compiled in at build time
 * (tools/refdata_gen.c): the C tables of forms/ and the rows the migrations
 * store equal the files, row by row. White-box: it reads the connection
 * through storage/internal.h. Also the statement cache's named spaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/internal.h"

enum { MAX_ROWS = 64, MAX_COLS = 4, CELL = 512 };

/* One CSV file read independently of the generator (RFC 4180 quoting). */
struct table {
    char cells[MAX_ROWS][MAX_COLS][CELL];
    size_t n_rows;
};

static void
read_csv(const char *name, struct table *t, size_t n_cols)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/%s", SKOLA_SRCDIR, name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    memset(t, 0, sizeof *t);
    size_t row = 0, col = 0, len = 0;
    bool quoted = false, is_header = true;
    int c;
    static char cell[CELL];
    while ((c = getc(fp)) != EOF) {
        if (quoted) {
            if (c == '"') {
                int d = getc(fp);
                if (d != '"') {
                    quoted = false;
                    ungetc(d, fp);
                    continue;
                }
            }
        } else if (c == '"') {
            quoted = true;
            continue;
        } else if (c == '\r') {
            continue;
        } else if (c == ',' || c == '\n') {
            cell[len] = '\0';
            assert_true(col < n_cols);
            if (!is_header)
                strcpy(t->cells[row][col], cell);
            col++;
            len = 0;
            if (c == '\n') {
                assert_int_equal(col, n_cols);
                if (!is_header)
                    row++;
                is_header = false;
                col = 0;
                assert_true(row < MAX_ROWS);
            }
            continue;
        }
        assert_true(len + 1 < CELL);
        cell[len++] = (char)c;
    }
    assert_int_equal(col, 0); /* the file ends with a line break */
    fclose(fp);
    t->n_rows = row;
    assert_true(row > 0);
}

static struct table csv;

static void
device_categories_and_their_computer_column_equal_the_file(void **state)
{
    (void)state;
    read_csv("device-categories.csv", &csv, 4);
    assert_int_equal(forms_n_device_categories, csv.n_rows);
    for (size_t i = 0; i < csv.n_rows; i++) {
        assert_string_equal(forms_device_categories[i].key, csv.cells[i][0]);
        assert_string_equal(forms_device_categories[i].label_lv, csv.cells[i][1]);
        assert_string_equal(forms_device_categories[i].label_en, csv.cells[i][2]);
        assert_int_equal(forms_device_category_is_computer(i), strcmp(csv.cells[i][3], "1") == 0);
    }
    assert_false(forms_device_category_is_computer(csv.n_rows));
}

static void
support_roles_equal_the_file_and_are_support_roles(void **state)
{
    (void)state;
    read_csv("support-roles.csv", &csv, 3);
    /* teacher, head and deputy head come first (kind_staff.c) */
    enum { FIRST = 3 };
    assert_true(forms_n_staff_roles > FIRST + csv.n_rows);
    for (size_t i = 0; i < csv.n_rows; i++) {
        const struct forms_choice *c = &forms_staff_roles[FIRST + i];
        assert_string_equal(c->key, csv.cells[i][0]);
        assert_string_equal(c->label_lv, csv.cells[i][1]);
        assert_string_equal(c->label_en, csv.cells[i][2]);
        assert_true(forms_staff_role_is_support(FIRST + i));
    }
    size_t n_support = 0;
    for (size_t i = 0; i < forms_n_staff_roles; i++)
        if (forms_staff_role_is_support(i)) {
            n_support++;
            bool in_file = false;
            for (size_t j = 0; j < csv.n_rows; j++)
                in_file = in_file || strcmp(forms_staff_roles[i].key, csv.cells[j][0]) == 0;
            assert_true(in_file || strcmp(forms_staff_roles[i].key, "special_pedagogue") == 0);
        }
    assert_int_equal(n_support, csv.n_rows + 1);
    assert_false(forms_staff_role_is_support(forms_n_staff_roles));
}

static void
ikvd_indicators_equal_the_file(void **state)
{
    (void)state;
    read_csv("ikvd-indicators.csv", &csv, 4);
    assert_int_equal(forms_n_ikvd_indicators, csv.n_rows);
    for (size_t i = 0; i < csv.n_rows; i++) {
        char label[2 * CELL];
        snprintf(label, sizeof label, "%s %s", csv.cells[i][2], csv.cells[i][3]);
        assert_string_equal(forms_ikvd_indicators[i].key, csv.cells[i][2]);
        assert_string_equal(forms_ikvd_indicators[i].label_lv, label);
        assert_string_equal(forms_ikvd_indicators[i].label_en, label);
        assert_string_equal(forms_ikvd_criteria[i].key, csv.cells[i][0]);
        assert_string_equal(forms_ikvd_criteria[i].label_lv, csv.cells[i][1]);
    }
}

static struct storage_db *
open_memory(void)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    return db;
}

static void
stored_ikvd_rows_equal_the_file(void **state)
{
    (void)state;
    read_csv("ikvd-indicators.csv", &csv, 4);
    struct storage_db *db = open_memory();
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT criterion_code, criterion_name, code, name"
                                        " FROM ikvd_indicator ORDER BY rowid",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t i = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(i < csv.n_rows);
        for (int c = 0; c < 4; c++)
            assert_string_equal((const char *)sqlite3_column_text(st, c), csv.cells[i][c]);
        i++;
    }
    assert_int_equal(i, csv.n_rows);
    sqlite3_finalize(st);
    storage_close(db);
}

static void
stored_lvt2023_criteria_equal_the_file(void **state)
{
    (void)state;
    read_csv("observation-criteria-lvt-2023.csv", &csv, 4);
    struct storage_db *db = open_memory();
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT c.position, c.section_no, c.section_name,"
                                        " c.code, c.text, typeof(c.section_no)"
                                        " FROM observation_criterion c"
                                        " JOIN observation_template t ON t.id = c.template_id"
                                        " WHERE t.code = 'LVT-2023' ORDER BY c.position",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t i = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(i < csv.n_rows);
        assert_int_equal(sqlite3_column_int64(st, 0), (int64_t)i + 1);
        assert_int_equal(sqlite3_column_int64(st, 1), strtol(csv.cells[i][0], NULL, 10));
        assert_string_equal((const char *)sqlite3_column_text(st, 5), "integer");
        for (int c = 1; c < 4; c++)
            assert_string_equal((const char *)sqlite3_column_text(st, c + 1), csv.cells[i][c]);
        i++;
    }
    assert_int_equal(i, csv.n_rows);
    sqlite3_finalize(st);
    storage_close(db);
}

static void
statement_spaces_have_names_and_keys_apart_from_kinds(void **state)
{
    (void)state;
    for (int a = 0; a < SSP_N; a++) {
        const char *name = storage_stmt_space_name((enum storage_stmt_space)a);
        assert_non_null(name);
        assert_string_not_equal(name, "?");
        uint32_t key = storage_stmt_space_key((enum storage_stmt_space)a, 1);
        for (int b = 0; b < a; b++) {
            assert_string_not_equal(name, storage_stmt_space_name((enum storage_stmt_space)b));
            assert_int_not_equal(key, storage_stmt_space_key((enum storage_stmt_space)b, 1));
        }
        /* no kind's statement, whatever its purpose or variant, has this key */
        for (size_t k = 0; k < forms_n_kinds; k++)
            for (unsigned p = KP_INSERT; p <= KP_COUNT; p++)
                assert_int_not_equal(key >> 24,
                                     storage_stmt_key(k, (enum storage_purpose)p, 1) >> 24);
    }
    assert_string_equal(storage_stmt_space_name(SSP_N), "?");
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(device_categories_and_their_computer_column_equal_the_file),
        cmocka_unit_test(support_roles_equal_the_file_and_are_support_roles),
        cmocka_unit_test(ikvd_indicators_equal_the_file),
        cmocka_unit_test(stored_ikvd_rows_equal_the_file),
        cmocka_unit_test(stored_lvt2023_criteria_equal_the_file),
        cmocka_unit_test(statement_spaces_have_names_and_keys_apart_from_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

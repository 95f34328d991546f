/* storage/migrate.c against forms/ descriptors: every registered kind has a
 * table whose columns match its fields, and every list order is served by
 * an index (no sorting, a seek for the keyset). White-box: it reads the
 * connection through storage/internal.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/internal.h"

static int
db_open_memory(void **state)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    *state = db;
    return 0;
}

static int
db_close(void **state)
{
    storage_close(*state);
    return 0;
}

static const char *
sql_type(enum forms_type t)
{
    switch (t) {
    case FT_TEXT:
    case FT_MEMO:
    case FT_DATE:
    case FT_ENUM:
    case FT_FLAGS:
        return "TEXT";
    default:
        return "INTEGER";
    }
}

static const char *const standard_columns[][2] = {
    {"id", "INTEGER"},           {"school_id", "INTEGER"}, {"created_at", "TEXT"},
    {"updated_at", "TEXT"},      {"version", "INTEGER"},   {"search", "TEXT"},
    {"import_batch", "INTEGER"}, {"uid", "TEXT"},
};

static void
every_kind_has_a_table_matching_its_fields(void **state)
{
    struct storage_db *db = *state;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        char sql[128];
        snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", kind->table);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
        size_t n_cols = 0, n_fields_seen = 0, n_keys_seen = 0, n_derived = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 1);
            const char *type = (const char *)sqlite3_column_text(st, 2);
            n_cols++;
            int fi = forms_field_index(kind, name);
            if (fi >= 0) {
                n_fields_seen++;
                if (strcmp(type, sql_type(kind->fields[fi].type)) != 0)
                    fail_msg("%s.%s is %s, descriptor says %s", kind->table, name, type,
                             sql_type(kind->fields[fi].type));
                continue;
            }
            size_t nl = strlen(name), ns = strlen(STORAGE_SORT_KEY_SUFFIX);
            if (nl > ns && strcmp(name + nl - ns, STORAGE_SORT_KEY_SUFFIX) == 0) {
                char base[64];
                snprintf(base, sizeof base, "%.*s", (int)(nl - ns), name);
                int bi = forms_field_index(kind, base);
                if (bi < 0 || !storage_field_has_sort_key(&kind->fields[bi]))
                    fail_msg("%s.%s is the sort key of no list text field", kind->table, name);
                assert_string_equal(type, "BLOB");
                n_keys_seen++;
                continue;
            }
            bool is_standard = false;
            for (size_t s = 0; s < SK_ARRAY_LEN(standard_columns); s++)
                if (strcmp(name, standard_columns[s][0]) == 0) {
                    assert_string_equal(type, standard_columns[s][1]);
                    is_standard = true;
                }
            /* the sheet's derived tick bit sets (migration 14, storage/obs_ticks.c) */
            if (kind == &forms_kind_observation &&
                (strcmp(name, "ticks_assessed") == 0 || strcmp(name, "ticks_on") == 0)) {
                assert_string_equal(type, "INTEGER");
                n_derived++;
                continue;
            }
            if (!is_standard)
                fail_msg("%s.%s is not a field of kind %s", kind->table, name, kind->key);
        }
        sqlite3_finalize(st);
        size_t n_columns = 0; /* FF_ROWS fields are rows of their own table */
        for (size_t i = 0; i < kind->n_fields; i++)
            n_columns += !(kind->fields[i].flags & FF_ROWS);
        if (n_fields_seen != n_columns)
            fail_msg("table %s has %zu of the %zu fields of kind %s", kind->table, n_fields_seen,
                     n_columns, kind->key);
        assert_int_equal(n_keys_seen, storage_n_sort_keys(kind));
        assert_int_equal(n_cols,
                         n_columns + SK_ARRAY_LEN(standard_columns) + n_keys_seen + n_derived);
    }
}

/* EXPLAIN QUERY PLAN of a page statement, as one string. */
static void
plan_of(struct storage_db *db, const struct forms_kind *kind, unsigned variant, char *out,
        size_t cap)
{
    struct sk_buf sql = {0};
    sk_buf_adds(&sql, "EXPLAIN QUERY PLAN ");
    storage_sql_page(&sql, kind, false, variant);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql.s, sqlite3_errmsg(db->sql));
    out[0] = '\0';
    size_t used = 0;
    while (sqlite3_step(st) == SQLITE_ROW && used < cap) {
        int w = snprintf(out + used, cap - used, "%s; ", sqlite3_column_text(st, 3));
        used += (size_t)w;
    }
    sqlite3_finalize(st);
    sk_buf_free(&sql);
}

static void
every_list_order_seeks_an_index_without_sorting(void **state)
{
    struct storage_db *db = *state;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        for (int f = -1; f < (int)kind->n_fields; f++) {
            if (f >= 0 && !(kind->fields[f].flags & FF_LIST))
                continue;
            for (unsigned bits = 0; bits < 16; bits++) {
                unsigned variant = (unsigned)(f + 1) << PV_SORT_SHIFT | bits;
                char plan[1024];
                plan_of(db, kind, variant, plan, sizeof plan);
                if (strstr(plan, "TEMP B-TREE") || !strstr(plan, "INDEX"))
                    fail_msg("%s by %s (%u): %s", kind->table, f < 0 ? "id" : kind->fields[f].key,
                             bits, plan);
                /* With an anchor, the index must be entered at the key, not scanned
                 * (unless an equality on the year picks at most a few rows). */
                if (bits & PV_YEAR)
                    continue;
                if ((bits & PV_ANCHOR) && f >= 0 && !strstr(plan, "<expr>"))
                    fail_msg("%s by %s (%u) does not seek: %s", kind->table, kind->fields[f].key,
                             bits, plan);
                if ((bits & PV_ANCHOR) && f < 0 && !strstr(plan, "rowid"))
                    fail_msg("%s by id (%u) does not seek: %s", kind->table, bits, plan);
            }
        }
    }
}

static void
migration_sets_application_id_and_version(void **state)
{
    struct storage_db *db = *state;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, "PRAGMA application_id", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), STORAGE_APPLICATION_ID);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), storage_schema_version);
    sqlite3_finalize(st);
}

static void
every_table_is_strict(void **state)
{
    struct storage_db *db = *state;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT name, strict FROM pragma_table_list"
                                        " WHERE schema = 'main' AND type = 'table'"
                                        " AND name NOT LIKE 'sqlite_%'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        n++;
        if (sqlite3_column_int(st, 1) != 1)
            fail_msg("table %s is not STRICT", sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    assert_true(n >= forms_n_kinds + 2);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, db_open_memory, db_close)
        T(every_kind_has_a_table_matching_its_fields),
        T(every_list_order_seeks_an_index_without_sorting),
        T(migration_sets_application_id_and_version),
        T(every_table_is_strict),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

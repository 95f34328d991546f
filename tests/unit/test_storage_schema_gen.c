/* storage/schema_gen.c: the kinds' tables come from their descriptors. A
 * file built fresh and one upgraded from every earlier schema version are
 * identical, `check` finds nothing in either, and a file that lacks what a
 * descriptor added since (a kind, a field, its sort key, an index) gets it
 * on the next open. Files live in a fresh mkdtemp() folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testlib.h"

#include "storage/internal.h"

struct fixture {
    char dir[64];
    char path[128];
};

static int
make_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    test_dir_make(fx->dir, sizeof fx->dir, "schemagen");
    snprintf(fx->path, sizeof fx->path, "%s/it's \"a\" file.db", fx->dir);
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

static void
raw_exec(sqlite3 *raw, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static struct storage_db *
open_or_fail(const char *path, unsigned flags)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, flags, &err);
    if (!db)
        fail_msg("open %s: %s", path, err.msg);
    return db;
}

/* The whole schema of a connection as one text: type, name, table and the
 * CREATE text with white space runs made one space, ordered by name. */
static char *
schema_text(sqlite3 *sql)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(sql,
                                        "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                        " ORDER BY type, name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        sk_buf_addf(&b, "%s %s %s: ", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
                    sqlite3_column_text(st, 2));
        const char *s = (const char *)sqlite3_column_text(st, 3);
        bool space = false;
        for (; s && *s; s++) {
            if (*s == ' ' || *s == '\n' || *s == '\t') {
                space = true;
                continue;
            }
            if (space)
                sk_buf_adds(&b, " ");
            space = false;
            sk_buf_add(&b, s, 1);
        }
        sk_buf_adds(&b, "\n");
    }
    sqlite3_finalize(st);
    return b.s;
}

static void
count_problem(void *ctx, const char *line)
{
    (*(int *)ctx)++;
    print_message("check: %s\n", line);
}

static void
assert_check_clean(struct storage_db *db)
{
    struct sk_error err = {0};
    size_t n = 0;
    int said = 0;
    if (!storage_schema_compare(db, count_problem, &said, &n, &err))
        fail_msg("compare: %s", err.msg);
    assert_int_equal(n, 0);
    assert_int_equal(said, 0);
}

/* The lines of text that contain `part`, owned. */
static char *
lines_of(const char *text, const char *part)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) + 1 : strlen(text);
        char *line = sk_xmalloc(n + 1);
        memcpy(line, text, n);
        line[n] = '\0';
        if (strstr(line, part))
            sk_buf_adds(&b, line);
        free(line);
        text += n;
    }
    return b.s;
}

static char *
raw_text(sqlite3 *raw, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(st); c++)
            sk_buf_addf(&b, "%s%s",
                        sqlite3_column_text(st, c) ? (const char *)sqlite3_column_text(st, c)
                                                   : "NULL",
                        c + 1 < sqlite3_column_count(st) ? "|" : "\n");
    sqlite3_finalize(st);
    return b.s;
}

static void
assert_raw(sqlite3 *raw, const char *sql, const char *want)
{
    char *got = raw_text(raw, sql);
    if (strcmp(got, want) != 0)
        fail_msg("%s:\n  got  %s\n  want %s", sql, got, want);
    free(got);
}

/* Replaces the first `from` in the owned text *s by `to`. */
static void
replace_in(char **s, const char *from, const char *to)
{
    char *at = strstr(*s, from);
    if (!at)
        fail_msg("no %s in %s", from, *s);
    struct sk_buf b = {0};
    sk_buf_add(&b, *s, (size_t)(at - *s));
    sk_buf_adds(&b, to);
    sk_buf_adds(&b, at + strlen(from));
    free(*s);
    *s = b.s;
}

static int
collate_lv(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    return forms_collate(a, (size_t)na, b, (size_t)nb);
}

static void
fresh_and_upgraded_from_every_version_are_identical(void **state)
{
    struct fixture *fx = *state;
    struct storage_db *fresh = open_or_fail(":memory:", SO_CREATE);
    char *want = schema_text(fresh->sql);
    assert_check_clean(fresh);
    storage_close(fresh);
    for (int k = 1; k < storage_schema_version; k++) {
        remove(fx->path);
        /* the file as the release of schema k left it, with a record in it */
        sqlite3 *raw = NULL;
        assert_int_equal(sqlite3_open(fx->path, &raw), SQLITE_OK);
        /* steps before 12 index with the collation of skola then */
        assert_int_equal(
            sqlite3_create_collation_v2(raw, "lv", SQLITE_UTF8, NULL, collate_lv, NULL), SQLITE_OK);
        raw_exec(raw, "BEGIN");
        for (int v = 1; v <= k; v++) {
            const char *step = storage_migrate_step_sql(v);
            assert_non_null(step);
            raw_exec(raw, step);
        }
        char *ver = sqlite3_mprintf("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                    STORAGE_APPLICATION_ID, k);
        raw_exec(raw, ver);
        sqlite3_free(ver);
        raw_exec(raw, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                      "INSERT INTO device(school_id, inventory_no, category, model, status,"
                      " search, version) VALUES (1, 'INV-1', 'laptop', 'Ēra', 'in_use', '', 1)");
        raw_exec(raw, "COMMIT");
        sqlite3_close(raw);

        struct storage_db *db = open_or_fail(fx->path, 0);
        char *got = schema_text(db->sql);
        if (strcmp(want, got) != 0) {
            /* name the first differing line */
            const char *a = want, *b = got;
            while (*a && *a == *b)
                a++, b++;
            while (a > want && a[-1] != '\n')
                a--, b--;
            fail_msg("upgraded from %d differs:\nfresh:    %.200s\nupgraded: %.200s", k, a, b);
        }
        assert_check_clean(db);
        /* the record is kept; its key is made by the step that added keys
         * (a file past it had it written by skola, not by this raw insert) */
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db->sql,
                                            k < 12 ? "SELECT count(*) FROM device WHERE model ="
                                                     " 'Ēra' AND length(model__sk) > 0"
                                                   : "SELECT count(*) FROM device WHERE model ="
                                                     " 'Ēra'",
                                            -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), 1);
        sqlite3_finalize(st);
        free(got);
        storage_close(db);
    }
    free(want);
}

/* Columns of a table as "name type notnull default pk" lines, by name. */
static char *
columns_of(sqlite3 *sql, const char *table)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(sql,
                                        "SELECT name, type, \"notnull\", dflt_value, pk"
                                        " FROM pragma_table_info(?1) ORDER BY name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        sk_buf_addf(&b, "%s %s %d %s %d\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
                    sqlite3_column_int(st, 2),
                    sqlite3_column_text(st, 3) ? (const char *)sqlite3_column_text(st, 3) : "-",
                    sqlite3_column_int(st, 4));
    sqlite3_finalize(st);
    return b.s;
}

struct index_check {
    sqlite3 *sql;
    size_t n;
};

static void
check_index(void *ctx, const char *name, const char *sql)
{
    struct index_check *c = ctx;
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(c->sql, "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        fail_msg("index %s is missing", name);
    if (!storage_same_ddl((const char *)sqlite3_column_text(st, 0), sql))
        fail_msg("index %s is\n  %s\nbut the descriptor makes\n  %s", name,
                 sqlite3_column_text(st, 0), sql);
    sqlite3_finalize(st);
    c->n++;
}

static void
every_kind_is_what_its_descriptor_generates(void **state)
{
    (void)state;
    struct storage_db *db = open_or_fail(":memory:", SO_CREATE);
    sqlite3 *scratch = NULL;
    assert_int_equal(sqlite3_open(":memory:", &scratch), SQLITE_OK);
    raw_exec(scratch, "CREATE TABLE school (id INTEGER PRIMARY KEY)");
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        struct sk_buf b = {0};
        storage_gen_table(&b, kind);
        raw_exec(scratch, b.s);
        sk_buf_free(&b);
        char *want = columns_of(scratch, kind->table), *got = columns_of(db->sql, kind->table);
        if (strcmp(want, got) != 0)
            fail_msg("table %s:\n%s\ndescriptor:\n%s", kind->table, got, want);
        free(want);
        free(got);
        struct index_check c = {db->sql, 0};
        storage_gen_indexes(kind, check_index, &c);
        /* school, and a list index for each list field at least */
        size_t n_list = 0;
        for (size_t i = 0; i < kind->n_fields; i++)
            n_list += (kind->fields[i].flags & FF_LIST) != 0;
        assert_true(c.n >= 1 + n_list);
    }
    sqlite3_close(scratch);
    /* a kind described only by its descriptor: its whole CREATE is generated */
    struct sk_buf b = {0};
    storage_gen_table(&b, &forms_kind_programme);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT sql FROM sqlite_schema WHERE name = 'programme'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), b.s);
    sqlite3_finalize(st);
    sk_buf_free(&b);
    bool in_sync = false;
    struct sk_error err = {0};
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_true(in_sync);
    storage_close(db);
}

static void
a_generated_table_is_rebuilt_when_its_descriptor_changed(void **state)
{
    struct fixture *fx = *state;
    struct storage_db *db = open_or_fail(fx->path, SO_CREATE);
    char *want = schema_text(db->sql);
    storage_close(db);
    /* the table as an older descriptor made it: no notes field yet, and a
     * CHECK on code that the descriptor no longer has (like a choice list
     * that has gained a key since); rows, a table that refers to it, one
     * generated index gone (a trigger skola did not make is refused before
     * any write: tests/reliability/damage.sh) */
    struct sk_buf gen = {0};
    storage_gen_table(&gen, &forms_kind_programme);
    char *old = gen.s;
    replace_in(&old, "\"notes\" TEXT,", "");
    replace_in(&old, "\"code\" TEXT,", "\"code\" TEXT CHECK (\"code\" IN ('33484011', 'x''y')),");
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(fx->path, &raw), SQLITE_OK);
    raw_exec(raw, "BEGIN; DROP TABLE programme;");
    raw_exec(raw, old);
    raw_exec(raw, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                  "INSERT INTO programme(id, school_id, year, name, code, licence_no,"
                  " licence_no__sk, search) VALUES (7, 1, 2023, 'Programmēšana', '33484011',"
                  " 'P_5057', X'01', ''), (9, 1, 2023, 'Cita', 'x''y', NULL, NULL, '');"
                  "CREATE TABLE enrolment (id INTEGER PRIMARY KEY,"
                  " programme INTEGER NOT NULL REFERENCES programme(id));"
                  "INSERT INTO enrolment VALUES (1, 7), (2, 9);"
                  "CREATE INDEX programme_list_year ON programme(school_id, year);"
                  "UPDATE generated_schema SET fingerprint = 'older';"
                  "COMMIT");
    sqlite3_close(raw);
    free(old);

    db = open_or_fail(fx->path, 0);
    char *got = schema_text(db->sql);
    char *a = lines_of(want, " programme: "), *b = lines_of(got, " programme: ");
    /* the generated objects are a fresh file's */
    char *b_gen = lines_of(b, " programme: CREATE TABLE \"programme\"");
    char *a_gen = lines_of(a, " programme: CREATE TABLE \"programme\"");
    assert_string_equal(a_gen, b_gen);
    char *a_idx = lines_of(a, "index "), *b_idx = lines_of(b, "index ");
    assert_string_equal(a_idx, b_idx);
    free(a_gen);
    free(b_gen);
    free(a_idx);
    free(b_idx);
    free(a);
    free(b);
    free(got);
    free(want);
    bool in_sync = false;
    struct sk_error err = {0};
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_true(in_sync);
    storage_close(db);
    assert_int_equal(sqlite3_open(fx->path, &raw), SQLITE_OK);
    /* the rows, their ids and keys kept; the new field is there, empty */
    assert_raw(raw,
               "SELECT id, code, licence_no, hex(licence_no__sk), notes FROM programme ORDER BY id",
               "7|33484011|P_5057|01|NULL\n9|x'y|NULL||NULL\n");
    assert_raw(raw, "PRAGMA foreign_key_check", "");
    assert_raw(raw, "SELECT count(*) FROM enrolment", "2\n");
    sqlite3_close(raw);
}

static void
a_generated_table_with_an_unknown_column_is_not_rebuilt(void **state)
{
    struct fixture *fx = *state;
    struct storage_db *db = open_or_fail(fx->path, SO_CREATE);
    /* a field a newer skola added: an older one must not drop it */
    raw_exec(db->sql, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                      "ALTER TABLE programme ADD COLUMN \"future\" TEXT;"
                      "INSERT INTO programme(school_id, year, name, code, future, search)"
                      " VALUES (1, 2024, 'Mehatronika', '33521061', 'kept', '');"
                      "DROP INDEX programme_list_name;"
                      "UPDATE generated_schema SET fingerprint = 'newer'");
    storage_close(db);
    db = open_or_fail(fx->path, 0);
    bool in_sync = false;
    struct sk_error err = {0};
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_true(in_sync);
    assert_raw(db->sql, "SELECT future FROM programme", "kept\n");
    assert_raw(db->sql, "SELECT count(*) FROM sqlite_schema WHERE name = 'programme_list_name'",
               "1\n");
    storage_close(db);
}

static void
a_file_without_what_a_descriptor_added_gets_it_on_open(void **state)
{
    struct fixture *fx = *state;
    struct storage_db *db = open_or_fail(fx->path, SO_CREATE);
    raw_exec(db->sql, "INSERT INTO school(id, code, name) VALUES (1, '1', 'Pirmā');"
                      "INSERT INTO programme(school_id, year, name, code, licence_no, search)"
                      " VALUES (1, 2023, 'Programmēšana', '33484011', 'P_5057', '');"
                      "INSERT INTO vacancy(school_id, subject, notes, search)"
                      " VALUES (1, 'Fizika', 'x', '')");
    char *want = schema_text(db->sql);
    /* as a skola before these fields, index and kind made it */
    raw_exec(db->sql, "DROP INDEX programme_list_licence_no;"
                      "ALTER TABLE programme DROP COLUMN licence_no__sk;"
                      "ALTER TABLE vacancy DROP COLUMN notes;"
                      "ALTER TABLE vacancy DROP COLUMN updated_at;"
                      "DROP INDEX programme_list_code;"
                      "UPDATE generated_schema SET fingerprint = 'older'");
    raw_exec(db->sql,
             "DROP INDEX programme_list_pupils_start;"
             "CREATE INDEX programme_list_pupils_start ON programme(school_id, pupils_start)");
    bool in_sync = true;
    struct sk_error err = {0};
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_false(in_sync);
    storage_close(db);

    /* a read-only open cannot add them, and says so */
    err = (struct sk_error){0};
    assert_null(storage_open(fx->path, SO_READONLY, &err));
    assert_non_null(strstr(err.msg, "must be upgraded"));

    db = open_or_fail(fx->path, 0);
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_true(in_sync);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT count(*) FROM programme WHERE"
                                        " length(licence_no__sk) > 0",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1); /* the new key is filled */
    sqlite3_finalize(st);
    /* a historical table gains the field and the bookkeeping column back */
    assert_raw(db->sql,
               "SELECT count(*) FROM pragma_table_info('vacancy')"
               " WHERE name IN ('notes', 'updated_at')",
               "2\n");
    /* the generated table and its indexes are again exactly a fresh file's
     * (vacancy, a table of the historical steps, got notes at its end) */
    char *got = schema_text(db->sql);
    char *a = lines_of(want, " programme: "), *b = lines_of(got, " programme: ");
    assert_string_equal(a, b);
    assert_non_null(strstr(b, "index programme_list_code programme"));
    free(a);
    free(b);
    free(got);
    free(want);
    storage_close(db);

    /* a whole kind missing (a file of the release before it) */
    db = open_or_fail(fx->path, 0);
    raw_exec(db->sql, "DROP TABLE programme; UPDATE generated_schema SET fingerprint = 'older'");
    storage_close(db);
    db = open_or_fail(fx->path, 0);
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_true(in_sync);
    storage_close(db);
}

static void
a_dropped_index_is_left_for_check_to_name(void **state)
{
    struct fixture *fx = *state;
    struct storage_db *db = open_or_fail(fx->path, SO_CREATE);
    raw_exec(db->sql, "DROP INDEX programme_list_code");
    storage_close(db);
    /* the descriptors did not change: the open does not hide the damage */
    db = open_or_fail(fx->path, 0);
    struct sk_error err = {0};
    size_t n = 0;
    int said = 0;
    assert_true(storage_schema_compare(db, count_problem, &said, &n, &err));
    assert_int_equal(n, 1);
    bool in_sync = true;
    assert_true(storage_kinds_sync(db, false, &in_sync, &err));
    assert_false(in_sync);
    storage_close(db);
}

static void
ddl_texts_compare_by_tokens_not_by_quoting(void **state)
{
    (void)state;
    assert_true(
        storage_same_ddl("CREATE INDEX \"t_list_a\" ON \"t\"(school_id, ifnull(\"a\",''), id)",
                         "CREATE INDEX t_list_a ON t(school_id,\n    ifnull(a,''), id)"));
    /* a literal whose words are joined or split is another literal */
    assert_false(storage_same_ddl("CHECK (x IN ('a b'))", "CHECK (x IN ('ab'))"));
    assert_false(storage_same_ddl("CHECK (x IN ('a', 'b'))", "CHECK (x IN ('a', 'b', 'c'))"));
    assert_false(storage_same_ddl("CREATE INDEX a ON t(x)", "CREATE INDEX a ON t(x) WHERE x"));
    assert_false(storage_same_ddl("CREATE INDEX a ON t(x)", NULL));
    assert_true(storage_same_ddl(NULL, NULL));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fresh_and_upgraded_from_every_version_are_identical,
                                        make_dir, remove_dir),
        cmocka_unit_test(every_kind_is_what_its_descriptor_generates),
        cmocka_unit_test(ddl_texts_compare_by_tokens_not_by_quoting),
        cmocka_unit_test_setup_teardown(a_file_without_what_a_descriptor_added_gets_it_on_open,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_generated_table_is_rebuilt_when_its_descriptor_changed,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_generated_table_with_an_unknown_column_is_not_rebuilt,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_dropped_index_is_left_for_check_to_name, make_dir,
                                        remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* storage/batch.c and the import's audit entry: an import writes one batch
 * row (login, time, file name, SHA-256 of the bytes, rows) and no audit row
 * per record; later changes keep their per-field rows; storage_history
 * gives a record's entries newest first, ending in "created by import";
 * a failed import leaves no batch; forget-person rewrites a name in a
 * batch's file name (not inside a longer name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"
#include "storage/internal.h"
#include "testlib.h"

struct fixture {
    struct storage_db *db;
    int64_t school;
    char dir[64];
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/skola-batch-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    fx->db = test_db_open("T1", "Testa skola", NULL, &fx->school);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    storage_close(fx->db);
    if (test_dir_remove(fx->dir) != 0)
        return -1;
    free(fx);
    return 0;
}

/* Writes text to DIR/name; the path is in a static buffer. */
static const char *
write_file(struct fixture *fx, const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
    return path;
}

static bool
import(struct fixture *fx, const char *path, enum core_mode mode, struct core_import_result *res)
{
    struct core_import_opts o = {.encoding = CE_AUTO, .mode = mode};
    struct sk_error err = {0};
    return core_import_file(fx->db, &forms_kind_device, fx->school, path, &o, res, &err);
}

static int64_t
count(struct fixture *fx, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db->sql, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int64_t
device_id(struct fixture *fx, const char *inv)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    test_set(&rec, "inventory_no", inv);
    int64_t id = 0;
    struct sk_error err = {0};
    assert_true(storage_record_find_natkey(fx->db, fx->school, &rec, &id, &err));
    forms_record_fini(&rec);
    assert_true(id > 0);
    return id;
}

/* The history as lines "action field old>new" or "import FILE ROWS SHA". */
struct seen {
    char lines[8][512];
    size_t n;
};

static bool
collect(void *ctx, const struct storage_history_entry *e)
{
    struct seen *s = ctx;
    if (s->n < SK_ARRAY_LEN(s->lines)) {
        if (strcmp(e->action, "import") == 0)
            snprintf(s->lines[s->n], sizeof s->lines[0], "import %s %lld %s", e->file_name,
                     (long long)e->rows, e->sha256);
        else
            snprintf(s->lines[s->n], sizeof s->lines[0], "%s %s %s>%s", e->action, e->field,
                     e->old_value ? e->old_value : "", e->new_value ? e->new_value : "");
    }
    s->n++;
    return true;
}

static void
history(struct fixture *fx, int64_t id, struct seen *s)
{
    memset(s, 0, sizeof *s);
    struct sk_error err = {0};
    assert_true(storage_history(fx->db, &forms_kind_device, fx->school, id, collect, s, &err));
}

static const char file_a[] = "inventory_no,category,room\nA-1,laptop,101\nA-2,laptop,102\n"
                             "A-3,printer,\"1\"\"03\"\n";

static void
an_import_is_one_audit_entry(void **state)
{
    struct fixture *fx = *state;
    const char *p = write_file(fx, "ierīces, \"jaunās\".csv", file_a);
    struct core_import_result res;
    assert_true(import(fx, p, CM_INSERT, &res));
    assert_int_equal(res.inserted, 3);
    assert_int_equal(count(fx, "SELECT count(*) FROM audit WHERE kind = 'devices'"), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM import_batch"), 1);
    assert_int_equal(count(fx, "SELECT count(*) FROM device WHERE import_batch = 1"), 3);
    char sha[65], want[512];
    core_sha256_hex(file_a, strlen(file_a), sha);
    snprintf(want, sizeof want, "import %s 3 %s", p, sha);
    struct seen s;
    history(fx, device_id(fx, "A-3"), &s);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.lines[0], want);
    assert_int_equal(count(fx, "SELECT count(*) FROM import_batch WHERE login <> '' AND"
                               " at GLOB '[0-9][0-9][0-9][0-9]-*'"),
                     1);
}

static void
later_changes_keep_their_field_rows_newest_first(void **state)
{
    struct fixture *fx = *state;
    struct core_import_result res;
    assert_true(import(fx, write_file(fx, "a.csv", file_a), CM_INSERT, &res));
    int64_t id = device_id(fx, "A-2");
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    struct sk_error err = {0};
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    test_set(&rec, "room", "202");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    test_set(&rec, "room", "302");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    forms_record_fini(&rec);
    /* an upsert that changes a stored record: per-field rows, no new record */
    assert_true(import(
        fx, write_file(fx, "b.csv", "inventory_no,model,category\nA-2,T14,laptop\nA-9,X1,laptop\n"),
        CM_UPSERT, &res));
    assert_int_equal(res.updated, 1);
    assert_int_equal(res.inserted, 1);
    struct seen s;
    history(fx, id, &s);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.lines[0], "update model >T14");
    assert_string_equal(s.lines[1], "update room 202>302");
    assert_string_equal(s.lines[2], "update room 102>202");
    assert_memory_equal(s.lines[3], "import ", 7);
    assert_non_null(strstr(s.lines[3], "/a.csv 3 "));
    /* the record the upsert created names the second batch */
    history(fx, device_id(fx, "A-9"), &s);
    assert_int_equal(s.n, 1);
    assert_non_null(strstr(s.lines[0], "/b.csv 1 "));
    assert_int_equal(count(fx, "SELECT updated FROM import_batch WHERE id = 2"), 1);
}

static void
a_record_inserted_by_hand_has_its_insert_entry(void **state)
{
    struct fixture *fx = *state;
    int64_t id =
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", "H-1", "category", "laptop", NULL});
    struct seen s;
    history(fx, id, &s);
    assert_int_equal(s.n, 1);
    assert_memory_equal(s.lines[0], "insert  >{", 10);
    assert_non_null(strstr(s.lines[0], "\"H-1\""));
    /* deleted, and its id used again by an import: only the new record's entries */
    struct sk_error err = {0};
    assert_true(storage_record_delete(fx->db, &forms_kind_device, fx->school, id, 0, &err));
    struct core_import_result res;
    assert_true(import(fx, write_file(fx, "c.csv", file_a), CM_INSERT, &res));
    history(fx, id, &s);
    assert_int_equal(s.n, 1);
    assert_memory_equal(s.lines[0], "import ", 7);
}

static void
a_failed_or_dry_import_leaves_no_batch(void **state)
{
    struct fixture *fx = *state;
    struct core_import_result res;
    assert_false(import(fx,
                        write_file(fx, "bad.csv",
                                   "inventory_no,category\nB-1,laptop\nB-2,"
                                   "no-such-category\n"),
                        CM_INSERT, &res));
    struct core_import_opts o = {.encoding = CE_AUTO, .dry_run = true};
    struct sk_error err = {0};
    assert_true(core_import_file(fx->db, &forms_kind_device, fx->school,
                                 write_file(fx, "dry.csv", file_a), &o, &res, &err));
    assert_int_equal(count(fx, "SELECT count(*) FROM import_batch"), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM device"), 0);
}

static void
forget_person_rewrites_a_batch_file_name(void **state)
{
    struct fixture *fx = *state;
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Jānis Bērziņš", "role", "teacher", NULL});
    struct core_import_result res;
    assert_true(import(fx, write_file(fx, "Jānis Bērziņš ierīces.csv", file_a), CM_INSERT, &res));
    assert_true(
        import(fx, write_file(fx, "Jānis Bērziņš-Ozols.csv", "inventory_no,category\nZ-1,laptop\n"),
               CM_INSERT, &res));
    struct storage_forget_report rep;
    struct sk_error err = {0};
    assert_true(storage_forget_person(fx->db, fx->school, "Jānis Bērziņš", false, &rep, &err));
    struct seen s;
    history(fx, device_id(fx, "A-1"), &s);
    assert_int_equal(s.n, 1);
    assert_null(strstr(s.lines[0], "Bērziņš"));
    assert_non_null(strstr(s.lines[0], rep.pseudonym));
    /* a longer name is another person */
    history(fx, device_id(fx, "Z-1"), &s);
    assert_non_null(strstr(s.lines[0], "Jānis Bērziņš-Ozols.csv"));
    storage_forget_report_fini(&rep);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(an_import_is_one_audit_entry),
        T(later_changes_keep_their_field_rows_newest_first),
        T(a_record_inserted_by_hand_has_its_insert_entry),
        T(a_failed_or_dry_import_leaves_no_batch),
        T(forget_person_rewrites_a_batch_file_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

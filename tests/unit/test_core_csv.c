/* core/: CSV import and export (SPEC §4). */
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
#include "testlib.h"

static bool
import_opts(struct test_csv_fixture *fx, const char *path, struct core_import_opts *o,
            struct core_import_result *res, struct sk_error *err)
{
    fx->n_errors = 0;
    o->on_error = test_csv_collect;
    o->ctx = fx;
    return core_import_file(fx->db, &forms_kind_device, fx->school, path, o, res, err);
}

static bool
import(struct test_csv_fixture *fx, const char *path, struct core_import_result *res,
       struct sk_error *err)
{
    struct core_import_opts o = {.encoding = CE_AUTO, .mode = CM_INSERT};
    return import_opts(fx, path, &o, res, err);
}

static int64_t
count_devices(struct storage_db *db, int64_t school)
{
    struct storage_query q = {.kind = &forms_kind_device, .school_id = school, .sort_field = -1};
    struct sk_error err = {0};
    int64_t n = -1;
    assert_true(storage_count(db, &q, NULL, &n, &err));
    return n;
}

/* Reads the device with inventory number `inv` into rec (initialised). */
static void
get_device(struct test_csv_fixture *fx, const char *inv, struct forms_record *rec)
{
    struct sk_error err = {0};
    forms_record_clear(rec);
    forms_value_set_text(&rec->values[0], inv, strlen(inv));
    int64_t id = 0;
    assert_true(storage_record_find_natkey(fx->db, fx->school, rec, &id, &err));
    if (id == 0)
        fail_msg("no device %s", inv);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, rec, &err));
}

static const struct forms_value *
value(const struct forms_record *rec, const char *key)
{
    int fi = forms_field_index(rec->kind, key);
    assert_true(fi >= 0);
    return &rec->values[fi];
}

static const char *
text(const struct forms_record *rec, const char *key)
{
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];
    int fi = forms_field_index(rec->kind, key);
    assert_true(fi >= 0);
    const char *s = forms_value_format(&rec->kind->fields[fi], &rec->values[fi], FS_CSV, b, 512);
    if (s != b)
        snprintf(b, 512, "%s", s);
    return b;
}

/* Export of all devices into an owned string. */
static char *
export_all(struct storage_db *db, int64_t school, enum core_profile profile, size_t *len)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    struct storage_query q = {.kind = &forms_kind_device, .school_id = school, .sort_field = 0};
    struct sk_error err = {0};
    size_t rows = 0;
    if (!core_export(db, &q, f, profile, &rows, &err))
        fail_msg("export: %s", err.msg);
    fclose(f);
    test_strip_uids(s); /* random: the uid tests below look at them */
    if (len)
        *len = strlen(s);
    return s;
}

static void
assert_error(const struct test_csv_fixture *fx, size_t i, long line, long column, const char *field,
             const char *msg_part)
{
    if (i >= fx->n_errors)
        fail_msg("only %zu errors, wanted #%zu", fx->n_errors, i);
    const struct test_seen_error *e = &fx->errors[i];
    if (e->line != line || e->column != column || strcmp(e->field, field) != 0 ||
        (msg_part && !strstr(e->msg, msg_part)))
        fail_msg("error #%zu is %ld:%ld: %s: %s; wanted %ld:%ld: %s: …%s…", i, e->line, e->column,
                 e->field, e->msg, line, column, field, msg_part ? msg_part : "");
}

/* ------------------------------------------------------------------ tests */

static void
clean_file_is_imported(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "clean.csv",
                                   "inventory_no,category,purchase_date,purchase_cost,status\n"
                                   "LVT-1,laptop,2021-08-30,689.00,in_use\n"
                                   "LVT-2,desktop,2019-03-05,545.5,in_repair\n"
                                   "LVT-3,tablet,,,in_storage\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 0);
    assert_int_equal(res.rows, 3);
    assert_int_equal(res.inserted, 3);
    assert_int_equal(res.updated, 0);
    assert_int_equal(res.encoding, CE_UTF8);
    assert_int_equal(res.separator, ',');
    assert_int_equal(count_devices(fx->db, fx->school), 3);

    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "LVT-2", &rec);
    assert_int_equal(value(&rec, "purchase_cost")->i, 54550);
    assert_int_equal(value(&rec, "purchase_date")->i, sk_date_from_ymd(2019, 3, 5));
    assert_string_equal(text(&rec, "status"), "in_repair");
    forms_record_fini(&rec);
}

static void
columns_left_out_get_their_default(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "d.csv", "inventory_no,category\nA-1,laptop\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "A-1", &rec);
    assert_string_equal(text(&rec, "status"), "in_use");
    forms_record_fini(&rec);
}

static void
windows_1257_excel_file_is_read(void **state)
{
    struct test_csv_fixture *fx = *state;
    /* Inventāra nr.;Kategorija;Iegādes datums;Iegādes vērtība;Telpa;Statuss;Piezīmes
     * in Windows-1257 with CRLF: ā=E2 ē=E7 ī=EE Ķ=CD š=F0 ņ=F2 Ē=C7. */
    static const char bytes[] =
        "Invent\xe2ra nr.;Kategorija;Ieg\xe2\x64\x65s datums;Ieg\xe2\x64\x65s v\xe7rt\xee\x62\x61;"
        "Telpa;Statuss;Pie\x7a\xeemes\r\n"
        "LVT-2001;Portat\xeevie datori;1.9.2022;1 234,50;\xcd\xeemijas kabinets;Lieto\xf0\x61n\xe2;"
        "\xc7n\xe2, pie loga\r\n"
        "LVT-2002;Plan\xf0\x65tdatori;15.03.2023;229,99;\xd0\xfb\xf0\x61nas darbn\xee\x63\x61;"
        "Noliktav\xe2;\r\n";
    const char *p = test_csv_write(fx, "excel.csv", bytes, sizeof bytes - 1);
    struct core_import_result res;
    struct sk_error err = {0};
    bool ok = import(fx, p, &res, &err);
    if (!ok)
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.encoding, CE_CP1257);
    assert_int_equal(res.separator, ';');
    assert_int_equal(res.inserted, 2);

    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "LVT-2001", &rec);
    assert_string_equal(text(&rec, "category"), "laptop");
    assert_int_equal(value(&rec, "purchase_date")->i, sk_date_from_ymd(2022, 9, 1));
    assert_int_equal(value(&rec, "purchase_cost")->i, 123450);
    assert_string_equal(text(&rec, "room"), "Ķīmijas kabinets");
    assert_string_equal(text(&rec, "notes"), "Ēnā, pie loga");
    get_device(fx, "LVT-2002", &rec);
    assert_string_equal(text(&rec, "room"), "Šūšanas darbnīca");
    assert_string_equal(text(&rec, "status"), "in_storage");
    assert_int_equal(value(&rec, "purchase_cost")->i, 22999);
    forms_record_fini(&rec);
}

static void
explicit_cp1257_is_honoured(void **state)
{
    struct test_csv_fixture *fx = *state;
    /* C2 AB is valid UTF-8 ("«") by accident, so auto would read it as
     * UTF-8; the option wins: "Ā«". */
    const char *p =
        test_csv_write(fx, "e.csv", "inventory_no,category,room\nX-1,laptop,\xc2\xab\n", 0);
    struct core_import_opts o = {.encoding = CE_CP1257};
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import_opts(fx, p, &o, &res, &err));
    assert_int_equal(res.encoding, CE_CP1257);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "X-1", &rec);
    assert_string_equal(text(&rec, "room"), "Ā«");
    forms_record_fini(&rec);
}

static void
utf8_bom_is_stripped(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(
        fx, "bom.csv", "\xef\xbb\xbfinventory_no,category,room\nB-1,laptop,Bibliotēka\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    assert_int_equal(res.encoding, CE_UTF8);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "B-1", &rec);
    assert_string_equal(text(&rec, "room"), "Bibliotēka");
    forms_record_fini(&rec);
}

static void
tab_separator_is_detected(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(
        fx, "tab.tsv", "inventory_no\tcategory\tmodel\nT-1\tlaptop\tLatitude 3420, 14\"\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    assert_int_equal(res.separator, '\t');
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "T-1", &rec);
    assert_string_equal(text(&rec, "model"), "Latitude 3420, 14\"");
    forms_record_fini(&rec);
}

static void
quoted_newlines_keep_later_line_numbers(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "ml.csv",
                                   "inventory_no,category,notes\r\n"
                                   "N-1,laptop,\"two\r\nlines\"\r\n"
                                   "N-2,sofa,\r\n"
                                   "\r\n"
                                   "N-3,laptop,\"a\r\n\r\nb\"\r\n"
                                   "N-4,sofa,\r\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(res.rows, 4);
    assert_int_equal(fx->n_errors, 2);
    assert_error(fx, 0, 4, 2, "category", NULL);
    assert_error(fx, 1, 9, 2, "category", NULL);
}

static void
multiline_value_is_stored_with_lf(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p =
        test_csv_write(fx, "ml2.csv",
                       "inventory_no;category;notes\r\nM-1;laptop;\"Ventilators, \"\"skaļš\"\"\r\n"
                       "jānomaina\"\r\n",
                       0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "M-1", &rec);
    assert_string_equal(text(&rec, "notes"), "Ventilators, \"skaļš\"\njānomaina");
    forms_record_fini(&rec);
}

static void
every_error_has_its_line_column_and_field(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "err.csv",
                                   "inventory_no,category,purchase_date,purchase_cost,status\n"
                                   "E-1,laptop,31.02.2024,500,in_use\n"
                                   "E-2,toaster,2024-01-10,12.345,in_use\n"
                                   ",desktop,2024-01-10,100,in_use\n"
                                   "E-4,laptop,2024-01-10,300,in_use,extra\n"
                                   "E-5,laptop,2024-01-10,300,in_use\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(res.rows, 5);
    assert_int_equal(res.n_errors, fx->n_errors);
    assert_int_equal(res.inserted, 0);
    assert_error(fx, 0, 2, 3, "purchase_date", NULL);
    assert_error(fx, 1, 3, 2, "category", NULL);
    assert_error(fx, 2, 3, 4, "purchase_cost", NULL);
    assert_error(fx, 3, 4, 1, "inventory_no", NULL);
    assert_error(fx, 4, 5, 6, "", "6 cells");
    assert_int_equal(fx->n_errors, 5);
    assert_int_equal(count_devices(fx->db, fx->school), 0);
}

static void
errors_of_one_row_come_in_column_order(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "ord.csv",
                                   "inventory_no,category,purchase_cost,status\n"
                                   "O-1,laptop,1,in_use\n"
                                   "O-1,sofa,-5,lost\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 4);
    assert_error(fx, 0, 3, 1, "inventory_no", "is also on line 2");
    assert_error(fx, 1, 3, 2, "category", NULL);
    assert_error(fx, 2, 3, 3, "purchase_cost", NULL);
    assert_error(fx, 3, 3, 4, "status", NULL);
}

static void
stdin_is_read_and_detected(void **state)
{
    struct test_csv_fixture *fx = *state;
    /* a pipe cannot be rewound: the detection spools it */
    static const char bytes[] = "inventory_no;category;room\nS-1;laptop;\xd0\xfb\xf0\x61nas\n";
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], bytes, sizeof bytes - 1), (ssize_t)(sizeof bytes - 1));
    close(fds[1]);
    int saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    clearerr(stdin);
    struct core_import_result res;
    struct sk_error err = {0};
    bool ok = import(fx, "-", &res, &err);
    dup2(saved, 0);
    close(saved);
    clearerr(stdin);
    if (!ok)
        fail_msg("%s", err.msg);
    assert_int_equal(res.encoding, CE_CP1257);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "S-1", &rec);
    assert_string_equal(text(&rec, "room"), "Šūšanas");
    forms_record_fini(&rec);
}

static void
cross_field_rule_points_at_its_column(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "x.csv",
                                   "inventory_no,category,warranty_until,purchase_date\n"
                                   "W-1,laptop,2020-01-01,2021-01-01\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 3, "warranty_until", NULL);
}

static void
unknown_column_lists_the_known_ones(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "u.csv", "inventory_no,colour,status\nX-1,red,in_use\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    struct core_import_opts o = {.encoding = CE_AUTO, .mode = CM_INSERT, .strict = true};
    assert_false(import_opts(fx, p, &o, &res, &err));
    /* --strict: the unknown column, and category (required) is missing */
    assert_int_equal(fx->n_errors, 2);
    assert_error(fx, 0, 1, 2, "",
                 "unknown column “colour”; known columns: inventory_no, "
                 "category, os,");
    assert_non_null(strstr(fx->errors[0].msg, "last_audit_on, notes"));
    assert_error(fx, 1, 1, 0, "category", "category");
}

/* Without --strict an unknown column is a warning and its cells are not
 * read; the file's errors are still all reported, and a clean file imports. */
static void
unknown_column_is_a_warning(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(
        fx, "w.csv", "Nr.p.k.,inventory_no,category,status\n1,W-1,laptop,\n2,W-2,laptop,bad\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(res.n_warnings, 1);
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 4, "status", "“bad” is not a valid value");
    p = test_csv_write(fx, "w2.csv", "Nr.p.k.,inventory_no,category,status\n1,W-1,laptop,\n", 0);
    fx->n_errors = 0;
    sk_error_clear(&err);
    assert_true(import(fx, p, &res, &err));
    assert_int_equal(res.inserted, 1);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "W-1", &rec);
    assert_string_equal(test_get(&rec, "status"), "in_use"); /* the empty cell's default */
    forms_record_fini(&rec);
}

static void
missing_required_column_is_one_error(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "m.csv", "inventory_no;status\nX-1;in_use\nX-2;in_use\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 1, 0, "category", "“category”");
}

static void
duplicate_column_is_an_error(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p =
        test_csv_write(fx, "dc.csv", "inventory_no,category,Kategorija\nX,laptop,laptop\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 1, 3, "category", "(also column 2)");
}

static void
duplicate_inside_the_file_names_the_first_line(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "dup.csv",
                                   "category,inventory_no\nlaptop,INV-1\nlaptop,INV-2\n"
                                   "laptop,INV-1\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 4, 2, "inventory_no", "“INV-1” is also on line 2");
    assert_int_equal(count_devices(fx->db, fx->school), 0);
}

static void
duplicate_against_the_database_is_an_error(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_result res;
    struct sk_error err = {0};
    const char *p = test_csv_write(fx, "a.csv", "inventory_no,category\nINV-1,laptop\n", 0);
    assert_true(import(fx, p, &res, &err));
    p = test_csv_write(fx, "b.csv", "inventory_no,category\nINV-9,laptop\nINV-1,desktop\n", 0);
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 1, "inventory_no", "“INV-1” already exists in the database");
    assert_int_equal(count_devices(fx->db, fx->school), 1);
}

static void
an_error_anywhere_writes_nothing(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct sk_buf b = {0};
    sk_buf_adds(&b, "inventory_no,category\n");
    for (int i = 0; i < 500; i++)
        sk_buf_addf(&b, "A-%d,laptop\n", i);
    sk_buf_adds(&b, "A-X,sofa\n");
    const char *p = test_csv_write(fx, "atomic.csv", b.s, b.len);
    sk_buf_free(&b);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(res.rows, 501);
    assert_int_equal(res.inserted, 0);
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 502, 2, "category", NULL);
    assert_int_equal(count_devices(fx->db, fx->school), 0);
    assert_false(storage_in_transaction(fx->db));
}

static void
dry_run_writes_nothing(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p =
        test_csv_write(fx, "dry.csv", "inventory_no,category\nD-1,laptop\nD-2,tablet\n", 0);
    struct core_import_opts o = {.dry_run = true};
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import_opts(fx, p, &o, &res, &err));
    assert_int_equal(res.rows, 2);
    assert_int_equal(fx->n_errors, 0);
    assert_int_equal(count_devices(fx->db, fx->school), 0);
    assert_false(storage_in_transaction(fx->db));
}

static void
dry_run_still_finds_duplicates_in_the_database(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_result res;
    struct sk_error err = {0};
    const char *p =
        test_csv_write(fx, "a.csv", "inventory_no,category,serial\nS-1,laptop,SN1\n", 0);
    assert_true(import(fx, p, &res, &err));
    p = test_csv_write(fx, "b.csv", "inventory_no,category,serial\nS-2,laptop,SN1\n", 0);
    struct core_import_opts o = {.dry_run = true};
    assert_false(import_opts(fx, p, &o, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_int_equal(fx->errors[0].line, 2);
    assert_string_equal(fx->errors[0].field, "serial");
    assert_int_equal(fx->errors[0].column, 3);
}

static void
upsert_updates_and_inserts(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_result res;
    struct sk_error err = {0};
    const char *p = test_csv_write(fx, "a.csv",
                                   "inventory_no,category,room,model\nU-1,laptop,101,ThinkPad L14\n"
                                   "U-2,laptop,102,\n",
                                   0);
    assert_true(import(fx, p, &res, &err));
    p = test_csv_write(
        fx, "b.csv",
        "inventory_no,category,status,room\nU-1,laptop,broken,205\nU-9,monitor,in_use,"
        "101\n",
        0);
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    struct core_import_opts o = {.mode = CM_UPSERT};
    assert_true(import_opts(fx, p, &o, &res, &err));
    assert_int_equal(res.rows, 2);
    assert_int_equal(res.inserted, 1);
    assert_int_equal(res.updated, 1);
    assert_int_equal(count_devices(fx->db, fx->school), 3);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "U-1", &rec);
    assert_string_equal(text(&rec, "status"), "broken");
    assert_string_equal(text(&rec, "room"), "205");
    /* a column the file leaves out keeps the stored value */
    assert_string_equal(text(&rec, "model"), "ThinkPad L14");
    assert_int_equal(rec.version, 2);
    forms_record_fini(&rec);

    /* the same key twice in one file is still an error */
    p = test_csv_write(fx, "c.csv", "inventory_no,category\nU-1,laptop\nU-1,tablet\n", 0);
    assert_false(import_opts(fx, p, &o, &res, &err));
    assert_error(fx, 0, 3, 1, "inventory_no", "is also on line 2");
}

static void
latvian_labels_in_any_order_are_accepted(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "lv.csv",
                                   "STATUSS;telpa;Inventara nr.;Kategorija;Iegādes Vērtība\n"
                                   "Remontā;204;L-1;Portatīvie datori;12,5\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "L-1", &rec);
    assert_string_equal(text(&rec, "status"), "in_repair");
    assert_string_equal(text(&rec, "room"), "204");
    assert_int_equal(value(&rec, "purchase_cost")->i, 1250);
    forms_record_fini(&rec);
}

static void
unterminated_quote_is_reported(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p =
        test_csv_write(fx, "q.csv",
                       "inventory_no,category,notes\nQ-1,laptop,ok\nQ-2,laptop,\"never\n"
                       "closed\n",
                       0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 3, "", "not closed");
}

static void
nul_byte_is_an_error_not_a_crash(void **state)
{
    struct test_csv_fixture *fx = *state;
    static const char bytes[] = "inventory_no,category,room\nZ-1,laptop,1\0002\n";
    const char *p = test_csv_write(fx, "nul.csv", bytes, sizeof bytes - 1);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 0, "", "NUL byte: this is a binary file");
}

static void
empty_file_is_an_error(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "empty.csv", "\n\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(fx->n_errors, 1);
}

static void
missing_file_is_an_io_error(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_result res;
    struct sk_error err = {0};
    char path[128];
    snprintf(path, sizeof path, "%s/nope.csv", fx->dir);
    assert_false(import(fx, path, &res, &err));
    assert_int_equal(err.code, SK_EIO);
}

static void
rfc4180_export_writes_keys_iso_dates_and_quotes(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "a.csv",
                                   "inventory_no;category;purchase_date;purchase_cost;notes;model\n"
                                   "R-1;laptop;30.08.2021;689;\"Ventilators, \"\"skaļš\"\"\";"
                                   "Latitude 3420\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    char *out = export_all(fx->db, fx->school, CP_RFC4180, NULL);
    const char *want =
        "inventory_no,category,os,manufacturer,model,serial,purchase_date,purchase_cost,funding,"
        "project,supplier,warranty_until,room,user_group,assigned_to,status,written_off_on,"
        "write_off_act,last_audit_on,notes\n"
        "R-1,laptop,,,Latitude 3420,,2021-08-30,689.00,,,,,,,,in_use,,,,"
        "\"Ventilators, \"\"skaļš\"\"\"\n";
    assert_string_equal(out, want);
    free(out);
}

static void
excel_export_has_bom_semicolons_crlf_and_headers_in_the_users_language(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "a.csv",
                                   "inventory_no,category,purchase_date,purchase_cost\n"
                                   "X-1,laptop,2021-08-30,1234.5\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    char *out = export_all(fx->db, fx->school, CP_EXCEL, NULL);
    /* headers and choices by their label in the user's language (English
     * here; Latvian in tests/cli/import_forgiving.sh) */
    assert_memory_equal(out, "\xef\xbb\xbfInventory no.;Category;", 26);
    assert_non_null(strstr(out, "\r\nX-1;Laptops (incl. Chromebooks);;;;;30.08.2021;1234,50;"));
    assert_null(strstr(out + 3, "\n\n"));
    size_t n = strlen(out);
    assert_true(n > 2 && out[n - 2] == '\r' && out[n - 1] == '\n');
    free(out);
}

static void
excel_export_neutralises_formulas(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "inj.csv",
                                   "inventory_no,category,model,room,notes,purchase_cost\n"
                                   "I-1,laptop,=HYPERLINK(\"x\"),-1,@SUM(A1),10\n"
                                   "I-2,laptop,'=already,+371,plain,20\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    /* the import keeps a hand-escaped value's meaning: one apostrophe goes */
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    get_device(fx, "I-2", &rec);
    assert_string_equal(text(&rec, "model"), "=already");
    forms_record_fini(&rec);

    char *x = export_all(fx->db, fx->school, CP_EXCEL, NULL);
    assert_non_null(strstr(x, "I-1;Laptops (incl. Chromebooks);;;\"'=HYPERLINK(\"\"x\"\")\";"));
    assert_non_null(strstr(x, ";'-1;"));
    assert_non_null(strstr(x, ";'@SUM(A1)\r\n"));
    assert_non_null(strstr(x, "I-2;Laptops (incl. Chromebooks);;;'=already;"));
    assert_non_null(strstr(x, ";'+371;"));
    free(x);
    char *r = export_all(fx->db, fx->school, CP_RFC4180, NULL);
    assert_non_null(strstr(r, "I-1,laptop,,,\"=HYPERLINK(\"\"x\"\")\","));
    assert_non_null(strstr(r, ",-1,"));
    free(r);
}

/* Export -> import into a new database -> export gives the same bytes. */
static void
round_trip(enum core_profile profile)
{
    struct sk_error err = {0};
    int64_t s1, s2;
    struct storage_db *a = test_db_open("LVT", "Testa skola", "Liepāja", &s1);
    int64_t demo_school = 0;
    assert_true(core_demo(a, 1, &demo_school, &err));
    /* awkward values on top of the demo */
    char dir[] = "/tmp/skola-rt-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/extra.csv", dir);
    FILE *f = fopen(path, "wb");
    fputs("inventory_no,category,model,notes,room,assigned_to\n"
          "Z-1,laptop,\"=1+2\",\"line one\nline \"\"two\"\"; end\",-1,'@x\n"
          "Z-2,laptop,\"''=a\",\" \",\"a,b;c\",Jānis Bērziņš\n",
          f);
    fclose(f);
    struct core_import_opts o = {0};
    struct core_import_result res;
    if (!core_import_file(a, &forms_kind_device, demo_school, path, &o, &res, &err))
        fail_msg("extra: %s", err.msg);

    size_t n1, n2;
    char *one = export_all(a, demo_school, profile, &n1);
    snprintf(path, sizeof path, "%s/one.csv", dir);
    f = fopen(path, "wb");
    fwrite(one, 1, n1, f);
    fclose(f);

    struct storage_db *b = test_db_open("T2", "Testa skola", "Liepāja", &s2);
    if (!core_import_file(b, &forms_kind_device, s2, path, &o, &res, &err))
        fail_msg("re-import: %s", err.msg);
    assert_int_equal(res.rows, 402);
    char *two = export_all(b, s2, profile, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(one, two, n1);
    free(one);
    free(two);
    storage_close(a);
    storage_close(b);
    unlink(path);
    snprintf(path, sizeof path, "%s/extra.csv", dir);
    unlink(path);
    rmdir(dir);
}

static void
rfc4180_round_trip_is_byte_identical(void **state)
{
    (void)state;
    round_trip(CP_RFC4180);
}

static void
excel_round_trip_is_byte_identical(void **state)
{
    (void)state;
    round_trip(CP_EXCEL);
}

static void
export_path_writes_the_file_atomically(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "a.csv", "inventory_no,category\nP-1,laptop\n", 0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_true(import(fx, p, &res, &err));
    char out[128];
    snprintf(out, sizeof out, "%s/out.csv", fx->dir);
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1};
    size_t rows = 0;
    assert_true(core_export_path(fx->db, &q, out, CP_RFC4180, &rows, &err));
    assert_int_equal(rows, 1);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f));
    assert_memory_equal(line, "uid,inventory_no,", 17);
    assert_non_null(fgets(line, sizeof line, f));
    test_strip_uids(line);
    assert_memory_equal(line, "P-1,laptop,", 11);
    fclose(f);
    /* a folder that does not exist: SK_EIO, nothing left behind */
    snprintf(out, sizeof out, "%s/no/such/out.csv", fx->dir);
    assert_false(core_export_path(fx->db, &q, out, CP_RFC4180, &rows, &err));
    assert_int_equal(err.code, SK_EIO);
}

static void
preview_shows_the_first_rows(void **state)
{
    struct test_csv_fixture *fx = *state;
    static const char bytes[] = "Invent\xe2ra nr.;Kategorija;Piez\xeemes\r\n"
                                "A-1;laptop;\"two\r\nlines\"\r\n"
                                "A-2;tablet\r\n"
                                "A-3;desktop;x\r\n"
                                "A-4;desktop;y\r\n";
    const char *p = test_csv_write(fx, "pv.csv", bytes, sizeof bytes - 1);
    struct core_preview pv;
    struct sk_error err = {0};
    assert_true(core_import_preview(p, CE_AUTO, 2, &pv, &err));
    assert_int_equal(pv.encoding, CE_CP1257);
    assert_int_equal(pv.separator, ';');
    assert_int_equal(pv.n_cols, 3);
    assert_string_equal(pv.header[0], "Inventāra nr.");
    assert_string_equal(pv.header[2], "Piezīmes");
    assert_int_equal(pv.n_rows, 2);
    assert_string_equal(pv.rows[0][2], "two\nlines");
    assert_string_equal(pv.rows[1][0], "A-2");
    assert_string_equal(pv.rows[1][2], "");
    core_preview_fini(&pv);
    core_preview_fini(NULL);
}

static void
encoding_and_profile_names_parse(void **state)
{
    (void)state;
    enum core_encoding e;
    assert_true(core_encoding_parse("UTF-8", &e));
    assert_int_equal(e, CE_UTF8);
    assert_true(core_encoding_parse("windows-1257", &e));
    assert_int_equal(e, CE_CP1257);
    assert_true(core_encoding_parse("auto", &e));
    assert_int_equal(e, CE_AUTO);
    assert_false(core_encoding_parse("latin1", &e));
    assert_string_equal(core_encoding_name(CE_CP1257), "cp1257");
    enum core_profile pr;
    assert_true(core_profile_parse("excel", &pr));
    assert_int_equal(pr, CP_EXCEL);
    assert_true(core_profile_parse("rfc4180", &pr));
    assert_int_equal(pr, CP_RFC4180);
    assert_false(core_profile_parse("xlsx", &pr));
}

int
main(void)
{
    setenv("LANGUAGE", "en", 1);
    setenv("SKOLA_TODAY", "2025-09-01", 1);
#define T(name) cmocka_unit_test_setup_teardown(name, test_csv_open, test_csv_close)
    const struct CMUnitTest tests[] = {
        T(clean_file_is_imported),
        T(columns_left_out_get_their_default),
        T(windows_1257_excel_file_is_read),
        T(explicit_cp1257_is_honoured),
        T(utf8_bom_is_stripped),
        T(tab_separator_is_detected),
        T(quoted_newlines_keep_later_line_numbers),
        T(multiline_value_is_stored_with_lf),
        T(every_error_has_its_line_column_and_field),
        T(errors_of_one_row_come_in_column_order),
        T(stdin_is_read_and_detected),
        T(cross_field_rule_points_at_its_column),
        T(unknown_column_lists_the_known_ones),
        T(unknown_column_is_a_warning),
        T(missing_required_column_is_one_error),
        T(duplicate_column_is_an_error),
        T(duplicate_inside_the_file_names_the_first_line),
        T(duplicate_against_the_database_is_an_error),
        T(an_error_anywhere_writes_nothing),
        T(dry_run_writes_nothing),
        T(dry_run_still_finds_duplicates_in_the_database),
        T(upsert_updates_and_inserts),
        T(latvian_labels_in_any_order_are_accepted),
        T(unterminated_quote_is_reported),
        T(nul_byte_is_an_error_not_a_crash),
        T(empty_file_is_an_error),
        T(missing_file_is_an_io_error),
        T(rfc4180_export_writes_keys_iso_dates_and_quotes),
        T(excel_export_has_bom_semicolons_crlf_and_headers_in_the_users_language),
        T(excel_export_neutralises_formulas),
        T(export_path_writes_the_file_atomically),
        T(preview_shows_the_first_rows),
        cmocka_unit_test(rfc4180_round_trip_is_byte_identical),
        cmocka_unit_test(excel_round_trip_is_byte_identical),
        cmocka_unit_test(encoding_and_profile_names_parse),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* core/: the one CSV reader (core/csv_read.c, core/encoding.c) as every
 * import sees it: stray quotes, swallowed records, UTF-8 with bad bytes,
 * UTF-16 from Excel, NUL bytes, invisible characters in keys; the same
 * refusals in the template import and the preview. */
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

/* The UTF-8 text s as UTF-16 (little or big endian) with a BOM. */
static const char *
write_utf16(struct test_csv_fixture *fx, const char *name, const char *s, bool big)
{
    char *out = malloc(4 * strlen(s) + 4);
    size_t n = 0;
    out[n++] = big ? '\xfe' : '\xff';
    out[n++] = big ? '\xff' : '\xfe';
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned cp;
        if (*u < 0x80) {
            cp = *u++;
        } else if (*u < 0xE0) {
            cp = (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
            u += 2;
        } else {
            cp = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
            u += 3;
        }
        out[n++] = (char)(big ? cp >> 8 : cp & 0xFF);
        out[n++] = (char)(big ? cp & 0xFF : cp >> 8);
    }
    const char *p = test_csv_write(fx, name, out, n);
    free(out);
    return p;
}

static bool
import(struct test_csv_fixture *fx, const char *path, struct core_import_result *res,
       struct sk_error *err)
{
    struct core_import_opts o = {.encoding = CE_AUTO, .mode = CM_INSERT};
    fx->n_errors = 0;
    o.on_error = test_csv_collect;
    o.ctx = fx;
    return core_import_file(fx->db, &forms_kind_device, fx->school, path, &o, res, err);
}

static int64_t
count_devices(struct test_csv_fixture *fx)
{
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1};
    struct sk_error err = {0};
    int64_t n = -1;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    return n;
}

/* The text of field `key` of the device `inv` (static). */
static const char *
device_text(struct test_csv_fixture *fx, const char *inv, const char *key)
{
    static char buf[512];
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_device);
    forms_value_set_text(&rec.values[0], inv, strlen(inv));
    int64_t id = 0;
    assert_true(storage_record_find_natkey(fx->db, fx->school, &rec, &id, &err));
    if (id == 0)
        fail_msg("no device %s", inv);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, id, &rec, &err));
    int fi = forms_field_index(&forms_kind_device, key);
    assert_true(fi >= 0);
    const char *s =
        forms_value_format(&forms_kind_device.fields[fi], &rec.values[fi], FS_CSV, buf, sizeof buf);
    if (s != buf)
        snprintf(buf, sizeof buf, "%s", s);
    forms_record_fini(&rec);
    return buf;
}

static void
assert_error(const struct test_csv_fixture *fx, size_t i, long line, long column,
             const char *msg_part)
{
    if (i >= fx->n_errors)
        fail_msg("only %zu errors, wanted #%zu", fx->n_errors, i);
    const struct test_seen_error *e = &fx->errors[i];
    if (e->line != line || e->column != column || !strstr(e->msg, msg_part))
        fail_msg("error #%zu is %ld:%ld: %s; wanted %ld:%ld: …%s…", i, e->line, e->column, e->msg,
                 line, column, msg_part);
}

/* ------------------------------------------------------------------ tests */

/* The file: 4 rows, a multi-line notes column and `"14" ekrāns`.
 * libcsv alone swallows the next records into one cell (2 imported). */
static void
stray_quote_is_an_error_at_its_line_and_column(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "stray.csv",
                                   "inventory_no,category,status,notes\n"
                                   "Q1,laptop,in_use,\"14\" ekrāns\n"
                                   "Q2,laptop,in_use,\"two\nlines\"\n"
                                   "Q3,laptop,in_use,ok\n"
                                   "Q4,laptop,in_use,\"x\"\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 4, "double the quote or remove it");
    assert_int_equal(res.inserted, 0);
    assert_int_equal(count_devices(fx), 0);
}

/* A stray quote on a later line: the rows before it are still checked
 * (and reported) and the column is right after quoted cells. */
static void
stray_quote_after_quoted_cells_names_its_cell(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "stray2.csv",
                                   "inventory_no;category;status;notes\r\n"
                                   "A1;laptop;in_use;\"a;b\"\r\n"
                                   "\"A2\";\"laptop\" x;in_use;\r\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 2, "stray quote");
    assert_int_equal(count_devices(fx), 0);
}

/* What stays allowed: a quote inside an unquoted value (14" screen), ""
 * inside a quoted value, spaces after the closing quote, multi-line values. */
static void
quotes_that_libcsv_reads_right_are_kept(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "fine.csv",
                                   "inventory_no,category,status,notes\n"
                                   "F1,laptop,in_use,14\" ekrāns\n"
                                   "F2,laptop,in_use,\"say \"\"hi\"\", a, b, c\"  \n"
                                   "F3,laptop,in_use,\"one\r\ntwo, three\"\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.inserted, 3);
    assert_string_equal(device_text(fx, "F1", "notes"), "14\" ekrāns");
    assert_string_equal(device_text(fx, "F2", "notes"), "say \"hi\", a, b, c");
    assert_string_equal(device_text(fx, "F3", "notes"), "one\ntwo, three");
}

/* A quote that never closes on its line runs over whole records: refused
 * at the line where it opened, nothing imported. */
static void
swallowed_records_are_refused_at_the_opening_line(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "swallow.csv",
                                   "inventory_no,category,status,notes\n"
                                   "S1,laptop,in_use,ok\n"
                                   "S2,laptop,in_use,\"14 ekrāns\n"
                                   "S3,laptop,in_use,fine\n"
                                   "S4,laptop,in_use,end\"\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 4, "runs over line 4");
    assert_int_equal(count_devices(fx), 0);
}

/* The example of the issue: one bad byte in a UTF-8 file used to turn the
 * whole file into Windows-1257 mojibake ("Ä’dinÄ…"). */
static void
utf8_with_a_bad_byte_is_refused_naming_line_and_offset(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "bad.csv",
                                   "inventory_no,category,status,notes\n"
                                   "U1,laptop,in_use,Ēdināšana\n"
                                   "U2,laptop,in_use,caf\xe9\n"
                                   "U3,laptop,in_use,ņēma\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    /* 35 + 30 bytes before line 3, then "U2,laptop,in_use,caf" */
    assert_error(fx, 0, 3, 0, "byte 86 of the file (0xE9) is not valid UTF-8");
    assert_non_null(strstr(fx->errors[0].msg, "--encoding cp1257"));
    assert_int_equal(count_devices(fx), 0);
}

/* A Windows-1257 file (no valid multi-byte sequence) is still read as such. */
static void
cp1257_is_still_detected(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "w.csv",
                                   "inventory_no,category,status,notes\n"
                                   "W1,laptop,in_use,\xc7\xe2\xe7\xf0 \xfe\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    if (!import(fx, p, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.encoding, CE_CP1257);
    assert_string_equal(device_text(fx, "W1", "notes"), "Ēāēš ž");
}

/* Excel's "Unicode text": UTF-16 LE with BOM, TAB-separated, CRLF; line
 * numbers of errors stay those of the file. */
static void
utf16le_unicode_text_is_read(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = write_utf16(fx, "u16.txt",
                                "inventory_no\tcategory\tstatus\tnotes\r\n"
                                "X1\tlaptop\tin_use\tĶīmijas kabinets\r\n"
                                "X2\ttablet\tin_use\t\"divas\r\nrindas\"\r\n",
                                false);
    struct core_import_result res;
    struct sk_error err = {0};
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.inserted, 2);
    assert_int_equal(res.encoding, CE_UTF16LE);
    assert_int_equal(res.separator, '\t');
    assert_string_equal(device_text(fx, "X1", "notes"), "Ķīmijas kabinets");
    assert_string_equal(device_text(fx, "X2", "notes"), "divas\nrindas");

    p = write_utf16(fx, "u16-err.txt",
                    "inventory_no\tcategory\tstatus\tnotes\r\n"
                    "Y1\tlaptop\tin_use\t\"a\r\nb\"\r\n"
                    "Y2\tspaceship\tin_use\t\r\n",
                    false);
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 4, 2, "spaceship");
}

static void
utf16be_with_bom_is_read(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p =
        write_utf16(fx, "be.txt", "inventory_no,category,status\nB1,laptop,in_use\n", true);
    struct core_import_result res;
    struct sk_error err = {0};
    if (!import(fx, p, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.inserted, 1);
    assert_int_equal(res.encoding, CE_UTF16BE);

    /* without a BOM: NUL bytes (a binary file) unless --encoding says UTF-16 */
    static const char le[] = "i\0n\0v\0e\0n\0t\0o\0r\0y\0_\0n\0o\0,\0c\0a\0t\0e\0g\0o\0r\0y\0"
                             "\n\0B\0002\0,\0t\0a\0b\0l\0e\0t\0\n\0";
    p = test_csv_write(fx, "le.txt", le, sizeof le - 1);
    assert_false(import(fx, p, &res, &err));
    assert_error(fx, 0, 1, 0, "NUL byte");
    struct core_import_opts o = {.encoding = CE_UTF16LE, .on_error = test_csv_collect, .ctx = fx};
    if (!core_import_file(fx->db, &forms_kind_device, fx->school, p, &o, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.inserted, 1);

    /* an unpaired surrogate: refused, with its offset */
    static const char bad[] = "\xff\xfei\0n\0v\0e\0n\0t\0o\0r\0y\0_\0n\0o\0\n\0"
                              "B\0003\0\x00\xd8\n\0";
    p = test_csv_write(fx, "bad16.txt", bad, sizeof bad - 1);
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 0, 0, "not valid UTF-16 near byte 33");
}

/* A NUL byte: a binary file, refused before any row. */
static void
binary_file_is_refused_at_the_first_nul(void **state)
{
    struct test_csv_fixture *fx = *state;
    static const char bytes[] = "inventory_no,category,status\nN1,laptop,in_use\n\x7f"
                                "ELF\0\0\0\x01\x02";
    const char *p = test_csv_write(fx, "bin.csv", bytes, sizeof bytes - 1);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 0, "byte 51 of the file is a NUL byte");
    assert_int_equal(count_devices(fx), 0);
}

/* "B2" and "\ufeffB2" cannot both exist; a zero-width space in a staff
 * reference is refused too. */
static void
invisible_characters_in_keys_are_refused(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "inv.csv",
                                   "inventory_no,category,status,assigned_to\n"
                                   "B2,laptop,in_use,\n"
                                   "\xef\xbb\xbf"
                                   "B2,laptop,in_use,\n"
                                   "B3,laptop,in_use,Anna\xe2\x80\x8b Ozola\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 2);
    assert_error(fx, 0, 3, 1, "invisible character U+FEFF");
    assert_error(fx, 1, 4, 4, "invisible character U+200B");
}

static void
control_character_in_a_text_field_is_refused(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "ctl.csv",
                                   "inventory_no,category,status,model,notes\n"
                                   "C1,laptop,in_use,Think\x1b]0;x\x07pad,\"ok\tok\nok\"\n"
                                   "C2,laptop,in_use,ok,bad\x1b[2J\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 2);
    assert_error(fx, 0, 2, 4, "control character U+001B");
    assert_error(fx, 1, 4, 5, "control character U+001B");
}

/* The template import reads through the same reader: the same stray-quote
 * refusal, at the same line and column. */
static void
template_with_a_stray_quote_is_refused_the_same_way(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "tpl.csv",
                                   "section_no,section_name,criterion_code,criterion_text\n"
                                   "1,Struktūra,1.1,Ievads\n"
                                   "1,Struktūra,1.2,\"Norise\" un skaidrojums\n"
                                   "1,Struktūra,1.3,Noslēgums\n",
                                   0);
    struct core_import_opts o = {.encoding = CE_AUTO, .on_error = test_csv_collect, .ctx = fx};
    size_t n_crit = 0, n_errors = 0;
    struct sk_error err = {0};
    fx->n_errors = 0;
    assert_false(core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 4, "double the quote or remove it");

    p = test_csv_write(fx, "tpl-bad.csv",
                       "section_no,section_name,criterion_code,criterion_text\n"
                       "1,Strukt\xc5\xabra,1.1,Ievads\n"
                       "1,Strukt\xfbra,1.2,Norise\n",
                       0);
    fx->n_errors = 0;
    assert_false(core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 3, 0, "is not valid UTF-8");
}

/* Control characters are refused in a template's cells, code and name. */
static void
template_text_and_code_refuse_control_characters(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "tpl-ctl.csv",
                                   "section_no,section_name,criterion_code,criterion_text\n"
                                   "1,Strukt\x1b[2J\xc5\xabra,1.1,Ievads\n",
                                   0);
    struct core_import_opts o = {.encoding = CE_AUTO, .on_error = test_csv_collect, .ctx = fx};
    size_t n_crit = 0, n_errors = 0;
    struct sk_error err = {0};
    fx->n_errors = 0;
    assert_false(core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 2, "control character U+001B");

    p = test_csv_write(fx, "tpl-ok.csv",
                       "section_no,section_name,criterion_code,criterion_text\n"
                       "1,Struktūra,1.1,Ievads\n",
                       0);
    fx->n_errors = 0;
    assert_false(
        core_template_import(fx->db, p, "T\xe2\x80\x8b-1", "Test", &o, &n_crit, &n_errors, &err));
    assert_non_null(strstr(err.msg, "invisible character U+200B"));
    assert_false(core_template_import(fx->db, p, "T-1", "Te\astx", &o, &n_crit, &n_errors, &err));
    assert_non_null(strstr(err.msg, "control character U+0007"));
    assert_true(core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err));
}

/* The preview (the TUI's import screen) refuses what the import refuses. */
static void
preview_refuses_a_stray_quote_with_its_line(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "pv.csv",
                                   "inventory_no,category,status,notes\n"
                                   "P1,laptop,in_use,\"14\" ekrāns\n",
                                   0);
    struct core_preview pv;
    struct sk_error err = {0};
    assert_false(core_import_preview(p, CE_AUTO, 10, &pv, &err));
    assert_non_null(strstr(err.msg, "Line 2, column 4"));
    assert_non_null(strstr(err.msg, "double the quote"));
}

/* A swallowed record whose line also holds the closing quote (the tester's
 * files): the closing line counts up to its quote, with the separators
 * after it; the quoted column last, in the middle, with TAB separators, and
 * a swallowed line with fewer separators before the closing one. */
static void
swallowed_record_on_the_closing_line_is_refused(void **state)
{
    struct test_csv_fixture *fx = *state;
    static const struct {
        const char *csv;
        long line, column;
        const char *msg;
    } cases[] = {
        {"inventory_no,category,status,notes\n"
         "Q1,laptop,in_use,\"abc\n"
         "Q2,laptop,in_use,def\"\n"
         "Q3,laptop,in_use,x\n",
         2, 4, "runs over line 3"},
        {"inventory_no,notes,category,status\n"
         "Q1,\"abc,laptop,in_use\n"
         "Q2,def\",laptop,in_use\n"
         "Q3,x,laptop,in_use\n",
         2, 2, "runs over line 3"},
        {"inventory_no\tcategory\tstatus\tnotes\n"
         "Q1\tlaptop\tin_use\t\"abc\n"
         "Q2\tlaptop\tin_use\tdef\"\n"
         "Q3\tlaptop\tin_use\tx\n",
         2, 4, "runs over line 3"},
        {"inventory_no,category,status,notes\n"
         "Q1,laptop,in_use,\"abc\n"
         "Q2,laptop,in_use\n"
         "Q3,laptop,in_use,y\"\n",
         2, 4, "runs over line 4"},
        {"inventory_no,category,status,notes\r\n"
         "Q1,laptop,in_use,\"abc\r\n"
         "Q2,laptop,in_use,def\"", /* the last line, without a line end */
         2, 4, "runs over line 3"},
        {"inventory_no,notes,category,status\n"
         "Q0,\"ok\nfine\",laptop,in_use\n"
         "Q1,\"abc,laptop,in_use\n"
         "Q2,def\",laptop,\"in_use\"\n",
         4, 2, "runs over line 5"},
        /* swallowed records ending in two number cells (a comma between
         * digits at the end of the line: a decimal comma or a separator) */
        {"inventory_no,category,status,room,purchase_cost\n"
         "Q1,laptop,in_use,\"A1,450\n"
         "Q2,laptop,in_use,12,450\n"
         "Q3,laptop,in_use,14,300\"\n",
         2, 4, "runs over line 3"},
        /* records with cells left out at the end, none as long as the header */
        {"inventory_no,category,status,notes\n"
         "Q1,laptop,in_use,\"abc\n"
         "Q2,laptop,in_use\n"
         "Q3,laptop,in_use\"\n"
         "Q4,laptop,in_use,x\n",
         2, 4, "runs over line 3"},
        {"inventory_no,category,status,room,notes\n"
         "Q1,laptop,in_use,A1,\"abc\n"
         "Q2,laptop,in_use\n"
         "x\n"
         "Q3,laptop,in_use\"\n",
         2, 5, "runs over line 3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = test_csv_write(fx, "sw.csv", cases[i].csv, 0);
        struct core_import_result res;
        struct sk_error err = {0};
        if (import(fx, p, &res, &err))
            fail_msg("case %zu imported %zu rows", i, res.inserted);
        assert_int_equal(fx->n_errors, 1);
        assert_error(fx, 0, cases[i].line, cases[i].column, cases[i].msg);
        assert_int_equal(count_devices(fx), 0);
    }
}

/* Multi-line prose is not a swallowed record: commas followed by a space,
 * decimal commas, a few commas without a space, on inner and closing lines,
 * whatever the column of the cell. */
static void
multi_line_prose_with_commas_is_kept(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(
        fx, "prose.csv",
        "inventory_no,notes,category,status\n"
        "P1,\"Sadarbība:\nskolotāji, vecāki, skolēni, administrācija\nregulāri\",laptop,in_use\n"
        "P2,\"Vērtējumi:\nvidēji 7,5, mediāna 8,0, labākais 9,5\",laptop,in_use\n"
        "P3,\"Pirmā rinda\nskolotāji, vecāki, skolēni\",laptop,in_use\n"
        "P4,\"a\nMatemātika,fizika un ķīmija\",laptop,in_use\n"
        "P5,\"Summa:\n1 234,50 EUR; 2,5 h; 3,75 h\",laptop,in_use\n"
        "P6,\"Saraksts:\nMatemātika,fizika,ķīmija\nVēsture,ģeogrāfija,literatūra\",laptop,in_use\n"
        "P8,\"Vērtējumi:\nvidēji 7,5 un 8,2\nlabākais 9,5\",laptop,in_use\n"
        "P7,\"Telpas:\nA1, A2, A3\nB1,B2 un B3\nC1,C2, C3\",laptop,in_use\n",
        0);
    struct core_import_result res;
    struct sk_error err = {0};
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.inserted, 8);
    assert_string_equal(device_text(fx, "P1", "notes"),
                        "Sadarbība:\nskolotāji, vecāki, skolēni, administrācija\nregulāri");
    assert_string_equal(device_text(fx, "P2", "notes"),
                        "Vērtējumi:\nvidēji 7,5, mediāna 8,0, labākais 9,5");

    /* the notes column last: the closing line of the tester's assessment */
    p = test_csv_write(fx, "prose2.csv",
                       "inventory_no,category,status,notes\n"
                       "R1,laptop,in_use,\"Sadarbība:\nskolotāji, vecāki, skolēni, "
                       "administrācija\nregulāri, reizi mēnesī, ar protokolu, pēc plāna\"\n"
                       "R2,laptop,in_use,\"Mērķis:\n60,5%, 70,2% un 80,1%\"\n",
                       0);
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.inserted, 2);
}

/* The template import reads through the same reader: a swallowed criterion
 * is refused, multi-line criteria with commas are kept. */
static void
template_swallow_and_prose(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_opts o = {.encoding = CE_AUTO, .on_error = test_csv_collect, .ctx = fx};
    size_t n_crit = 0, n_errors = 0;
    struct sk_error err = {0};
    const char *p = test_csv_write(fx, "tpl-sw.csv",
                                   "section_no,section_name,criterion_code,criterion_text\n"
                                   "1,Struktūra,1.1,\"Ievads\n"
                                   "1,Struktūra,1.2,Norise\"\n",
                                   0);
    fx->n_errors = 0;
    assert_false(core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 4, "runs over line 3");

    p = test_csv_write(fx, "tpl-ok.csv",
                       "section_no,section_name,criterion_code,criterion_text\n"
                       "1,Struktūra,1.1,\"Ievads:\nmērķis, uzdevumi, saikne ar iepriekšējo\"\n"
                       "1,Struktūra,1.2,\"Norise\nlaiks,telpa un materiāli\"\n",
                       0);
    fx->n_errors = 0;
    if (!core_template_import(fx->db, p, "T-1", "Test", &o, &n_crit, &n_errors, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(n_crit, 2);
}

/* Latvian Excel writes labels with ", " unquoted in a ';' file. */
static void
semicolon_is_detected_next_to_commas_in_labels(void **state)
{
    struct test_csv_fixture *fx = *state;
    struct core_import_opts o = {.encoding = CE_AUTO, .mode = CM_INSERT};
    o.on_error = test_csv_collect;
    o.ctx = fx;
    struct core_import_result res;
    struct sk_error err = {0};
    const char *p = test_csv_write(fx, "s2.csv",
                                   "\xef\xbb\xbfVārds, uzvārds;Amats\r\n"
                                   "Jānis Ozols;teacher\r\n",
                                   0);
    fx->n_errors = 0;
    if (!core_import_file(fx->db, &forms_kind_staff, fx->school, p, &o, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.separator, ';');
    assert_int_equal(res.inserted, 1);

    p = test_csv_write(fx, "s3.csv",
                       "Vārds, uzvārds;Amats;Mācību priekšmeti, jomas\n"
                       "Anna Liepa;teacher;Matemātika\n",
                       0);
    if (!core_import_file(fx->db, &forms_kind_staff, fx->school, p, &o, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.separator, ';');
    assert_int_equal(res.inserted, 1);

    /* a header written by hand with ", " is still comma-separated */
    p = test_csv_write(fx, "s4.csv", "inventory_no, category, status\nH1, laptop, in_use\n", 0);
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.separator, ',');
    assert_int_equal(res.inserted, 1);
}

/* A UTF-8 character cut short counts as one invalid sequence, not two
 * invalid bytes: one valid letter next to it keeps the file UTF-8 (an
 * error), never Windows-1257 mojibake. A file with no valid multi-byte
 * character at all is Windows-1257. */
static void
truncated_utf8_character_is_one_invalid_sequence(void **state)
{
    struct test_csv_fixture *fx = *state;
    const char *p = test_csv_write(fx, "e3.csv",
                                   "inventory_no,category,status,notes\n"
                                   "Q5,laptop,in_use,\xe2\x80 ok\n"
                                   "Q6,laptop,in_use,R\xc4\xabga\n",
                                   0);
    struct core_import_result res;
    struct sk_error err = {0};
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 1);
    assert_error(fx, 0, 2, 0, "byte 53 of the file (0xE2) is not valid UTF-8");
    assert_int_equal(count_devices(fx), 0);

    /* a 4-byte character cut after 3 bytes, twice, against two letters */
    p = test_csv_write(fx, "e4.csv",
                       "inventory_no,category,status,notes\n"
                       "Q7,laptop,in_use,\xf0\x9f\x98 \xf0\x9f\x98\n"
                       "Q8,laptop,in_use,\xc4\xab\xc4\xab\n",
                       0);
    assert_false(import(fx, p, &res, &err));
    assert_int_equal(fx->n_errors, 2);

    p = test_csv_write(fx, "e5.csv",
                       "inventory_no,category,status,notes\n"
                       "Q9,laptop,in_use,Riga \xc4\n",
                       0);
    if (!import(fx, p, &res, &err))
        fail_msg("%s / %s", err.msg, fx->n_errors ? fx->errors[0].msg : "");
    assert_int_equal(res.encoding, CE_CP1257);
    assert_string_equal(device_text(fx, "Q9", "notes"), "Riga Ä");
}

/* A complete sequence that is not a character (CESU-8 surrogates, an
 * overlong form, a code point over U+10FFFF) counts once, not once per
 * byte: next to as many valid letters the file is UTF-8 with an error at
 * the sequence, not Windows-1257 mojibake. */
static void
invalid_complete_sequence_counts_once(void **state)
{
    struct test_csv_fixture *fx = *state;
    static const struct {
        const char *notes;
        size_t errors;
    } cases[] = {
        {"R\xc4\xabga J\xc4\x93kabpils \xed\xa0\xbd\xed\xb8\x80", 1}, /* CESU-8 pair */
        {"R\xc4\xabga \xed\xa0\xbd\xed\xb8\x80", 1},           /* one pair is one character */
        {"R\xc4\xabga \xed\xa0\xbd \xed\xb8\x80 \xc4\x93", 2}, /* apart: two */
        {"R\xc4\xabga \xed\xa0\x80", 1},                       /* one surrogate */
        {"R\xc4\xabga \xc0\xaf", 1},                           /* overlong '/' */
        {"R\xc4\xabga \xf4\x90\x80\x80", 1},                   /* over U+10FFFF */
        {"R\xc4\xabga \xf5\x80\x80\x80", 1},                   /* lead over U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[256];
        snprintf(csv, sizeof csv, "inventory_no,category,status,notes\nQ1,laptop,in_use,%s\n",
                 cases[i].notes);
        const char *p = test_csv_write(fx, "cesu.csv", csv, 0);
        struct core_import_result res;
        struct sk_error err = {0};
        fx->n_errors = 0;
        if (import(fx, p, &res, &err))
            fail_msg("case %zu read as %d", i, (int)res.encoding);
        assert_int_equal(fx->n_errors, cases[i].errors);
        assert_non_null(strstr(fx->errors[0].msg, "is not valid UTF-8"));
        assert_int_equal(count_devices(fx), 0);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stray_quote_is_an_error_at_its_line_and_column,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(stray_quote_after_quoted_cells_names_its_cell,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(quotes_that_libcsv_reads_right_are_kept, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(swallowed_records_are_refused_at_the_opening_line,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(utf8_with_a_bad_byte_is_refused_naming_line_and_offset,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(cp1257_is_still_detected, test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(invalid_complete_sequence_counts_once, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(utf16le_unicode_text_is_read, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(utf16be_with_bom_is_read, test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(binary_file_is_refused_at_the_first_nul, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(invisible_characters_in_keys_are_refused, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(control_character_in_a_text_field_is_refused, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(template_with_a_stray_quote_is_refused_the_same_way,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(template_text_and_code_refuse_control_characters,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(preview_refuses_a_stray_quote_with_its_line, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(swallowed_record_on_the_closing_line_is_refused,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(multi_line_prose_with_commas_is_kept, test_csv_open,
                                        test_csv_close),
        cmocka_unit_test_setup_teardown(template_swallow_and_prose, test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(semicolon_is_detected_next_to_commas_in_labels,
                                        test_csv_open, test_csv_close),
        cmocka_unit_test_setup_teardown(truncated_utf8_character_is_one_invalid_sequence,
                                        test_csv_open, test_csv_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

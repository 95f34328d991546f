/* Values: parsing user and CSV text, formatting it back, records and their
 * validation. Messages are English here (no catalogue is bound). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static const struct forms_choice colours[] = {
    {"red", "Sarkana", "Red"},
    {"green", "Zaļa", "Green"},
    {"blue", "Zila", "Blue"},
};

static const struct forms_choice purposes[] = {
    {"experience", "Pieredzes apguve", "Gaining experience"},
    {"quality", "Nodarbības kvalitātes novērtēšana", "Assessing lesson quality"},
    {"group", "Grupas vērošana", "Observing the group"},
};

static const struct forms_field f_text = {
    .key = "name", .label_lv = "Vārds", .label_en = "Name", .type = FT_TEXT, .max_len = 5};
static const struct forms_field f_memo = {.key = "notes", .type = FT_MEMO};
static const struct forms_field f_date = {.key = "date", .type = FT_DATE};
static const struct forms_field f_int = {.key = "pupils", .type = FT_INT};
static const struct forms_field f_fte = {
    .key = "fte", .type = FT_DEC3, .flags = FF_RANGE, .min = 0, .max = 2000};
static const struct forms_field f_dec3 = {.key = "hours", .type = FT_DEC3};
static const struct forms_field f_money = {.key = "cost", .type = FT_MONEY};
static const struct forms_field f_enum = {
    .key = "colour", .type = FT_ENUM, .choices = colours, .n_choices = SK_ARRAY_LEN(colours)};
static const struct forms_field f_flags = {
    .key = "purpose", .type = FT_FLAGS, .choices = purposes, .n_choices = SK_ARRAY_LEN(purposes)};
static const struct forms_field f_bool = {.key = "digital", .type = FT_BOOL};
static const struct forms_field f_ref = {.key = "teacher", .type = FT_REF, .ref_kind = "staff"};

/* Parses text that must be accepted and returns v.i. */
static int64_t
parse_ok(const struct forms_field *f, const char *text)
{
    struct sk_error err = {0};
    struct forms_value v = {0};
    if (!forms_value_parse(f, text, &v, &err))
        fail_msg("\"%s\" refused: %s", text, err.msg);
    assert_true(v.is_set);
    int64_t i = v.i;
    forms_value_free(&v);
    return i;
}

/* Parses text that must be refused; returns the message (static). */
static const char *
parse_bad(const struct forms_field *f, const char *text)
{
    static struct sk_error err;
    struct forms_value v = {0};
    sk_error_clear(&err);
    if (forms_value_parse(f, text, &v, &err))
        fail_msg("\"%s\" accepted as %lld", text, (long long)v.i);
    forms_value_free(&v);
    assert_int_equal(err.code, SK_EINVAL);
    assert_string_equal(err.field, f->key);
    return err.msg;
}

static const char *
format(const struct forms_field *f, const char *text, enum forms_style style)
{
    static char buf[512];
    static struct forms_value v;
    struct sk_error err = {0};
    if (!forms_value_parse(f, text, &v, &err))
        fail_msg("\"%s\" refused: %s", text, err.msg);
    const char *s = forms_value_format(f, &v, style, buf, sizeof buf);
    if (s != buf) {
        /* text kinds hand out v.s: copy before the value is freed */
        memmove(buf, s, strlen(s) + 1);
    }
    forms_value_free(&v);
    return buf;
}

/* ---------------------------------------------------------------- errors */

static void
fail_fills_the_error_and_returns_false(void **state)
{
    (void)state;
    struct sk_error err = {0};
    assert_false(sk_fail(&err, SK_EIO, "cannot open %s", "x.csv"));
    assert_int_equal(err.code, SK_EIO);
    assert_string_equal(err.msg, "cannot open x.csv");
    assert_false(sk_fail(NULL, SK_EIO, "ignored"));
    sk_error_clear(&err);
    assert_int_equal(err.code, SK_OK);
    assert_string_equal(err.msg, "");
}

static void
exit_codes_follow_the_cli_contract(void **state)
{
    (void)state;
    assert_int_equal(sk_exit_code(SK_OK), 0);
    assert_int_equal(sk_exit_code(SK_EINVAL), 1);
    assert_int_equal(sk_exit_code(SK_ECONFLICT), 1);
    assert_int_equal(sk_exit_code(SK_ENOTFOUND), 1);
    assert_int_equal(sk_exit_code(SK_EUSAGE), 2);
    assert_int_equal(sk_exit_code(SK_EIO), 3);
    assert_int_equal(sk_exit_code(SK_EDB), 3);
}

static void
buffer_grows_and_stays_terminated(void **state)
{
    (void)state;
    struct sk_buf b = {0};
    for (int i = 0; i < 100; i++)
        sk_buf_addf(&b, "%d,", i);
    sk_buf_adds(&b, "end");
    assert_int_equal(b.len, strlen(b.s));
    assert_memory_equal(b.s, "0,1,2,", 6);
    sk_buf_reset(&b);
    assert_string_equal(b.s, "");
    sk_buf_add(&b, "xyz", 2);
    assert_string_equal(b.s, "xy");
    sk_buf_free(&b);
    sk_buf_free(&b);
    char *s = sk_xasprintf("%s-%d", "a", 7);
    assert_string_equal(s, "a-7");
    free(s);
    s = sk_xstrndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
}

/* ---------------------------------------------------------------- labels */

static void
language_is_english_without_a_catalogue(void **state)
{
    (void)state;
    assert_string_equal(forms_lang(), "en");
    assert_string_equal(forms_field_label(&f_text), "Name");
    assert_string_equal(forms_choice_label(&colours[1]), "Green");
    assert_string_equal(forms_kind_label(&forms_kind_device), "Devices");
}

static void
field_match_accepts_key_and_both_labels(void **state)
{
    (void)state;
    const struct forms_kind *k = &forms_kind_device;
    int inv = forms_field_index(k, "inventory_no");
    assert_int_equal(forms_field_match(k, "inventory_no"), inv);
    assert_int_equal(forms_field_match(k, "Inventāra nr."), inv);
    assert_int_equal(forms_field_match(k, "  inventara NR. "), inv);
    assert_int_equal(forms_field_match(k, "Inventory No."), inv);
    assert_int_equal(forms_field_match(k, "inventory"), -1);
    assert_int_equal(forms_field_match(k, ""), -1);
}

static void
choice_match_accepts_key_and_labels(void **state)
{
    (void)state;
    assert_int_equal(forms_choice_match(&f_enum, "green"), 1);
    assert_int_equal(forms_choice_match(&f_enum, "ZAĻA"), 1);
    assert_int_equal(forms_choice_match(&f_enum, "zala"), 1);
    assert_int_equal(forms_choice_match(&f_enum, "Blue"), 2);
    assert_int_equal(forms_choice_match(&f_enum, "purple"), -1);
}

static void
max_len_defaults_by_type(void **state)
{
    (void)state;
    struct forms_field t = {.type = FT_TEXT}, m = {.type = FT_MEMO};
    assert_int_equal(forms_field_max_len(&t), 200);
    assert_int_equal(forms_field_max_len(&m), 4000);
    assert_int_equal(forms_field_max_len(&f_text), 5);
}

/* ---------------------------------------------------------------- values */

static void
empty_text_gives_an_unset_value(void **state)
{
    (void)state;
    const struct forms_field *fields[] = {&f_text, &f_date, &f_int, &f_enum, &f_bool};
    for (size_t i = 0; i < SK_ARRAY_LEN(fields); i++) {
        struct forms_value v = {0};
        forms_value_set_int(&v, 5);
        assert_true(forms_value_parse(fields[i], "  ", &v, NULL));
        assert_false(v.is_set);
        forms_value_free(&v);
    }
}

static void
text_is_trimmed(void **state)
{
    (void)state;
    assert_string_equal(format(&f_text, "  Ābols \t", FS_CSV), "Ābols");
}

static void
text_longer_than_max_len_is_refused(void **state)
{
    (void)state;
    /* five code points but ten bytes: fits */
    assert_string_equal(format(&f_text, "ĀĒĪŪŠ", FS_CSV), "ĀĒĪŪŠ");
    assert_string_equal(parse_bad(&f_text, "ĀĒĪŪŠČ"), "is longer than 5 characters");
}

static void
text_with_invalid_utf8_is_refused(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_text, "a\xFF"), "is not valid UTF-8 text");
    assert_string_equal(parse_bad(&f_memo, "\xC0\xAF"), "is not valid UTF-8 text");
}

static void
text_with_control_characters_is_refused(void **state)
{
    (void)state;
    parse_bad(&f_text, "a\tb");
    parse_bad(&f_text, "a\nb");
    parse_bad(&f_memo, "a\x01"
                       "b");
}

/* The character is named, so that the user can find what they cannot see. */
static void
control_characters_are_named_in_every_text_field(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_text, "a\x1b[2Jb"),
                        "contains the control character U+001B; remove it");
    assert_string_equal(parse_bad(&f_memo, "a\x7f"),
                        "contains the control character U+007F; remove it");
    assert_string_equal(parse_bad(&f_memo, "a\xc2\x9b"),
                        "contains the control character U+009B; remove it");
    assert_string_equal(parse_bad(&f_ref, "J\x07nis"),
                        "contains the control character U+0007; remove it");
}

/* "B2" and "\ufeffB2" must not both be keys: invisible characters are
 * refused in natural-key, unique and reference fields, kept in the others. */
static void
invisible_characters_are_refused_in_keys_and_names(void **state)
{
    (void)state;
    static const struct forms_field f_key = {
        .key = "inventory_no", .type = FT_TEXT, .flags = FF_NATKEY};
    static const struct forms_field f_unique = {
        .key = "serial", .type = FT_TEXT, .flags = FF_UNIQUE};
    static const char *const hidden[] = {
        "\xef\xbb\xbf"
        "B2", /* BOM in front */
        "B\xef\xbb\xbf"
        "2", /* BOM in the middle */
        "B\xe2\x80\x8b"
        "2", /* zero-width space */
        "B\xe2\x80\x8d"
        "2",              /* zero-width joiner */
        "B2\xe2\x80\x8e", /* left-to-right mark */
        "\xe2\x80\xae"
        "B2", /* right-to-left override */
        "\xe2\x81\xa6"
        "B2", /* left-to-right isolate */
        "B\xc2\xad"
        "2", /* soft hyphen */
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(hidden); i++) {
        const char *msg = parse_bad(&f_key, hidden[i]);
        assert_non_null(strstr(msg, "contains the invisible character U+"));
        parse_bad(&f_unique, hidden[i]);
        parse_bad(&f_ref, hidden[i]);
    }
    assert_non_null(strstr(parse_bad(&f_key, "B\xe2\x80\x8b"
                                             "2"),
                           "U+200B"));
    /* free text keeps them (a soft hyphen in a note is the writer's choice) */
    struct forms_value v = {0};
    struct sk_error err = {0};
    assert_true(forms_value_parse(&f_memo,
                                  "B\xc2\xad"
                                  "2",
                                  &v, &err));
    forms_value_free(&v);
    /* visible letters and NBSP are not invisible (NBSP becomes a space) */
    assert_true(forms_value_parse(&f_key,
                                  "Ķ\xc2\xa0"
                                  "2",
                                  &v, &err));
    assert_string_equal(v.s, "Ķ 2");
    forms_value_free(&v);
}

/* What looks like nothing is refused in keys and names too: variation
 * selectors, tag characters, Hangul fillers, the blank braille pattern;
 * a line separator makes two lines. */
static void
more_invisible_characters_are_refused_in_keys(void **state)
{
    (void)state;
    static const struct forms_field f_key = {
        .key = "inventory_no", .type = FT_TEXT, .flags = FF_NATKEY};
    static const struct {
        const char *text, *cp;
    } hidden[] = {
        {"B2\xef\xb8\x8f", "U+FE0F"},
        {"B2\xf3\xa0\x80\x81", "U+E0001"},
        {"B2\xe3\x85\xa4", "U+3164"},
        {"B2\xe1\x85\x9f", "U+115F"},
        {"B2\xe1\x85\xa0", "U+1160"},
        {"B2\xef\xbe\xa0", "U+FFA0"},
        {"B2\xe2\xa0\x80", "U+2800"},
        {"B\xe2\x81\xa0"
         "2",
         "U+2060"},
        {"B\xcd\x8f"
         "2",
         "U+034F"},
        /* format characters (Cf) beyond the usual ones */
        {"B2\xef\xbf\xb9", "U+FFF9"},
        {"B2\xf0\x93\x90\xb0", "U+13430"},
        {"B2\xdc\x8f", "U+070F"},
        {"B2\xf0\x91\x82\xbd", "U+110BD"},
        {"B2\xf0\x96\xbf\xa4", "U+16FE4"},
        {"\xd8\x80"
         "B2",
         "U+0600"},
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(hidden); i++) {
        const char *msg = parse_bad(&f_key, hidden[i].text);
        assert_non_null(strstr(msg, "contains the invisible character"));
        assert_non_null(strstr(msg, hidden[i].cp));
        parse_bad(&f_ref, hidden[i].text);
    }
    assert_string_equal(parse_bad(&f_key, "B2\xe2\x80\xa8"), "must be a single line");
    assert_string_equal(parse_bad(&f_text, "a\xe2\x80\xa9"
                                           "b"),
                        "must be a single line");
}

/* Every text is stored in NFC; keys and names with plain single spaces. */
static const char *
parsed(const struct forms_field *f, const char *text)
{
    static char out[256];
    struct forms_value v = {0};
    struct sk_error err = {0};
    if (!forms_value_parse(f, text, &v, &err))
        fail_msg("%s: %s", text, err.msg);
    snprintf(out, sizeof out, "%s", v.s ? v.s : "");
    forms_value_free(&v);
    return out;
}

static void
text_is_stored_normalised(void **state)
{
    (void)state;
    static const struct forms_field f_key = {
        .key = "full_name", .type = FT_TEXT, .flags = FF_NATKEY};
    /* NFD (from a Mac) becomes NFC everywhere */
    assert_string_equal(parsed(&f_key, "Ilga K\xcc\xa7"
                                       "e\xcc\x84nin\xcc\xa7"
                                       "a"),
                        "Ilga Ķēniņa");
    assert_string_equal(parsed(&f_text, "K\xcc\xa7"
                                        "e\xcc\x84"),
                        "Ķē");
    assert_string_equal(parsed(&f_memo, "a\xcc\x84\nb"), "ā\nb");
    assert_string_equal(parsed(&f_ref, "Ma\xcc\x84ra"), "Māra");
    /* spaces of any kind in keys and names: one plain space, none at the ends */
    assert_string_equal(parsed(&f_key, "Anna\xc2\xa0Ozola"), "Anna Ozola");
    assert_string_equal(parsed(&f_key, "Anna  Ozola"), "Anna Ozola");
    assert_string_equal(parsed(&f_key, "Zane\xe2\x80\x82\xe2\x80\x8a Liepa"), "Zane Liepa");
    assert_string_equal(parsed(&f_key, "\xe3\x80\x80"
                                       "B2\xe2\x80\x8a"),
                        "B2");
    assert_string_equal(parsed(&f_ref, "Anna\xe2\x81\x9fOzola"), "Anna Ozola");
    assert_string_equal(parsed(&f_key, "\xe2\x80\x8a\xe3\x80\x80"), "");
    /* free text keeps its spaces as typed; a line separator in a memo is a line break */
    assert_string_equal(parsed(&f_memo, "a\xc2\xa0\xc2\xa0"
                                        "b  c"),
                        "a\xc2\xa0\xc2\xa0"
                        "b  c");
    assert_string_equal(parsed(&f_memo, "one\xe2\x80\xa8two\xe2\x80\xa9three"), "one\ntwo\nthree");
}

static void
memo_keeps_newlines_and_tabs_and_drops_cr(void **state)
{
    (void)state;
    assert_string_equal(format(&f_memo, "one\r\ntwo\tthree", FS_CSV), "one\ntwo\tthree");
}

static void
date_accepts_short_latvian_form(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_date, "1.9.2024"), sk_date_from_ymd(2024, 9, 1));
}

static void
date_refuses_31_february_with_a_calendar_message(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_date, "31.02.2024"),
                        "“31.02.2024” is not a day of the calendar");
    parse_bad(&f_date, "29.02.2023");
}

static void
date_refuses_garbage_suggesting_the_format(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_date, "rīt"), "“rīt” is not a date; use DD.MM.YYYY");
}

static void
date_formats_by_style(void **state)
{
    (void)state;
    assert_string_equal(format(&f_date, "2024-09-01", FS_DISPLAY), "01.09.2024");
    assert_string_equal(format(&f_date, "1.9.2024", FS_CSV), "2024-09-01");
    assert_string_equal(format(&f_date, "1.9.2024", FS_EXCEL), "01.09.2024");
}

static void
int_accepts_spaces_between_thousands(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_int, "1 234 567"), 1234567);
    assert_int_equal(parse_ok(&f_int, "1\xC2\xA0"
                                      "234"),
                     1234);
    assert_int_equal(parse_ok(&f_int, "1\xE2\x80\xAF"
                                      "234"),
                     1234);
    assert_int_equal(parse_ok(&f_int, "-42"), -42);
}

static void
int_refuses_decimals(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_int, "1,5"), "“1,5” is not a whole number");
    parse_bad(&f_int, "1.000");
}

static void
int_refuses_misplaced_separators_and_junk(void **state)
{
    (void)state;
    parse_bad(&f_int, "12 34");
    parse_bad(&f_int, "1234 567");
    parse_bad(&f_int, "1 2345");
    parse_bad(&f_int, "12abc");
    parse_bad(&f_int, "-");
    parse_bad(&f_int, "0x10");
}

static void
int_detects_overflow(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_int, "9223372036854775807"), INT64_MAX);
    assert_int_equal(parse_ok(&f_int, "-9223372036854775808"), INT64_MIN);
    assert_string_equal(parse_bad(&f_int, "9223372036854775808"),
                        "“9223372036854775808” is too large");
    parse_bad(&f_int, "99999999999999999999999");
}

static void
money_accepts_decimal_comma(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_money, "12,50"), 1250);
    assert_int_equal(parse_ok(&f_money, "12.5"), 1250);
    assert_int_equal(parse_ok(&f_money, "12"), 1200);
    assert_int_equal(parse_ok(&f_money, "1 234,56 €"), 123456);
    assert_int_equal(parse_ok(&f_money, "0,05"), 5);
}

static void
money_refuses_to_round_fractions_of_a_cent(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_money, "12,505"), "“12,505” has more than 2 decimal places");
    parse_bad(&f_money, "0.001");
    /* extra zeros are exact, not rounded */
    assert_int_equal(parse_ok(&f_money, "12,500"), 1250);
}

static void
money_formats_with_two_decimals(void **state)
{
    (void)state;
    assert_string_equal(format(&f_money, "12,5", FS_CSV), "12.50");
    assert_string_equal(format(&f_money, "12,5", FS_EXCEL), "12,50");
    assert_string_equal(format(&f_money, "12,5", FS_DISPLAY), "12.50");
    assert_string_equal(format(&f_money, "-0,05", FS_CSV), "-0.05");
}

static void
dec3_accepts_thousands_and_decimal_comma(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_dec3, "1 234,5"), 1234500);
    assert_int_equal(parse_ok(&f_dec3, "0,75"), 750);
    assert_int_equal(parse_ok(&f_dec3, "1.125"), 1125);
}

static void
dec3_refuses_more_than_three_decimals(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_fte, "0,1234"), "“0,1234” has more than 3 decimal places");
}

static void
dec3_formats_without_trailing_zeros(void **state)
{
    (void)state;
    assert_string_equal(format(&f_fte, "1,5", FS_CSV), "1.5");
    assert_string_equal(format(&f_fte, "0,750", FS_CSV), "0.75");
    assert_string_equal(format(&f_fte, "1", FS_CSV), "1");
    assert_string_equal(format(&f_fte, "0,75", FS_EXCEL), "0,75");
}

static void
negative_fte_is_refused_by_the_range(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_fte, "-0,5"), "“-0,5” is not between 0 and 2");
    parse_bad(&f_fte, "2,001");
    assert_int_equal(parse_ok(&f_fte, "2"), 2000);
}

static void
enum_accepts_its_latvian_label(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_enum, "Zaļa"), 1);
    assert_int_equal(parse_ok(&f_enum, "zala"), 1);
    assert_int_equal(parse_ok(&f_enum, "GREEN"), 1);
    assert_int_equal(parse_ok(&f_enum, "blue"), 2);
}

static void
enum_accepts_a_device_category_by_latvian_label(void **state)
{
    (void)state;
    const struct forms_kind *k = &forms_kind_device;
    const struct forms_field *cat = &k->fields[forms_field_index(k, "category")];
    assert_int_equal(parse_ok(cat, "Portatīvie datori"), 1);
    assert_int_equal(parse_ok(cat, "sakaru ierices (ip telefoni, fakss)"), 9);
}

static void
enum_refuses_unknown_text_listing_the_keys(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_enum, "purple"), "“purple” is not one of: red, green, blue");
}

static void
enum_formats_label_on_screen_and_key_in_csv(void **state)
{
    (void)state;
    assert_string_equal(format(&f_enum, "Zaļa", FS_DISPLAY), "Green");
    assert_string_equal(format(&f_enum, "Zaļa", FS_CSV), "green");
    assert_string_equal(format(&f_enum, "Zaļa", FS_EXCEL), "green");
}

static void
flags_are_written_in_choice_order(void **state)
{
    (void)state;
    assert_string_equal(format(&f_flags, "group|experience", FS_CSV), "experience|group");
    assert_string_equal(format(&f_flags, "group|experience", FS_DISPLAY),
                        "Gaining experience, Observing the group");
}

static void
flags_ignore_duplicates(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_flags, "quality|quality|Grupas vērošana"), 6);
}

static void
flags_accept_commas_and_labels(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_flags, "quality, group"), 6);
    assert_int_equal(parse_ok(&f_flags, "Pieredzes apguve"), 1);
    assert_int_equal(parse_ok(&f_flags, "| quality |"), 2);
}

static void
flags_round_trip_through_display(void **state)
{
    (void)state;
    assert_int_equal(parse_ok(&f_flags, format(&f_flags, "experience|group", FS_DISPLAY)), 5);
}

static void
flags_refuse_an_unknown_key_listing_the_allowed_ones(void **state)
{
    (void)state;
    assert_string_equal(parse_bad(&f_flags, "quality|fun"),
                        "“fun” is not one of: experience, quality, group");
}

static void
bool_accepts_latvian_and_english_words(void **state)
{
    (void)state;
    static const char *const yes[] = {"1", "jā", "Ja", "yes", "TRUE", "x", "X", "✓"};
    static const char *const no[] = {"0", "nē", "ne", "No", "false"};
    for (size_t i = 0; i < SK_ARRAY_LEN(yes); i++)
        assert_int_equal(parse_ok(&f_bool, yes[i]), 1);
    for (size_t i = 0; i < SK_ARRAY_LEN(no); i++)
        assert_int_equal(parse_ok(&f_bool, no[i]), 0);
    parse_bad(&f_bool, "maybe");
    parse_bad(&f_bool, "2");
}

static void
bool_formats_a_tick_on_screen_and_digits_in_csv(void **state)
{
    (void)state;
    assert_string_equal(format(&f_bool, "jā", FS_DISPLAY), "✓");
    assert_string_equal(format(&f_bool, "nē", FS_DISPLAY), "");
    assert_string_equal(format(&f_bool, "jā", FS_CSV), "1");
    assert_string_equal(format(&f_bool, "nē", FS_EXCEL), "0");
}

static void
ref_keeps_the_name_unresolved(void **state)
{
    (void)state;
    struct forms_value v = {0};
    forms_value_set_int(&v, 9);
    assert_true(forms_value_parse(&f_ref, " Anna Bērziņa ", &v, NULL));
    assert_string_equal(v.s, "Anna Bērziņa");
    assert_int_equal(v.i, 0);
    forms_value_free(&v);
}

static void
unset_values_format_as_empty(void **state)
{
    (void)state;
    char buf[64];
    struct forms_value v = {0};
    assert_string_equal(forms_value_format(&f_int, &v, FS_CSV, buf, sizeof buf), "");
    assert_string_equal(forms_value_format(&f_text, &v, FS_CSV, buf, sizeof buf), "");
    assert_string_equal(forms_value_format(&f_bool, &v, FS_CSV, buf, sizeof buf), "");
}

static void
value_copy_and_equal_agree(void **state)
{
    (void)state;
    struct forms_value a = {0}, b = {0};
    forms_value_set_text(&a, "Ābols", strlen("Ābols"));
    assert_false(forms_value_equal(&f_text, &a, &b));
    forms_value_copy(&b, &a);
    assert_true(forms_value_equal(&f_text, &a, &b));
    assert_ptr_not_equal(a.s, b.s);
    forms_value_clear(&a);
    assert_false(forms_value_equal(&f_text, &a, &b));
    forms_value_copy(&b, &a);
    assert_true(forms_value_equal(&f_text, &a, &b));
    forms_value_free(&a);
    forms_value_free(&b);
    forms_value_free(&b);
}

static void
set_text_accepts_a_slice_of_its_own_buffer(void **state)
{
    (void)state;
    struct forms_value v = {0};
    forms_value_set_text(&v, "abcdef", 6);
    forms_value_set_text(&v, v.s + 2, 3);
    assert_string_equal(v.s, "cde");
    forms_value_free(&v);
}

/* ---------------------------------------------------------------- records */

static void
set_field(struct forms_record *rec, const char *key, const char *text)
{
    int i = forms_field_index(rec->kind, key);
    assert_true(i >= 0);
    struct sk_error err = {0};
    if (!forms_value_parse(&rec->kind->fields[i], text, &rec->values[i], &err))
        fail_msg("%s = \"%s\": %s", key, text, err.msg);
}

static void
record_defaults_come_from_descriptors(void **state)
{
    (void)state;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    int st = forms_field_index(rec.kind, "status");
    assert_true(rec.values[st].is_set);
    assert_int_equal(rec.values[st].i, 0);
    forms_record_fini(&rec);
    forms_record_fini(&rec);
}

static void
record_without_required_field_is_refused(void **state)
{
    (void)state;
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    set_field(&rec, "category", "laptop");
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "inventory_no");
    assert_string_equal(err.msg, "this field is required");
    set_field(&rec, "inventory_no", "INV-1");
    sk_error_clear(&err);
    assert_true(forms_record_validate(&rec, &err));
    forms_record_fini(&rec);
}

static void
record_checks_ranges_of_stored_values(void **state)
{
    (void)state;
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_school_year);
    forms_record_defaults(&rec);
    set_field(&rec, "year", "2024");
    forms_value_set_int(&rec.values[forms_field_index(rec.kind, "teacher_fte")], -500);
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "teacher_fte");
    assert_string_equal(err.msg, "must be between 0 and 10000");
    forms_record_fini(&rec);
}

static void
record_checks_text_length_in_code_points(void **state)
{
    (void)state;
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    set_field(&rec, "category", "laptop");
    int i = forms_field_index(rec.kind, "inventory_no");
    char text[100];
    memset(text, 'x', 41);
    forms_value_set_text(&rec.values[i], text, 41);
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.msg, "is longer than 40 characters");
    forms_record_fini(&rec);
}

static void
record_runs_the_cross_field_rule(void **state)
{
    (void)state;
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    set_field(&rec, "inventory_no", "INV-1");
    set_field(&rec, "category", "laptop");
    set_field(&rec, "purchase_date", "1.9.2024");
    set_field(&rec, "warranty_until", "31.8.2024");
    assert_false(forms_record_validate(&rec, &err));
    assert_string_equal(err.field, "warranty_until");
    forms_record_fini(&rec);
}

static void
count_problem(void *ctx, const struct sk_error *e)
{
    assert_non_null(e->field);
    (*(int *)ctx)++;
}

static void
validate_all_reports_every_problem(void **state)
{
    (void)state;
    struct forms_record rec;
    int seen = 0;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_clear(&rec);
    size_t n = forms_record_validate_all(&rec, count_problem, &seen);
    /* inventory_no, category, status */
    assert_int_equal(n, 3);
    assert_int_equal(seen, 3);
    forms_record_fini(&rec);
}

static void
record_copy_is_deep(void **state)
{
    (void)state;
    struct forms_record a, b = {0};
    forms_record_init(&a, &forms_kind_device);
    forms_record_defaults(&a);
    set_field(&a, "inventory_no", "INV-1");
    a.id = 7;
    a.version = 3;
    forms_record_copy(&b, &a);
    assert_int_equal(b.id, 7);
    assert_int_equal(b.version, 3);
    int i = forms_field_index(a.kind, "inventory_no");
    assert_string_equal(b.values[i].s, "INV-1");
    set_field(&a, "inventory_no", "INV-2");
    assert_string_equal(b.values[i].s, "INV-1");
    forms_record_fini(&a);
    forms_record_fini(&b);
}

int
main(void)
{
    /* Messages are compared in English. */
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fail_fills_the_error_and_returns_false),
        cmocka_unit_test(exit_codes_follow_the_cli_contract),
        cmocka_unit_test(buffer_grows_and_stays_terminated),
        cmocka_unit_test(language_is_english_without_a_catalogue),
        cmocka_unit_test(field_match_accepts_key_and_both_labels),
        cmocka_unit_test(choice_match_accepts_key_and_labels),
        cmocka_unit_test(max_len_defaults_by_type),
        cmocka_unit_test(empty_text_gives_an_unset_value),
        cmocka_unit_test(text_is_trimmed),
        cmocka_unit_test(text_longer_than_max_len_is_refused),
        cmocka_unit_test(text_with_invalid_utf8_is_refused),
        cmocka_unit_test(text_with_control_characters_is_refused),
        cmocka_unit_test(control_characters_are_named_in_every_text_field),
        cmocka_unit_test(invisible_characters_are_refused_in_keys_and_names),
        cmocka_unit_test(more_invisible_characters_are_refused_in_keys),
        cmocka_unit_test(text_is_stored_normalised),
        cmocka_unit_test(memo_keeps_newlines_and_tabs_and_drops_cr),
        cmocka_unit_test(date_accepts_short_latvian_form),
        cmocka_unit_test(date_refuses_31_february_with_a_calendar_message),
        cmocka_unit_test(date_refuses_garbage_suggesting_the_format),
        cmocka_unit_test(date_formats_by_style),
        cmocka_unit_test(int_accepts_spaces_between_thousands),
        cmocka_unit_test(int_refuses_decimals),
        cmocka_unit_test(int_refuses_misplaced_separators_and_junk),
        cmocka_unit_test(int_detects_overflow),
        cmocka_unit_test(money_accepts_decimal_comma),
        cmocka_unit_test(money_refuses_to_round_fractions_of_a_cent),
        cmocka_unit_test(money_formats_with_two_decimals),
        cmocka_unit_test(dec3_accepts_thousands_and_decimal_comma),
        cmocka_unit_test(dec3_refuses_more_than_three_decimals),
        cmocka_unit_test(dec3_formats_without_trailing_zeros),
        cmocka_unit_test(negative_fte_is_refused_by_the_range),
        cmocka_unit_test(enum_accepts_its_latvian_label),
        cmocka_unit_test(enum_accepts_a_device_category_by_latvian_label),
        cmocka_unit_test(enum_refuses_unknown_text_listing_the_keys),
        cmocka_unit_test(enum_formats_label_on_screen_and_key_in_csv),
        cmocka_unit_test(flags_are_written_in_choice_order),
        cmocka_unit_test(flags_ignore_duplicates),
        cmocka_unit_test(flags_accept_commas_and_labels),
        cmocka_unit_test(flags_round_trip_through_display),
        cmocka_unit_test(flags_refuse_an_unknown_key_listing_the_allowed_ones),
        cmocka_unit_test(bool_accepts_latvian_and_english_words),
        cmocka_unit_test(bool_formats_a_tick_on_screen_and_digits_in_csv),
        cmocka_unit_test(ref_keeps_the_name_unresolved),
        cmocka_unit_test(unset_values_format_as_empty),
        cmocka_unit_test(value_copy_and_equal_agree),
        cmocka_unit_test(set_text_accepts_a_slice_of_its_own_buffer),
        cmocka_unit_test(record_defaults_come_from_descriptors),
        cmocka_unit_test(record_without_required_field_is_refused),
        cmocka_unit_test(record_checks_ranges_of_stored_values),
        cmocka_unit_test(record_checks_text_length_in_code_points),
        cmocka_unit_test(record_runs_the_cross_field_rule),
        cmocka_unit_test(validate_all_reports_every_problem),
        cmocka_unit_test(record_copy_is_deep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

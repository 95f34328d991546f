/* sk_quote: user data in messages never carries raw control characters,
 * invisible characters or bytes that are not UTF-8 to the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static const char *
q(const char *s)
{
    static char buf[SK_QUOTE_SIZE];
    return sk_quote(s, buf, sizeof buf);
}

static void
c0_controls_are_shown_as_hex_escapes(void **state)
{
    (void)state;
    assert_string_equal(q("a\x1b[2Jb\x07"), "a\\x1b[2Jb\\x07");
    assert_string_equal(q("one\ntwo\tthree\r"), "one\\x0atwo\\x09three\\x0d");
    assert_string_equal(q("\x01\x1f"), "\\x01\\x1f");
}

static void
a_nul_byte_inside_counted_text_is_shown(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(sk_quoten("a\0b", 3, buf, sizeof buf), "a\\x00b");
}

static void
del_is_shown_as_an_escape(void **state)
{
    (void)state;
    assert_string_equal(q("x\x7fy"), "x\\x7fy");
}

static void
c1_controls_are_shown_as_code_points(void **state)
{
    (void)state;
    /* U+009B is CSI: "\xc2\x9b" 31m colours a terminal red like ESC [ 31m */
    assert_string_equal(q("\xc2\x9b"
                          "31m"),
                        "\\u009b31m");
    assert_string_equal(q("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
    /* U+00A0 (no-break space) is not a C1 control: it is shown as a space
     * separator (see spaces_other_than_the_plain_one_are_shown) */
    assert_string_equal(q("a\xc2\xa0"
                          "b"),
                        "a\\u00a0b");
}

/* Two names that differ only in their spaces must look different in a
 * message ("could be any of “Anna Ozola”, “Anna Ozola”" helps nobody). */
static void
spaces_other_than_the_plain_one_are_shown(void **state)
{
    (void)state;
    assert_string_equal(q("Anna Ozola"), "Anna Ozola");
    assert_string_equal(q("Anna\xe2\x80\x82Ozola"), "Anna\\u2002Ozola");
    assert_string_equal(q("Anna\xe2\x80\xafOzola"), "Anna\\u202fOzola");
    assert_string_equal(q("Anna\xe3\x80\x80Ozola"), "Anna\\u3000Ozola");
    /* and what looks like nothing at all */
    assert_string_equal(q("B2\xef\xb8\x8f"), "B2\\ufe0f");
    assert_string_equal(q("B2\xe3\x85\xa4"), "B2\\u3164");
    assert_string_equal(q("B2\xe2\xa0\x80"), "B2\\u2800");
}

static void
bytes_that_are_not_utf8_are_shown_one_by_one(void **state)
{
    (void)state;
    assert_string_equal(q("\xc4\x92"
                          "d\xc4"
                          "z"),
                        "\xc4\x92"
                        "d\\xc4z");                                     /* Ēd, a lone lead byte */
    assert_string_equal(q("\x80"), "\\x80");                            /* lone continuation */
    assert_string_equal(q("\xc0\xaf"), "\\xc0\\xaf");                   /* overlong "/" */
    assert_string_equal(q("\xed\xa0\x80"), "\\xed\\xa0\\x80");          /* a surrogate */
    assert_string_equal(q("\xf5\x80\x80\x80"), "\\xf5\\x80\\x80\\x80"); /* past U+10FFFF */
    assert_string_equal(q("ab\xe2\x82"), "ab\\xe2\\x82");               /* cut short */
    assert_string_equal(q("\xff\xfe"), "\\xff\\xfe");
}

static void
latvian_letters_and_punctuation_stay_as_they_are(void **state)
{
    (void)state;
    const char *lv = "Ēdināšana ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž „citāts“ “x” — 12,50 € №5 😀";
    assert_string_equal(q(lv), lv);
}

static void
invisible_characters_are_shown(void **state)
{
    (void)state;
    assert_string_equal(q("\xef\xbb\xbf"
                          "B2"),
                        "\\ufeffB2"); /* BOM */
    assert_string_equal(q("B\xe2\x80\x8b"
                          "2"),
                        "B\\u200b2"); /* zero-width space */
    assert_string_equal(q("abc\xe2\x80\xae"
                          "fdp.exe"),
                        "abc\\u202efdp.exe"); /* RLO */
    assert_string_equal(q("a\xe2\x81\xa6"
                          "b"),
                        "a\\u2066b"); /* LRI */
    assert_string_equal(q("a\xe2\x80\xa8"
                          "b"),
                        "a\\u2028b");                          /* line separator */
    assert_string_equal(q("\xf3\xa0\x81\x81"), "\\U000e0041"); /* tag letter A */
}

static void
backslashes_are_doubled_only_where_they_could_read_as_an_escape(void **state)
{
    (void)state;
    assert_string_equal(q("C:\\Users\\Ilze\\dati.csv"), "C:\\Users\\Ilze\\dati.csv");
    assert_string_equal(q("\\x1b"), "\\\\x1b"); /* typed by the user, not an ESC */
    assert_string_equal(q("\\u202e"), "\\\\u202e");
    assert_string_equal(q("\\\x1b"), "\\\\\\x1b"); /* a backslash, then an ESC */
    assert_string_equal(q("a\\\\b"), "a\\\\\\b");  /* two backslashes: \\ then \ */
    assert_string_equal(q("end\\"), "end\\");
    assert_string_equal(q("\\xyz \\u12 \\x1"), "\\xyz \\u12 \\x1"); /* no escape follows */
    assert_string_equal(q("\\U000e0041"), "\\\\U000e0041");
}

static void
text_too_long_is_cut_at_a_character_boundary(void **state)
{
    (void)state;
    char in[401] = "";
    for (int i = 0; i < 200; i++)
        strcat(in, "\xc4\x81"); /* ā */
    char buf[32];
    const char *out = sk_quote(in, buf, sizeof buf);
    size_t n = strlen(out);
    assert_true(n <= sizeof buf - 1);
    assert_true(n >= 3 && strcmp(out + n - 3, "…") == 0);
    assert_true(forms_utf8_valid(out, n));
    assert_true((n - 3) % 2 == 0 && strncmp(out, in, n - 3) == 0);
    assert_int_equal(n - 3, 28);
}

static void
text_that_fits_exactly_is_not_cut(void **state)
{
    (void)state;
    char buf[12];
    assert_string_equal(sk_quote("abcdefghijk", buf, sizeof buf), "abcdefghijk");
    assert_string_equal(sk_quote("abcdefg\x1b", buf, sizeof buf), "abcdefg\\x1b");
    assert_string_equal(sk_quote("abcdefghijkl", buf, sizeof buf), "abcdefgh…");
}

static void
an_escape_is_never_cut_in_half(void **state)
{
    (void)state;
    char buf[12];
    assert_string_equal(sk_quote("abcdefgh\x1b", buf, sizeof buf), "abcdefgh…");
    assert_string_equal(sk_quote("abcdef\x1b\x1b", buf, sizeof buf), "abcdef…");
}

static void
null_is_quoted_as_empty(void **state)
{
    (void)state;
    assert_string_equal(q(NULL), "");
    assert_string_equal(q(""), "");
}

static void
the_macro_gives_each_use_its_own_buffer(void **state)
{
    (void)state;
    struct sk_error err = {0};
    sk_fail(&err, SK_EINVAL, "“%s” and “%s”", SK_QUOTE("a\x1b"), SK_QUOTE("b\x07"));
    assert_string_equal(err.msg, "“a\\x1b” and “b\\x07”");
}

static void
the_safety_net_keeps_line_breaks_tabs_and_backslashes(void **state)
{
    (void)state;
    struct sk_buf b = {0};
    sk_buf_add_safe(&b, "a\\x\n\tb\x1b]0;t\x07 \xc2\x9b \xc4 ā");
    assert_string_equal(b.s, "a\\x\n\tb\\x1b]0;t\\x07 \\u009b \\xc4 ā");
    sk_buf_reset(&b);
    sk_buf_add_safe(&b, "");
    assert_string_equal(b.s, "");
    sk_buf_free(&b);
}

static void
a_long_message_is_cut_at_a_character_boundary(void **state)
{
    (void)state;
    char in[1201] = "";
    for (int i = 0; i < 600; i++)
        strcat(in, "\xc4\x81");
    struct sk_error err = {0};
    sk_fail(&err, SK_EINVAL, "%s", in);
    size_t n = strlen(err.msg);
    assert_true(n < sizeof err.msg);
    assert_true(forms_utf8_valid(err.msg, n));
    assert_string_equal(err.msg + n - 3, "…");
}

static void
a_message_with_unquoted_control_characters_is_made_safe(void **state)
{
    (void)state;
    struct sk_error err = {0};
    sk_fail(&err, SK_EIO, "Cannot write %s: %s", "/tmp/a\x1b[2J\\x.csv", "No space");
    assert_string_equal(err.msg, "Cannot write /tmp/a\\x1b[2J\\x.csv: No space");
    sk_fail(&err, SK_EIO, "two\nlines\tand \xc2\x9b");
    assert_string_equal(err.msg, "two\nlines\tand \\u009b");
    /* quoted data is not quoted twice */
    sk_fail(&err, SK_EINVAL, "“%s”", SK_QUOTE("\\x1b\x1b"));
    assert_string_equal(err.msg, "“\\\\x1b\\x1b”");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c0_controls_are_shown_as_hex_escapes),
        cmocka_unit_test(a_nul_byte_inside_counted_text_is_shown),
        cmocka_unit_test(del_is_shown_as_an_escape),
        cmocka_unit_test(c1_controls_are_shown_as_code_points),
        cmocka_unit_test(spaces_other_than_the_plain_one_are_shown),
        cmocka_unit_test(bytes_that_are_not_utf8_are_shown_one_by_one),
        cmocka_unit_test(latvian_letters_and_punctuation_stay_as_they_are),
        cmocka_unit_test(invisible_characters_are_shown),
        cmocka_unit_test(backslashes_are_doubled_only_where_they_could_read_as_an_escape),
        cmocka_unit_test(text_too_long_is_cut_at_a_character_boundary),
        cmocka_unit_test(text_that_fits_exactly_is_not_cut),
        cmocka_unit_test(an_escape_is_never_cut_in_half),
        cmocka_unit_test(null_is_quoted_as_empty),
        cmocka_unit_test(the_macro_gives_each_use_its_own_buffer),
        cmocka_unit_test(the_safety_net_keeps_line_breaks_tabs_and_backslashes),
        cmocka_unit_test(a_long_message_is_cut_at_a_character_boundary),
        cmocka_unit_test(a_message_with_unquoted_control_characters_is_made_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

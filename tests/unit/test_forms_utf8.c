/* UTF-8 checks, display widths, folding and Latvian collation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static bool
valid(const char *s)
{
    return forms_utf8_valid(s, strlen(s));
}

static int
collate(const char *a, const char *b)
{
    return forms_collate(a, strlen(a), b, strlen(b));
}

static const char *
fold(const char *s)
{
    static char buf[256];
    forms_fold(s, buf, sizeof buf);
    return buf;
}

static void
valid_accepts_ascii_and_latvian(void **state)
{
    (void)state;
    assert_true(valid("Bērziņš, Ķēniņš"));
    assert_true(valid(""));
    assert_true(valid("\xF0\x9F\x98\x80")); /* U+1F600 */
}

static void
valid_rejects_overlong_encodings(void **state)
{
    (void)state;
    assert_false(valid("\xC0\xAF"));
    assert_false(valid("\xC1\xBF"));
    assert_false(valid("\xE0\x80\xAF"));
    assert_false(valid("\xF0\x80\x80\xAF"));
}

static void
valid_rejects_surrogates(void **state)
{
    (void)state;
    assert_false(valid("\xED\xA0\x80"));
    assert_false(valid("\xED\xBF\xBF"));
}

static void
valid_rejects_code_points_above_10ffff(void **state)
{
    (void)state;
    assert_false(valid("\xF4\x90\x80\x80"));
    assert_false(valid("\xF5\x80\x80\x80"));
    assert_true(valid("\xF4\x8F\xBF\xBF"));
}

static void
valid_rejects_truncated_and_stray_bytes(void **state)
{
    (void)state;
    assert_false(valid("abc\xC4"));
    assert_false(valid("\x80"));
    assert_false(valid("\xE2\x82"));
    assert_false(valid("\xFF"));
    assert_false(forms_utf8_valid("\xC4\x81", 1));
}

static void
width_counts_latvian_letters_as_one_column(void **state)
{
    (void)state;
    assert_int_equal(forms_utf8_width("Bērziņš"), 7);
    assert_int_equal(forms_utf8_len("Bērziņš"), 7);
}

static void
width_counts_combining_marks_as_zero_and_cjk_as_two(void **state)
{
    (void)state;
    assert_int_equal(forms_utf8_width("a\xCC\x84"), 1); /* a + combining macron */
    assert_int_equal(forms_utf8_width("\xE4\xB8\xAD\xE6\x96\x87"), 4);
}

static void
width_counts_invalid_bytes_as_one_column(void **state)
{
    (void)state;
    assert_int_equal(forms_utf8_width("a\xFF"
                                      "b"),
                     3);
    assert_int_equal(forms_utf8_len("a\xFF"
                                    "b"),
                     3);
}

static void
prefix_for_width_never_splits_a_code_point(void **state)
{
    (void)state;
    assert_int_equal(forms_utf8_prefix_for_width("ēēē", 2), 4);
    assert_int_equal(forms_utf8_prefix_for_width("ēēē", 10), 6);
    assert_int_equal(forms_utf8_prefix_for_width("ēēē", 0), 0);
    /* a wide character that does not fit stays out */
    assert_int_equal(forms_utf8_prefix_for_width("a\xE4\xB8\xAD", 2), 1);
    /* a combining mark stays with its letter */
    assert_int_equal(forms_utf8_prefix_for_width("a\xCC\x84"
                                                 "b",
                                                 1),
                     3);
}

static void
fold_removes_case_and_diacritics(void **state)
{
    (void)state;
    assert_string_equal(fold("Bērziņš"), "berzins");
    assert_string_equal(fold("ĶĒĢĪ"), "kegi");
    assert_string_equal(fold("ČŠŽĻŅĀŪ"), "cszlnau");
    assert_string_equal(fold("Inventāra nr."), "inventara nr.");
}

static void
fold_treats_decomposed_text_like_composed(void **state)
{
    (void)state;
    assert_string_equal(fold("a\xCC\x84"), "a");
}

static void
fold_stops_before_the_capacity(void **state)
{
    (void)state;
    char buf[5];
    size_t n = forms_fold("Ābeļu iela", buf, sizeof buf);
    assert_int_equal(n, 4);
    assert_string_equal(buf, "abel");
    n = forms_fold("žž", buf, 2);
    assert_int_equal(n, 1);
    assert_string_equal(buf, "z");
}

static void
fold_copies_invalid_bytes_through(void **state)
{
    (void)state;
    assert_string_equal(fold("A\xFF"
                             "B"),
                        "a\xFF"
                        "b");
}

static void
collate_puts_latvian_letters_after_their_base(void **state)
{
    (void)state;
    static const char *const order[] = {
        "a",  "b", "c", "cz", "č", "d", "g", "gz", "ģ", "h", "k", "kz", "ķ", "l",
        "lz", "ļ", "n", "nz", "ņ", "o", "s", "sz", "š", "t", "z", "zz", "ž",
    };
    for (size_t i = 0; i + 1 < SK_ARRAY_LEN(order); i++)
        if (collate(order[i], order[i + 1]) >= 0)
            fail_msg("\"%s\" should sort before \"%s\"", order[i], order[i + 1]);
}

static void
collate_sorts_long_vowels_with_their_base(void **state)
{
    (void)state;
    assert_true(collate("āb", "ac") < 0);
    assert_true(collate("ēz", "f") < 0);
    assert_true(collate("ī", "iz") < 0);
    assert_true(collate("Ūdris", "Upe") < 0);
    /* equal at the primary level: the long vowel comes second */
    assert_true(collate("a", "ā") < 0);
}

static void
collate_ignores_case_except_as_tie_breaker(void **state)
{
    (void)state;
    assert_true(collate("apse", "Bērzs") < 0);
    assert_true(collate("Apse", "bērzs") < 0);
    assert_true(collate("bērzs", "Bērzs") != 0);
    assert_true(collate("bērzs", "Bērzs") == -collate("Bērzs", "bērzs"));
}

static void
collate_sorts_names_like_a_latvian_phone_book(void **state)
{
    (void)state;
    assert_true(collate("Čakste", "Dombrovskis") < 0);
    assert_true(collate("Cīrulis", "Čakste") < 0);
    assert_true(collate("Šmits", "Taube") < 0);
    assert_true(collate("Sproģis", "Šmits") < 0);
    assert_true(collate("Zariņš", "Žagars") < 0);
    assert_true(collate("Ozola", "Ozoliņš") < 0);
    assert_true(collate("Ābele Anna", "Ābeles") < 0);
}

static void
collate_is_zero_only_for_equal_bytes(void **state)
{
    (void)state;
    assert_int_equal(collate("Bērziņš", "Bērziņš"), 0);
    assert_int_not_equal(collate("ā", "a\xCC\x84"), 0);
    assert_int_equal(forms_collate("ab", 1, "ac", 1), 0);
}

static void
collate_is_antisymmetric(void **state)
{
    (void)state;
    static const char *const words[] = {
        "",  "a", "A", "ā",    "Ā",         "b",     "č",     "Č",     "1", "10", "2", " ", "-",
        "ö", "é", "я", "\xFF", "a\xCC\x84", "Ozols", "ozols", "Ōzols", "ķ", "Ķ",  "w", "ž",
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(words); i++)
        for (size_t j = 0; j < SK_ARRAY_LEN(words); j++) {
            int ab = collate(words[i], words[j]), ba = collate(words[j], words[i]);
            if ((ab < 0) != (ba > 0) || (ab == 0) != (i == j))
                fail_msg("\"%s\" vs \"%s\": %d, %d", words[i], words[j], ab, ba);
            for (size_t k = 0; k < SK_ARRAY_LEN(words); k++)
                if (ab < 0 && collate(words[j], words[k]) < 0 && collate(words[i], words[k]) >= 0)
                    fail_msg("not transitive: %s %s %s", words[i], words[j], words[k]);
        }
}

static void
collate_puts_digits_before_letters_and_spaces_first(void **state)
{
    (void)state;
    assert_true(collate("9", "a") < 0);
    assert_true(collate(" ", "0") < 0);
    assert_true(collate("a b", "ab") < 0);
}

static void
collate_sorts_foreign_letters_with_their_base(void **state)
{
    (void)state;
    assert_true(collate("Müller", "Mz") < 0);
    assert_true(collate("Ma", "Müller") < 0);
    assert_true(collate("é", "f") < 0);
}

/* The distance behind "did you mean": typos, missing and extra letters;
 * only the first 64 bytes count, so a long text costs no more than that. */
static void
edit_distance_counts_typos(void **state)
{
    (void)state;
    assert_int_equal(forms_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(forms_edit_distance("", "abc"), 3);
    assert_int_equal(forms_edit_distance("abc", ""), 3);
    assert_int_equal(forms_edit_distance("in_use", "in_use"), 0);
    assert_int_equal(forms_edit_distance("in_repair", "in_repiar"), 2);
    assert_int_equal(forms_edit_distance("berzins", "berzin"), 1);
    char a[100], b[100];
    memset(a, 'x', 99);
    a[99] = '\0';
    memcpy(b, a, sizeof b);
    b[80] = 'y'; /* beyond the first 64 bytes: not seen */
    assert_int_equal(forms_edit_distance(a, b), 0);
    b[10] = 'y';
    assert_int_equal(forms_edit_distance(a, b), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_accepts_ascii_and_latvian),
        cmocka_unit_test(valid_rejects_overlong_encodings),
        cmocka_unit_test(valid_rejects_surrogates),
        cmocka_unit_test(valid_rejects_code_points_above_10ffff),
        cmocka_unit_test(valid_rejects_truncated_and_stray_bytes),
        cmocka_unit_test(width_counts_latvian_letters_as_one_column),
        cmocka_unit_test(width_counts_combining_marks_as_zero_and_cjk_as_two),
        cmocka_unit_test(width_counts_invalid_bytes_as_one_column),
        cmocka_unit_test(prefix_for_width_never_splits_a_code_point),
        cmocka_unit_test(fold_removes_case_and_diacritics),
        cmocka_unit_test(fold_treats_decomposed_text_like_composed),
        cmocka_unit_test(fold_stops_before_the_capacity),
        cmocka_unit_test(fold_copies_invalid_bytes_through),
        cmocka_unit_test(collate_puts_latvian_letters_after_their_base),
        cmocka_unit_test(collate_sorts_long_vowels_with_their_base),
        cmocka_unit_test(collate_ignores_case_except_as_tie_breaker),
        cmocka_unit_test(collate_sorts_names_like_a_latvian_phone_book),
        cmocka_unit_test(collate_is_zero_only_for_equal_bytes),
        cmocka_unit_test(collate_is_antisymmetric),
        cmocka_unit_test(collate_puts_digits_before_letters_and_spaces_first),
        cmocka_unit_test(collate_sorts_foreign_letters_with_their_base),
        cmocka_unit_test(edit_distance_counts_typos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

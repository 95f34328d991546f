/* forms_lv_sort_key: a stored BLOB that sorts with memcmp exactly as
 * forms_collate compares the texts, so that the database's indexes can use
 * SQLite's built-in BINARY collation (the file stays a standard SQLite
 * database). Property test over tricky and random strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static int
sign(int x)
{
    return (x > 0) - (x < 0);
}

/* memcmp order of two byte strings as SQLite compares BLOBs: bytes, then
 * the shorter first. */
static int
blob_cmp(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
    int r = memcmp(a, b, na < nb ? na : nb);
    if (r)
        return sign(r);
    return (na > nb) - (na < nb);
}

static int
key_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    unsigned char *ka = malloc(forms_lv_sort_key_max(na) + 1);
    unsigned char *kb = malloc(forms_lv_sort_key_max(nb) + 1);
    assert_non_null(ka);
    assert_non_null(kb);
    size_t la = forms_lv_sort_key(a, na, ka);
    size_t lb = forms_lv_sort_key(b, nb, kb);
    assert_true(la <= forms_lv_sort_key_max(na));
    assert_true(lb <= forms_lv_sort_key_max(nb));
    int r = blob_cmp(ka, la, kb, lb);
    free(ka);
    free(kb);
    return r;
}

static void
check_pair(const char *a, size_t na, const char *b, size_t nb)
{
    int want = sign(forms_collate(a, na, b, nb));
    int got = key_cmp(a, na, b, nb);
    if (want != got)
        fail_msg("“%.*s” vs “%.*s”: collate %d, sort key %d", (int)na, a, (int)nb, b, want, got);
}

/* Strings where the levels, prefixes and encodings meet. */
static const char *const tricky[] = {
    "",
    " ",
    "  ",
    "a",
    "A",
    "ā",
    "Ā",
    "aa",
    "aā",
    "āa",
    "ab",
    "āb",
    "Ab",
    "b",
    "c",
    "č",
    "Č",
    "cz",
    "čа",
    "d",
    "e",
    "ē",
    "f",
    "g",
    "ģ",
    "Ģ",
    "h",
    "i",
    "ī",
    "iz",
    "j",
    "k",
    "ķ",
    "l",
    "ļ",
    "m",
    "n",
    "ņ",
    "o",
    "ō",
    "p",
    "q",
    "r",
    "ŗ",
    "s",
    "š",
    "Š",
    "t",
    "u",
    "ū",
    "Ūdris",
    "Upe",
    "v",
    "w",
    "x",
    "y",
    "z",
    "ž",
    "Ž",
    "0",
    "1",
    "9",
    "10",
    "2",
    "-",
    "_",
    "!",
    ".",
    "a b",
    "a-b",
    "ab.",
    "é",
    "e\xcc\x81",
    "ö",
    "o\xcc\x88",
    "\xcc\x81",
    "a\xcc\x81",
    "a\xcc\x81\xcc\x81",
    "ß",
    "Ω",
    "ω",
    "я",
    "Я",
    "中",
    "中文",
    "٣",
    "\xff",
    "a\xff",
    "\xc3",
    "\xe2\x82",
    "a\xc3",
    "\xf0\x9f\x98\x80",
    "\xef\xbb\xbf"
    "B2",
    "B2",
    "b2",
    "B\xe2\x80\x8b"
    "2",
    "\x7f",
    "\x1b[31m",
    "Bērziņa",
    "Berzina",
    "Bērziņš",
    "bērziņa",
    "Bērziņa-Ozola",
    "Kalniņa",
    "Kalnina",
    "Ķemere",
    "Ozola",
    "Ozoliņa",
    "Līga",
    "Liga",
    "LĪGA",
    "Ilze",
    "Ilze Bērziņa",
    "Ilze Bērzina",
    "Dell Latitude 5420",
    "Dell Latitude 5420 ",
    "HP ProBook",
    "Lenovo",
    "Ēdināšana",
    "Ēdgars",
    "\xed\xa0\x80",
    "\xc0\x80",
    "\xf4\x90\x80\x80",
    "Ǆ",
    "ǅ",
    "ǆ",
    "ﬁ",
    "fi",
    "Ⅳ",
    "IV",
};

static void
sort_key_agrees_with_collate_on_tricky_strings(void **state)
{
    (void)state;
    size_t n = sizeof tricky / sizeof tricky[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            check_pair(tricky[i], strlen(tricky[i]), tricky[j], strlen(tricky[j]));
}

/* Pieces that random strings are made of: ASCII letters of both cases,
 * Latvian letters, digits, punctuation, combining marks, other scripts,
 * invalid and truncated sequences. */
static const char *const pieces[] = {
    "a", "A",  "ā",        "Ā",        "b", "c", "č", "Č", "e",  "ē",    "g",    "ģ",
    "i", "ī",  "k",        "ķ",        "l", "ļ", "n", "ņ", "o",  "s",    "š",    "u",
    "ū", "z",  "ž",        "Ž",        "q", "w", "x", "y", " ",  "-",    ".",    "0",
    "5", "9",  "\xcc\x81", "\xcc\x88", "é", "ö", "ß", "я", "中", "\xff", "\xc3", "\xe2\x80\x8b",
    "€", "\t",
};

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned
next_rand(void)
{
    /* xorshift64: fixed seed, the same strings on every run */
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static size_t
random_string(char *out, size_t cap, const char *like, size_t n_like)
{
    size_t len = 0;
    /* Half the time start from another string's prefix, so that long
     * common prefixes and near-ties are tested too. */
    if (like && next_rand() % 2) {
        size_t keep = n_like ? next_rand() % (n_like + 1) : 0;
        memcpy(out, like, keep);
        len = keep;
    }
    unsigned extra = next_rand() % 6;
    for (unsigned i = 0; i < extra; i++) {
        const char *p = pieces[next_rand() % (sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(p);
        if (len + k >= cap)
            break;
        memcpy(out + len, p, k);
        len += k;
    }
    out[len] = '\0';
    return len;
}

static void
sort_key_agrees_with_collate_on_random_strings(void **state)
{
    (void)state;
    char a[128], b[128];
    size_t na = 0;
    for (int i = 0; i < 200000; i++) {
        na = random_string(a, sizeof a, b, strlen(b) * (i > 0));
        size_t nb = random_string(b, sizeof b, a, na);
        check_pair(a, na, b, nb);
        check_pair(b, nb, a, na);
    }
}

static void
sort_key_orders_the_latvian_alphabet(void **state)
{
    (void)state;
    static const char *const order[] = {"a", "ā", "b", "c", "č", "d", "e", "ē", "f", "g", "ģ",
                                        "h", "i", "ī", "j", "k", "ķ", "l", "ļ", "m", "n", "ņ",
                                        "o", "p", "r", "s", "š", "t", "u", "ū", "v", "z", "ž"};
    for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++)
        if (key_cmp(order[i], strlen(order[i]), order[i + 1], strlen(order[i + 1])) >= 0)
            fail_msg("“%s” does not sort before “%s”", order[i], order[i + 1]);
    /* case and long vowels are tie-breakers after the letters */
    assert_true(key_cmp("Āb", 3, "ac", 2) < 0);
    assert_true(key_cmp("a", 1, "A", 1) < 0);
    assert_true(key_cmp("Cz", 2, "č", 2) < 0);
}

static void
sort_key_of_empty_text_is_empty_and_equal_texts_have_equal_keys(void **state)
{
    (void)state;
    unsigned char k1[64], k2[64];
    assert_int_equal(forms_lv_sort_key("", 0, k1), 0);
    size_t n1 = forms_lv_sort_key("Bērziņa", strlen("Bērziņa"), k1);
    size_t n2 = forms_lv_sort_key("Bērziņa", strlen("Bērziņa"), k2);
    assert_true(n1 > 0);
    assert_int_equal(n1, n2);
    assert_memory_equal(k1, k2, n1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_key_agrees_with_collate_on_tricky_strings),
        cmocka_unit_test(sort_key_agrees_with_collate_on_random_strings),
        cmocka_unit_test(sort_key_orders_the_latvian_alphabet),
        cmocka_unit_test(sort_key_of_empty_text_is_empty_and_equal_texts_have_equal_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

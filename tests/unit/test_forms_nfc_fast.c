/* forms_text_normalize keeps text whose code points are all below U+0300
 * (ASCII, Latin-1, Latin Extended-A/B with every Latvian letter) without
 * running the NFC mapping: such text must be NFC already. Checked against
 * utf8proc's NFC for every code point of that range, alone and between
 * Latvian letters, and decomposed input (a letter + U+0304) is still
 * composed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "forms/forms.h"

static void
assert_nfc_as_utf8proc(const char *s)
{
    size_t n = strlen(s), got_n = 0;
    char *got = forms_text_normalize(s, n, false, false, &got_n);
    utf8proc_uint8_t *want = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &want,
                                        UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    assert_true(len >= 0);
    if ((size_t)len != got_n || memcmp(got, want, got_n) != 0)
        fail_msg("“%s”: NFC “%s”, normalised “%s”", s, (const char *)want, got);
    free(want);
    free(got);
}

static void
text_below_u0300_is_nfc_as_it_is(void **state)
{
    (void)state;
    for (int32_t cp = 0x80; cp < 0x300; cp++) {
        utf8proc_uint8_t c[8] = {0};
        utf8proc_ssize_t k = utf8proc_encode_char(cp, c);
        assert_true(k > 0);
        char s[64];
        snprintf(s, sizeof s, "%s", (const char *)c);
        assert_nfc_as_utf8proc(s);
        snprintf(s, sizeof s, "Ā%sžņ %s", (const char *)c, (const char *)c);
        assert_nfc_as_utf8proc(s);
    }
    assert_nfc_as_utf8proc("Mārtiņš Bērziņš, Ķīmija — Ļoti ģeniāli, Ūdens, Čaklā Žanete");
}

static void
decomposed_text_is_still_composed(void **state)
{
    (void)state;
    size_t n = 0;
    /* "ā" as a + U+0304, "Ņ" as N + U+0327, next to precomposed letters */
    const char *in = "za\xcc\x84le N\xcc\xa7 \xc4\x81";
    char *s = forms_text_normalize(in, strlen(in), false, false, &n);
    assert_string_equal(s, "z\xc4\x81le \xc5\x85 \xc4\x81");
    free(s);
    assert_nfc_as_utf8proc("Ka\xcc\x84rlis \xc4\x81\xcc\x81");
    assert_nfc_as_utf8proc("\xc5\xbe\xcd\x80"); /* U+0340 after ž: changed by NFC */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_below_u0300_is_nfc_as_it_is),
        cmocka_unit_test(decomposed_text_is_still_composed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

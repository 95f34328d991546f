/* forms/code.c: school and template codes are a safe set of characters,
 * and a code turned into a file name part never makes a path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static bool
ok(const char *code)
{
    struct sk_error err = {0};
    return forms_code_check(code, &err);
}

static void
safe_codes_are_accepted(void **state)
{
    (void)state;
    assert_true(ok("1234567890"));
    assert_true(ok("LVT-2023"));
    assert_true(ok("a_b.c-1"));
    assert_true(ok("a.b"));
}

static void
unsafe_codes_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", " 123", "123 ", "x/../y", "..", ".hidden", "A B", "Rīga", "a\\b", "a:b", "a\x1b[2J",
        "T\xe2\x80\x8b-1", "a*b", "a\"b",
        /* an option, a name Windows drops the dot of, ".." (second report, N12) */
        "-x", "--help", "x.", "x..", "x..y"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct sk_error err = {0};
        if (forms_code_check(bad[i], &err))
            fail_msg("accepted “%s”", bad[i]);
        assert_int_equal(err.code, SK_EINVAL);
        assert_true(err.msg[0] != '\0');
    }
    char longer[64];
    memset(longer, 'a', 41);
    longer[41] = '\0';
    assert_false(ok(longer));
    longer[40] = '\0';
    assert_true(ok(longer));
}

static void
file_part_is_never_a_path(void **state)
{
    (void)state;
    static const char *const in[] = {"x/../y", "../etc", ".hidden", "", "a b", "Rīga", "ok-1"};
    static const char *const out[] = {"x_.._y", "_._etc", "_hidden", "_", "a_b", "R__ga", "ok-1"};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        char *p = forms_code_file_part(in[i]);
        assert_string_equal(p, out[i]);
        assert_null(strchr(p, '/'));
        free(p);
    }
}

static void
trim_removes_outer_spaces_only(void **state)
{
    (void)state;
    char *t = forms_trim_dup("  Testa  skola \t\n");
    assert_string_equal(t, "Testa  skola");
    free(t);
    t = forms_trim_dup("   ");
    assert_string_equal(t, "");
    free(t);
    t = forms_trim_dup(NULL);
    assert_string_equal(t, "");
    free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(safe_codes_are_accepted),
        cmocka_unit_test(unsafe_codes_are_refused),
        cmocka_unit_test(file_part_is_never_a_path),
        cmocka_unit_test(trim_removes_outer_spaces_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

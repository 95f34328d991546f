/* storage_complete on names: any part of any word, capitals and diacritics
 * folded, and several typed words found in any order; a name that is part
 * of a longer one is listed with it, never instead of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

static int
setup(void **state)
{
    if (test_fixture_open(state) != 0)
        return -1;
    struct test_fixture *fx = *state;
    static const char *const names[] = {"Rita Zvirbule", "Jānis Zvirbulis", "Anna Kalniņa",
                                        "Anna Kalniņa-Ozola", "Ritvars Ozols"};
    for (size_t i = 0; i < SK_ARRAY_LEN(names); i++)
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", names[i], NULL});
    return 0;
}

/* The completions of typed, '|'-joined in their order. */
static const char *
complete(struct test_fixture *fx, const char *typed)
{
    static char joined[512];
    char **out = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    assert_true(
        storage_complete(fx->db, "staff", NULL, NULL, fx->school, typed, 50, &out, &n, &err));
    joined[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(joined, "|");
        strncat(joined, out[i], sizeof joined - strlen(joined) - 1);
        free(out[i]);
    }
    free(out);
    return joined;
}

static void
any_word_in_any_order(void **state)
{
    struct test_fixture *fx = *state;
    /* a later word, folded; the start of a name first */
    assert_string_equal(complete(fx, "zvirb"), "Jānis Zvirbulis|Rita Zvirbule");
    assert_string_equal(complete(fx, "KALNINA"), "Anna Kalniņa|Anna Kalniņa-Ozola");
    assert_string_equal(complete(fx, "jan"), "Jānis Zvirbulis");
    /* words in another order, extra spaces */
    assert_string_equal(complete(fx, "zvirbule rit"), "Rita Zvirbule");
    assert_string_equal(complete(fx, "  ozol   anna "), "Anna Kalniņa-Ozola");
    assert_string_equal(complete(fx, "rit ozol"), "Ritvars Ozols");
    /* every word must be there */
    assert_string_equal(complete(fx, "rita ozols"), "");
    assert_string_equal(complete(fx, "\"rita\""), "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(any_word_in_any_order, setup, test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

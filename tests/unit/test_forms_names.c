/* forms/names.c: a name is found and replaced only where it stands as a
 * whole name, never inside a longer name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

#define NAME "Līga Kalniņa"

/* The text after replacing NAME by "X" ("" when nothing was replaced);
 * static buffer. */
static const char *
rep(const char *s, bool json)
{
    static char out[512];
    char *r = forms_name_replace(s, NAME, "X", json);
    snprintf(out, sizeof out, "%s", r ? r : "");
    free(r);
    return out;
}

static void
whole_names_are_replaced(void **state)
{
    (void)state;
    assert_string_equal(rep("met Līga Kalniņa, then", false), "met X, then");
    assert_string_equal(rep(NAME, false), "X");
    assert_string_equal(rep("(" NAME ")", false), "(X)");
    assert_string_equal(rep("«" NAME "»", false), "«X»");
    assert_string_equal(rep("“" NAME "”", false), "“X”");
    assert_string_equal(rep("'" NAME "'", false), "'X'");
    assert_string_equal(rep(NAME " - skolotāja", false), "X - skolotāja");
    assert_string_equal(rep(NAME "\n" NAME "; " NAME, false), "X\nX; X");
    assert_string_equal(rep("\xc2\xa0" NAME "\xe2\x80\x94x", false), "\xc2\xa0X\xe2\x80\x94x");
    assert_string_equal(rep(NAME ".", false), "X.");
}

static void
longer_names_are_left_alone(void **state)
{
    (void)state;
    assert_null(forms_name_find("Līga Kalniņa-Ozola", NAME, false));
    assert_null(forms_name_find("Līga Kalniņas grāmata", NAME, false));
    assert_null(forms_name_find("ALīga Kalniņa", NAME, false));
    assert_null(forms_name_find("Anna-Līga Kalniņa", NAME, false));
    assert_null(forms_name_find("D'Līga Kalniņa", NAME, false));
    assert_null(forms_name_find("Līga Kalniņa'Ozola", NAME, false));
    assert_null(forms_name_find("Līga Kalniņa’s", NAME, false));
    assert_null(forms_name_find("Līga Kalniņa2", NAME, false));
    assert_null(forms_name_find("Līga Kalniņaš", NAME, false));
    assert_null(forms_name_find("Līga Kalniņa\xcc\x81", NAME, false)); /* combining acute */
    assert_null(forms_name_find("ЯLīga Kalniņa", NAME, false));
    assert_null(forms_name_find("Līga Kalniņa_x", NAME, false));
}

static void
a_longer_name_next_to_the_name_is_kept(void **state)
{
    (void)state;
    assert_string_equal(rep("Līga Kalniņa-Ozola and Līga Kalniņa", false),
                        "Līga Kalniņa-Ozola and X");
    assert_string_equal(rep("Līga Kalniņa, Līga Kalniņas", false), "X, Līga Kalniņas");
    assert_null(forms_name_replace("nobody here", NAME, "X", false));
    assert_null(forms_name_replace("", NAME, "X", false));
}

static void
json_escapes_are_boundaries(void **state)
{
    (void)state;
    assert_string_equal(rep("{\"notes\":\"a\\nLīga Kalniņa\\tb\"}", true),
                        "{\"notes\":\"a\\nX\\tb\"}");
    assert_string_equal(rep("{\"n\":\"\\u001fLīga Kalniņa\"}", true), "{\"n\":\"\\u001fX\"}");
    assert_string_equal(rep("{\"n\":\"Līga Kalniņa\\\"\"}", true), "{\"n\":\"X\\\"\"}");
    /* an escaped backslash followed by the letter n is text, not an escape */
    assert_null(forms_name_find("\"\\\\nLīga Kalniņa\"", NAME, true));
    /* outside JSON "\n" is two characters, the n a letter */
    assert_null(forms_name_find("a\\nLīga Kalniņa", NAME, false));
    assert_null(forms_name_find("{\"n\":\"Līga Kalniņa-Ozola\"}", NAME, true));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_names_are_replaced),
        cmocka_unit_test(longer_names_are_left_alone),
        cmocka_unit_test(a_longer_name_next_to_the_name_is_kept),
        cmocka_unit_test(json_escapes_are_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

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

/* Texts stored before input was normalised (or by another program) may
 * hold the name in NFD or with a no-break space or two spaces between its
 * words: forget-person must find it all the same. */
static void
names_in_nfd_or_with_other_spaces_are_found(void **state)
{
    (void)state;
    assert_string_equal(rep("A: Li\xcc\x84ga Kalnin\xcc\xa7"
                            "a; B",
                            false),
                        "A: X; B");
    assert_string_equal(rep("A: Līga\xc2\xa0Kalniņa; B", false), "A: X; B");
    assert_string_equal(rep("Līga  Kalniņa", false), "X");
    assert_string_equal(rep("Līga\xe2\x80\x82\xc2\xa0Kalniņa.", false), "X.");
    assert_string_equal(rep("{\"n\":\"Li\xcc\x84ga\xc2\xa0Kalniņa\"}", true), "{\"n\":\"X\"}");
    assert_string_equal(rep("A: Līga\xc2\xa0Kalniņa; B: Li\xcc\x84ga Kalnin\xcc\xa7"
                            "a; C: Līga Kalniņa",
                            false),
                        "A: X; B: X; C: X");
    /* the name given in NFD or with NBSP finds the NFC text */
    char *r = forms_name_replace("met Līga Kalniņa", "Li\xcc\x84ga\xc2\xa0Kalniņa", "X", false);
    assert_non_null(r);
    assert_string_equal(r, "met X");
    free(r);
    /* still only whole names: a longer name in NFD is left alone */
    assert_null(forms_name_find("Li\xcc\x84ga Kalnin\xcc\xa7"
                                "a-Ozola",
                                NAME, false));
    assert_null(forms_name_find("Līga\xc2\xa0Kalniņas", NAME, false));
    /* the text around the hits is kept byte for byte (here in NFD) */
    assert_string_equal(rep("e\xcc\x84 Līga Kalniņa e\xcc\x84\xc2\xa0", false),
                        "e\xcc\x84 X e\xcc\x84\xc2\xa0");
}

/* Another known person's longer name covers the hits inside its own
 * occurrences; the other rows stay as they are. */
static const char *const OTHERS[] = {"Anna Līga Kalniņa", "Līga Kalniņa Ozola",
                                     "Ēriku Līga Kalniņa Ēvalda", "Līga Kalniņa"};
#define N_OTHERS (sizeof OTHERS / sizeof *OTHERS)

static char *
rep_except(const char *s, bool json)
{
    char *r = forms_name_replace_except(s, NAME, "X", json, OTHERS, N_OTHERS);
    assert_non_null(r);
    return r;
}

static void
another_known_persons_longer_name_is_left(void **state)
{
    (void)state;
    assert_null(forms_name_find_except("Anna Līga Kalniņa", NAME, false, OTHERS, N_OTHERS));
    assert_null(forms_name_find_except("ANNA LĪGA KALNIŅA", NAME, false, OTHERS, N_OTHERS));
    assert_null(forms_name_find_except("Līga Kalniņa Ozola", NAME, false, OTHERS, N_OTHERS));
    assert_null(forms_name_find_except("{\"full_name\":\"Anna Līga Kalniņa\"}", NAME, true, OTHERS,
                                       N_OTHERS));
    assert_null(forms_name_find_except("{\"staff\":\"Līga Kalniņa Ozola\",\"x\":1}", NAME, true,
                                       OTHERS, N_OTHERS));
    assert_null(forms_name_find_except("ar Ēriku Līga\xc2\xa0Kalniņa Ēvalda", NAME, false, OTHERS,
                                       N_OTHERS));
    /* both in one text: only the person's own hit goes */
    char *r = rep_except("Anna Līga Kalniņa un Līga Kalniņa", false);
    assert_string_equal(r, "Anna Līga Kalniņa un X");
    free(r);
    /* the longer name's own word must stand whole: "Joanna" is not "Anna" */
    r = rep_except("Joanna Līga Kalniņa", false);
    assert_string_equal(r, "Joanna X");
    free(r);
    /* a capitalised word of a sentence, a place or capitals do not make
     * another person */
    assert_string_equal(rep("Vakar Līga Kalniņa paņēma.", false), "Vakar X paņēma.");
    assert_string_equal(rep("Datoru paņēma Līga Kalniņa Rīgā.", false), "Datoru paņēma X Rīgā.");
    assert_string_equal(rep("LĪGA KALNIŅA RĪGĀ", false), "X RĪGĀ");
    r = rep_except("Vakar Līga Kalniņa paņēma. Anna", false);
    assert_string_equal(r, "Vakar X paņēma. Anna");
    free(r);
    assert_string_equal(rep("Anna Līga Kalniņa", false), "Anna X"); /* no one else known */
    assert_string_equal(rep("ar Līga Kalniņa runāja", false), "ar X runāja");
    assert_string_equal(rep("Anna, Līga Kalniņa; Ozola", false), "Anna, X; Ozola");
    assert_string_equal(rep("{\"a\":\"Anna\",\"b\":\"Līga Kalniņa\"}", true),
                        "{\"a\":\"Anna\",\"b\":\"X\"}");
    assert_string_equal(rep("{\"n\":\"A\\nLīga Kalniņa\"}", true), "{\"n\":\"A\\nX\"}");
}

/* The same name in other capitals or with line breaks or tabs between its
 * words is the same name. */
static void
other_capitals_and_white_space_are_found(void **state)
{
    (void)state;
    assert_string_equal(rep("LĪGA KALNIŅA nodeva", false), "X nodeva");
    assert_string_equal(rep("ar līga kalniņa", false), "ar X");
    assert_string_equal(rep("Līga\nKalniņa.", false), "X.");
    assert_string_equal(rep("Līga\t \r\nKalniņa.", false), "X.");
    assert_string_equal(rep("{\"n\":\"Līga\\nKalniņa\",\"m\":\"līga\\tkalniņa\"}", true),
                        "{\"n\":\"X\",\"m\":\"X\"}");
    /* a JSON key is not a value */
    assert_string_equal(rep("{\"Līga Kalniņa\": \"Līga Kalniņa\"}", true),
                        "{\"Līga Kalniņa\": \"X\"}");
    /* still whole names only */
    assert_null(forms_name_find("LĪGA KALNIŅA-OZOLA", NAME, false));
    assert_null(forms_name_find("līga kalniņas", NAME, false));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_names_are_replaced),
        cmocka_unit_test(longer_names_are_left_alone),
        cmocka_unit_test(a_longer_name_next_to_the_name_is_kept),
        cmocka_unit_test(json_escapes_are_boundaries),
        cmocka_unit_test(names_in_nfd_or_with_other_spaces_are_found),
        cmocka_unit_test(another_known_persons_longer_name_is_left),
        cmocka_unit_test(other_capitals_and_white_space_are_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

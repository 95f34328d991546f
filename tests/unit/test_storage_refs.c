/* storage_ref_lookup / storage_ref_resolve: an exact spelling wins, a name
 * accepted only once case and diacritics are folded is told apart, and a
 * folded name that fits two people is an error naming both — on import and
 * on every record write (the TUI's save) alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

struct fixture {
    struct storage_db *db;
    int64_t school, a, b, anna;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("T1", "Testa skola", NULL, &fx->school);
    fx->a =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Ilze Bērziņa", "role", "teacher", NULL});
    fx->b =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Ilze Bērzina", "role", "teacher", NULL});
    fx->anna =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Anna Kalniņa", "role", "teacher", NULL});
    *state = fx;
    return 0;
}

static void
an_exact_spelling_wins_over_folded_matches(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = 0;
    enum storage_ref_how how = SR_NONE;
    char stored[64] = "x";
    assert_true(storage_ref_lookup(fx->db, "staff", fx->school, "Ilze Bērzina", &id, &how, stored,
                                   sizeof stored, NULL, 0, &err));
    assert_int_equal(id, fx->b);
    assert_int_equal(how, SR_EXACT);
    assert_true(storage_ref_lookup(fx->db, "staff", fx->school, "Ilze Bērziņa", &id, &how, stored,
                                   sizeof stored, NULL, 0, &err));
    assert_int_equal(id, fx->a);
    assert_int_equal(how, SR_EXACT);
}

static void
a_folded_match_of_two_people_is_an_error_naming_both(void **state)
{
    struct fixture *fx = *state;
    const char *tries[] = {"ilze berzina", "ILZE BĒRZIŅA", "Ilze Berzina"};
    for (size_t i = 0; i < 3; i++) {
        struct sk_error err = {0};
        int64_t id = 7;
        enum storage_ref_how how = SR_EXACT;
        assert_false(storage_ref_lookup(fx->db, "staff", fx->school, tries[i], &id, &how, NULL, 0,
                                        NULL, 0, &err));
        assert_int_equal(err.code, SK_EINVAL);
        assert_int_equal(id, 0);
        assert_non_null(strstr(err.msg, "“Ilze Bērziņa”"));
        assert_non_null(strstr(err.msg, "“Ilze Bērzina”"));
        /* the older interface follows the same rule */
        struct sk_error e2 = {0};
        assert_false(storage_ref_resolve(fx->db, "staff", fx->school, tries[i], &id, NULL, 0, &e2));
        assert_int_equal(e2.code, SK_EINVAL);
    }
}

static void
a_single_folded_match_is_accepted_and_told(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int64_t id = 0;
    enum storage_ref_how how = SR_NONE;
    char stored[64] = "";
    assert_true(storage_ref_lookup(fx->db, "staff", fx->school, "anna kalnina", &id, &how, stored,
                                   sizeof stored, NULL, 0, &err));
    assert_int_equal(id, fx->anna);
    assert_int_equal(how, SR_FOLDED);
    assert_string_equal(stored, "Anna Kalniņa");
    assert_true(storage_ref_lookup(fx->db, "staff", fx->school, "Anna Kalniņš", &id, &how, stored,
                                   sizeof stored, NULL, 0, &err));
    assert_int_equal(id, 0);
    assert_int_equal(how, SR_NONE);
}

static void
saving_a_record_with_an_ambiguous_reference_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_training);
    forms_record_defaults(&rec);
    test_set(&rec, "staff", "ilze berzina");
    test_set(&rec, "date", "1.9.2024");
    test_set(&rec, "title", "Kursi");
    test_set(&rec, "hours", "8");
    struct sk_error err = {0};
    assert_false(storage_record_insert(fx->db, fx->school, &rec, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_non_null(err.field);
    assert_string_equal(err.field, "staff");
    assert_non_null(strstr(err.msg, "“Ilze Bērzina”"));
    forms_record_fini(&rec);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_exact_spelling_wins_over_folded_matches, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_folded_match_of_two_people_is_an_error_naming_both, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_single_folded_match_is_accepted_and_told, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(saving_a_record_with_an_ambiguous_reference_is_refused,
                                        setup, test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

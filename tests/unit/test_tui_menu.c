/* The main menu comes from the kinds' table: every registered kind once,
 * ordered by its descriptor's menu_group and menu_order, then the screens
 * that are not kinds; the start-up check of the screens' tables passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/internal.h"

static void
every_kind_is_in_the_menu_once_in_group_order(void **state)
{
    (void)state;
    struct tui_menu_item items[TUI_MENU_MAX];
    size_t n = tui_menu_items(items, TUI_MENU_MAX);
    assert_int_equal(n, forms_n_kinds + 3);
    for (size_t k = 0; k < forms_n_kinds; k++) {
        size_t seen = 0;
        for (size_t i = 0; i < n; i++)
            seen += items[i].kind == forms_kinds[k];
        assert_int_equal(seen, 1);
    }
    for (size_t i = 0; i < forms_n_kinds; i++) {
        assert_int_equal(items[i].area, TMA_KIND);
        assert_true(items[i].kind->menu_group != FMG_NONE);
        if (i > 0) {
            const struct forms_kind *a = items[i - 1].kind, *b = items[i].kind;
            assert_true(a->menu_group < b->menu_group ||
                        (a->menu_group == b->menu_group && a->menu_order < b->menu_order));
        }
    }
    assert_int_equal(items[n - 3].area, TMA_SUMMARIES);
    assert_int_equal(items[n - 2].area, TMA_EXPORT);
    assert_int_equal(items[n - 1].area, TMA_SETTINGS);
    /* the order the users know (tests/tui/menu_from_kinds.sh shows it too) */
    static const char *const keys[] = {"devices",     "loans",     "school-years",  "staff",
                                       "vacancies",   "trainings", "consultations", "observations",
                                       "assessments", "priorities"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_string_equal(items[i].kind->key, keys[i]);
}

static void
a_short_buffer_gets_the_first_items(void **state)
{
    (void)state;
    struct tui_menu_item items[3];
    assert_int_equal(tui_menu_items(items, 3), 3);
    assert_string_equal(items[0].kind->key, "devices");
    assert_string_equal(items[1].kind->key, "loans");
    assert_string_equal(items[2].kind->key, "school-years");
}

static void
the_start_up_check_of_the_tables_passes(void **state)
{
    (void)state;
    struct sk_error err = {0};
    assert_true(tui_check_tables(&err));
    assert_true(tui_menu_check(&err));
    assert_true(tui_columns_check(&err));
    assert_int_equal(err.code, SK_OK);
}

/* Computed columns belong to their kind, wherever the kind's entry is. */
static void
computed_columns_are_found_by_kind(void **state)
{
    (void)state;
    size_t n = 0;
    const struct tui_column_hook *h = tui_columns_for(&forms_kind_staff, &n);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].label, "PD h/3y");
    assert_string_equal(h[1].label, "36 h");
    h = tui_columns_for(&forms_kind_device, &n);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].label, "Age");
    h = tui_columns_for(&forms_kind_priority, &n);
    assert_int_equal(n, 0);
    assert_null(h);
    /* a copy of a kind with the same key is not that kind */
    struct forms_kind copy = forms_kind_staff;
    assert_null(tui_columns_for(&copy, &n));
    assert_int_equal(n, 0);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_is_in_the_menu_once_in_group_order),
        cmocka_unit_test(a_short_buffer_gets_the_first_items),
        cmocka_unit_test(the_start_up_check_of_the_tables_passes),
        cmocka_unit_test(computed_columns_are_found_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The list window arithmetic and the fetch plan of the virtualized list:
 * pure functions, no curses and no database. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tui/internal.h"

static struct tui_win
win(int64_t n, int height)
{
    struct tui_win w = {.n = n, .cursor = 0, .top = 0, .height = height};
    tui_win_clamp(&w);
    return w;
}

static void
empty_list_keeps_cursor_at_zero(void **state)
{
    (void)state;
    struct tui_win w = win(0, 20);
    tui_win_move(&w, 5);
    assert_int_equal(w.cursor, 0);
    assert_int_equal(w.top, 0);
    tui_win_end(&w);
    assert_int_equal(w.cursor, 0);
    tui_win_page(&w, 1);
    assert_int_equal(w.cursor, 0);
}

static void
moving_down_past_the_window_scrolls_by_one(void **state)
{
    (void)state;
    struct tui_win w = win(100, 10);
    tui_win_move(&w, 9);
    assert_int_equal(w.top, 0);
    tui_win_move(&w, 1);
    assert_int_equal(w.cursor, 10);
    assert_int_equal(w.top, 1);
}

static void
moving_stops_at_both_ends(void **state)
{
    (void)state;
    struct tui_win w = win(5, 10);
    tui_win_move(&w, -3);
    assert_int_equal(w.cursor, 0);
    tui_win_move(&w, 99);
    assert_int_equal(w.cursor, 4);
    assert_int_equal(w.top, 0);
}

static void
page_down_moves_cursor_and_top_by_a_page(void **state)
{
    (void)state;
    struct tui_win w = win(1000000, 20);
    tui_win_move(&w, 3);
    tui_win_page(&w, 1);
    assert_int_equal(w.cursor, 23);
    assert_int_equal(w.top, 20);
    tui_win_page(&w, -1);
    assert_int_equal(w.cursor, 3);
    assert_int_equal(w.top, 0);
}

static void
page_down_on_the_last_page_goes_to_the_last_row(void **state)
{
    (void)state;
    struct tui_win w = win(25, 20);
    tui_win_page(&w, 1);
    assert_int_equal(w.top, 5);
    assert_int_equal(w.cursor, 20);
    tui_win_page(&w, 1);
    assert_int_equal(w.cursor, 24);
    assert_int_equal(w.top, 5);
}

static void
page_up_on_the_first_page_goes_to_the_first_row(void **state)
{
    (void)state;
    struct tui_win w = win(100, 20);
    tui_win_move(&w, 5);
    tui_win_page(&w, -1);
    assert_int_equal(w.cursor, 0);
    assert_int_equal(w.top, 0);
}

static void
end_shows_the_last_full_page(void **state)
{
    (void)state;
    struct tui_win w = win(1000000, 20);
    tui_win_end(&w);
    assert_int_equal(w.cursor, 999999);
    assert_int_equal(w.top, 999980);
    tui_win_home(&w);
    assert_int_equal(w.cursor, 0);
    assert_int_equal(w.top, 0);
}

static void
shrinking_the_list_pulls_the_cursor_back(void **state)
{
    (void)state;
    struct tui_win w = win(100, 10);
    tui_win_end(&w);
    w.n = 3;
    tui_win_clamp(&w);
    assert_int_equal(w.cursor, 2);
    assert_int_equal(w.top, 0);
}

static void
a_smaller_window_keeps_the_cursor_visible(void **state)
{
    (void)state;
    struct tui_win w = win(100, 20);
    tui_win_move(&w, 19);
    w.height = 5;
    tui_win_clamp(&w);
    assert_int_equal(w.cursor, 19);
    assert_int_equal(w.top, 15);
}

static void
goto_keeps_the_screen_row(void **state)
{
    (void)state;
    struct tui_win w = win(1000, 10);
    tui_win_move(&w, 4); /* screen row 4 */
    tui_win_goto(&w, 500);
    assert_int_equal(w.cursor, 500);
    assert_int_equal(w.top, 496);
    tui_win_goto(&w, 2);
    assert_int_equal(w.top, 0);
}

static void
plan_fetches_the_first_page_into_an_empty_buffer(void **state)
{
    (void)state;
    struct tui_win w = win(1000, 20);
    struct tui_fetch_plan p = tui_win_plan(&w, 0, 0);
    assert_int_equal(p.kind, TF_FIRST);
    assert_int_equal(p.limit, 40);
}

static void
plan_needs_nothing_while_the_window_is_buffered(void **state)
{
    (void)state;
    struct tui_win w = win(1000, 20);
    tui_win_move(&w, 25); /* top 6 */
    assert_int_equal(tui_win_plan(&w, 0, 40).kind, TF_NONE);
}

static void
plan_continues_after_the_row_above_the_window(void **state)
{
    (void)state;
    struct tui_win w = win(1000, 20);
    tui_win_page(&w, 1);
    tui_win_page(&w, 1); /* top 40, buffer [0, 40) */
    struct tui_fetch_plan p = tui_win_plan(&w, 0, 40);
    assert_int_equal(p.kind, TF_AFTER);
    assert_int_equal(p.anchor, 39);
}

static void
plan_goes_back_before_the_row_below_the_window(void **state)
{
    (void)state;
    struct tui_win w = win(1000, 20);
    w.cursor = 100;
    w.top = 100;
    tui_win_clamp(&w);
    tui_win_move(&w, -1); /* top 99, buffer [100, 140) */
    struct tui_fetch_plan p = tui_win_plan(&w, 100, 40);
    assert_int_equal(p.kind, TF_BEFORE);
    assert_int_equal(p.anchor, 119);
}

static void
plan_fetches_the_last_rows_for_end(void **state)
{
    (void)state;
    struct tui_win w = win(1000000, 20);
    tui_win_end(&w);
    assert_int_equal(tui_win_plan(&w, 0, 40).kind, TF_LAST);
}

static void
plan_accepts_a_short_list_fully_buffered(void **state)
{
    (void)state;
    struct tui_win w = win(3, 20);
    assert_int_equal(tui_win_plan(&w, 0, 3).kind, TF_NONE);
}

static int
layout_total(const int *widths, size_t n)
{
    int total = 0, shown = 0;
    for (size_t i = 0; i < n; i++)
        if (widths[i] > 0) {
            total += widths[i];
            shown++;
        }
    return shown ? total + shown - 1 : 0;
}

/* The device list at 80 columns: inventory no., category, model, purchase
 * date, age, room, user group, status (as tui/list.c describes them). */
static const struct tui_col_spec device_cols[] = {
    {12, 13, 13, 3, true},       /* Inventory no. */
    {12, 18, 54, 2, false},      /* Category */
    {10, 18, INT_MAX, 1, false}, /* Model */
    {10, 13, 13, 1, false},      /* Purchase date */
    {3, 3, 3, 1, false},         /* Age */
    {6, 6, INT_MAX, 1, false},   /* Room */
    {12, 12, 14, 1, false},      /* User group */
    {11, 11, 11, 2, false},      /* Status */
};

static void
columns_that_do_not_fit_are_left_out_instead_of_cutting_all(void **state)
{
    (void)state;
    int widths[8];
    size_t shown = tui_columns_layout(device_cols, 8, 78, widths);
    assert_int_equal(shown, 7);
    assert_int_equal(widths[6], 0); /* user group: optional and later */
    for (size_t i = 0; i < 8; i++)
        if (i != 6)
            assert_true(widths[i] >= device_cols[i].min);
    assert_int_equal(layout_total(widths, 8), 78);
}

static void
a_required_column_outlasts_earlier_optional_ones(void **state)
{
    (void)state;
    int widths[8];
    /* so narrow that several columns go: status (required) stays */
    size_t shown = tui_columns_layout(device_cols, 8, 50, widths);
    assert_true(shown >= 3);
    assert_true(widths[0] > 0);
    assert_true(widths[1] > 0);
    assert_true(widths[7] > 0);
    assert_int_equal(widths[6], 0);
    assert_int_equal(widths[5], 0);
    assert_true(layout_total(widths, 8) <= 50);
}

static void
spare_width_goes_to_wanted_widths_in_order_then_to_text(void **state)
{
    (void)state;
    int widths[8];
    size_t shown = tui_columns_layout(device_cols, 8, 78, widths);
    assert_int_equal(shown, 7);
    assert_int_equal(widths[0], 13); /* the header "Inventory no." whole */
    assert_int_equal(widths[1], 18); /* "Desktop computers" whole */
    assert_int_equal(widths[7], 11); /* "Written off" whole */
    /* a wide terminal: every column at least its wanted width, the rest to text */
    shown = tui_columns_layout(device_cols, 8, 200, widths);
    assert_int_equal(shown, 8);
    for (size_t i = 0; i < 8; i++)
        assert_true(widths[i] >= device_cols[i].want);
    assert_int_equal(widths[3], 13); /* a date does not grow */
    assert_int_equal(widths[7], 11);
    assert_int_equal(layout_total(widths, 8), 200);
}

static void
a_kept_column_is_never_left_out(void **state)
{
    (void)state;
    const struct tui_col_spec cols[] = {
        {30, 30, 30, 0, true},
        {10, 10, 10, 5, false},
    };
    int widths[2];
    assert_int_equal(tui_columns_layout(cols, 2, 35, widths), 1);
    assert_int_equal(widths[0], 30);
    assert_int_equal(widths[1], 0);
    /* narrower than the kept column itself: it is cut, not left out */
    assert_int_equal(tui_columns_layout(cols, 2, 20, widths), 1);
    assert_int_equal(widths[0], 20);
}

static void
columns_that_fit_keep_their_order_and_separators(void **state)
{
    (void)state;
    const struct tui_col_spec cols[] = {
        {5, 5, 5, 1, true},
        {4, 8, 8, 1, false},
        {4, 4, INT_MAX, 1, false},
    };
    int widths[3];
    assert_int_equal(tui_columns_layout(cols, 3, 30, widths), 3);
    assert_int_equal(widths[0], 5);
    assert_int_equal(widths[1], 8);
    assert_int_equal(widths[2], 30 - 2 - 5 - 8); /* the text column takes the rest */
}

/* Text from the database is drawn with control and invisible characters
 * made visible: a bidi override would turn the rest of a row around. */
static void
invisible_characters_are_drawn_visibly(void **state)
{
    (void)state;
    char out[64];
    tui_sanitize("R\xe2\x80\xae"
                 "101\xe2\x80\x8bx\xef\xbb\xbf",
                 out, sizeof out, false);
    assert_string_equal(out, "R?101?x?");
    tui_sanitize("a\xe2\x81\xa6"
                 "b\xe2\x80\x8e",
                 out, sizeof out, false);
    assert_string_equal(out, "a?b?");
    /* format characters (Cf): interlinear annotation, Egyptian hieroglyph
     * joiner, Arabic number sign */
    tui_sanitize("a\xef\xbf\xb9"
                 "b\xf0\x93\x90\xb0"
                 "c\xd8\x80"
                 "d",
                 out, sizeof out, false);
    assert_string_equal(out, "a?b?c?d");
    /* an emoji ZWJ sequence stays */
    tui_sanitize("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", out, sizeof out, false);
    assert_string_equal(out, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
    /* letters, NBSP and emoji joiners stay */
    tui_sanitize("Ķ\xc2\xa0ē \xe2\x9d\xa4\xef\xb8\x8f", out, sizeof out, false);
    assert_string_equal(out, "Ķ\xc2\xa0ē \xe2\x9d\xa4\xef\xb8\x8f");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_list_keeps_cursor_at_zero),
        cmocka_unit_test(moving_down_past_the_window_scrolls_by_one),
        cmocka_unit_test(moving_stops_at_both_ends),
        cmocka_unit_test(page_down_moves_cursor_and_top_by_a_page),
        cmocka_unit_test(page_down_on_the_last_page_goes_to_the_last_row),
        cmocka_unit_test(page_up_on_the_first_page_goes_to_the_first_row),
        cmocka_unit_test(end_shows_the_last_full_page),
        cmocka_unit_test(shrinking_the_list_pulls_the_cursor_back),
        cmocka_unit_test(a_smaller_window_keeps_the_cursor_visible),
        cmocka_unit_test(goto_keeps_the_screen_row),
        cmocka_unit_test(plan_fetches_the_first_page_into_an_empty_buffer),
        cmocka_unit_test(plan_needs_nothing_while_the_window_is_buffered),
        cmocka_unit_test(plan_continues_after_the_row_above_the_window),
        cmocka_unit_test(plan_goes_back_before_the_row_below_the_window),
        cmocka_unit_test(plan_fetches_the_last_rows_for_end),
        cmocka_unit_test(plan_accepts_a_short_list_fully_buffered),
        cmocka_unit_test(columns_that_do_not_fit_are_left_out_instead_of_cutting_all),
        cmocka_unit_test(a_required_column_outlasts_earlier_optional_ones),
        cmocka_unit_test(spare_width_goes_to_wanted_widths_in_order_then_to_text),
        cmocka_unit_test(a_kept_column_is_never_left_out),
        cmocka_unit_test(columns_that_fit_keep_their_order_and_separators),
        cmocka_unit_test(invisible_characters_are_drawn_visibly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

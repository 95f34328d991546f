/* The list window arithmetic and the fetch plan of the virtualized list:
 * pure functions, no curses and no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

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

static void
columns_shrink_the_widest_first_and_respect_minimums(void **state)
{
    (void)state;
    int widths[] = {12, 18, 18, 10};
    int mins[] = {12, 6, 6, 10};
    size_t shown = tui_columns_fit(widths, mins, 4, 50);
    assert_int_equal(shown, 4);
    assert_int_equal(widths[0], 12);
    assert_int_equal(widths[3], 10);
    assert_int_equal(widths[1] + widths[2], 50 - 3 - 22);
}

static void
columns_that_cannot_fit_are_left_out(void **state)
{
    (void)state;
    int widths[] = {12, 10, 10};
    int mins[] = {12, 10, 10};
    assert_int_equal(tui_columns_fit(widths, mins, 3, 30), 2);
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
        cmocka_unit_test(columns_shrink_the_widest_first_and_respect_minimums),
        cmocka_unit_test(columns_that_cannot_fit_are_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The line editor: UTF-8 aware movement, deletion and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

static bool
ins(struct forms_lineedit *le, const char *s)
{
    return forms_le_insert(le, s, strlen(s));
}

static void
init_puts_the_cursor_at_the_end(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "Bērziņš", 0);
    assert_string_equal(le.buf, "Bērziņš");
    assert_int_equal(le.cursor, le.len);
    assert_int_equal(forms_le_cursor_col(&le), 7);
    forms_le_fini(&le);
    forms_le_fini(&le);
}

static void
insert_adds_latvian_letters_at_the_cursor(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "ab", 0);
    forms_le_apply(&le, LE_LEFT);
    assert_true(ins(&le, "ā"));
    assert_string_equal(le.buf, "aāb");
    assert_int_equal(forms_le_cursor_col(&le), 2);
    forms_le_fini(&le);
}

static void
left_and_right_move_by_code_point(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "ņš", 0);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(le.cursor, 2);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(le.cursor, 0);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(le.cursor, 0);
    forms_le_apply(&le, LE_RIGHT);
    assert_int_equal(le.cursor, 2);
    forms_le_apply(&le, LE_END);
    forms_le_apply(&le, LE_RIGHT);
    assert_int_equal(le.cursor, 4);
    forms_le_fini(&le);
}

static void
backspace_and_delete_remove_whole_code_points(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "aļb", 0);
    forms_le_apply(&le, LE_LEFT);
    forms_le_apply(&le, LE_BACKSPACE);
    assert_string_equal(le.buf, "ab");
    assert_int_equal(le.cursor, 1);
    forms_le_apply(&le, LE_HOME);
    forms_le_apply(&le, LE_DELETE);
    assert_string_equal(le.buf, "b");
    assert_int_equal(le.cursor, 0);
    forms_le_apply(&le, LE_BACKSPACE);
    assert_string_equal(le.buf, "b");
    forms_le_apply(&le, LE_END);
    forms_le_apply(&le, LE_DELETE);
    assert_string_equal(le.buf, "b");
    forms_le_fini(&le);
}

static void
insert_refuses_beyond_max_chars_in_code_points(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "", 3);
    assert_true(ins(&le, "ā"));
    assert_true(ins(&le, "ē"));
    assert_true(ins(&le, "ī"));
    assert_false(ins(&le, "ū"));
    assert_string_equal(le.buf, "āēī");
    forms_le_fini(&le);
}

static void
insert_refuses_control_characters(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "", 0);
    assert_false(ins(&le, "\n"));
    assert_false(ins(&le, "\t"));
    assert_false(ins(&le, "\x1b"));
    assert_false(ins(&le, "\x7f"));
    assert_false(ins(&le, "\xC2\x85")); /* U+0085 NEL */
    assert_int_equal(le.len, 0);
    forms_le_fini(&le);
}

static void
insert_accepts_newline_when_multiline(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "a", 0);
    le.multiline = true;
    assert_true(ins(&le, "\n"));
    assert_true(ins(&le, "b"));
    assert_string_equal(le.buf, "a\nb");
    assert_int_equal(forms_le_cursor_col(&le), 1);
    forms_le_fini(&le);
}

static void
insert_refuses_anything_but_one_valid_code_point(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "", 0);
    assert_false(ins(&le, "ab"));
    assert_false(ins(&le, "\xC4"));
    assert_false(ins(&le, "\xED\xA0\x80"));
    assert_false(forms_le_insert(&le, "a", 0));
    assert_int_equal(le.len, 0);
    forms_le_fini(&le);
}

static void
word_moves_treat_latvian_letters_as_word_characters(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "Jānis Bērziņš, 5.b", 0);
    forms_le_apply(&le, LE_WORD_LEFT);
    assert_string_equal(le.buf + le.cursor, "b");
    forms_le_apply(&le, LE_WORD_LEFT);
    assert_string_equal(le.buf + le.cursor, "5.b");
    forms_le_apply(&le, LE_WORD_LEFT);
    assert_string_equal(le.buf + le.cursor, "Bērziņš, 5.b");
    forms_le_apply(&le, LE_WORD_RIGHT);
    assert_string_equal(le.buf + le.cursor, ", 5.b");
    forms_le_apply(&le, LE_HOME);
    forms_le_apply(&le, LE_WORD_RIGHT);
    assert_string_equal(le.buf + le.cursor, " Bērziņš, 5.b");
    forms_le_fini(&le);
}

static void
kill_end_and_kill_start_cut_at_the_cursor(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "ābolu sula", 0);
    forms_le_apply(&le, LE_WORD_LEFT);
    forms_le_apply(&le, LE_KILL_END);
    assert_string_equal(le.buf, "ābolu ");
    assert_int_equal(le.cursor, le.len);
    forms_le_apply(&le, LE_LEFT);
    forms_le_apply(&le, LE_KILL_START);
    assert_string_equal(le.buf, " ");
    assert_int_equal(le.cursor, 0);
    forms_le_fini(&le);
}

static void
delete_word_removes_back_to_white_space(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "e-pasts ir šeit  ", 0);
    forms_le_apply(&le, LE_DEL_WORD);
    assert_string_equal(le.buf, "e-pasts ir ");
    forms_le_apply(&le, LE_DEL_WORD);
    forms_le_apply(&le, LE_DEL_WORD);
    assert_string_equal(le.buf, "");
    forms_le_apply(&le, LE_DEL_WORD);
    assert_string_equal(le.buf, "");
    forms_le_fini(&le);
}

static void
multiline_home_and_end_stay_on_the_line(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "pirmā\notrā", 0);
    le.multiline = true;
    forms_le_apply(&le, LE_HOME);
    assert_string_equal(le.buf + le.cursor, "otrā");
    forms_le_apply(&le, LE_LEFT);
    forms_le_apply(&le, LE_HOME);
    assert_int_equal(le.cursor, 0);
    forms_le_apply(&le, LE_END);
    assert_string_equal(le.buf + le.cursor, "\notrā");
    forms_le_fini(&le);
}

static void
cursor_column_counts_wide_characters_twice(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le,
                  "a\xE4\xB8\xAD"
                  "b",
                  0);
    assert_int_equal(forms_le_cursor_col(&le), 4);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(forms_le_cursor_col(&le), 3);
    forms_le_fini(&le);
}

static void
invalid_bytes_are_stepped_over_one_at_a_time(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le,
                  "a\xFF\xC4"
                  "b",
                  0);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(le.cursor, 3);
    forms_le_apply(&le, LE_LEFT);
    assert_int_equal(le.cursor, 2);
    forms_le_apply(&le, LE_BACKSPACE);
    assert_memory_equal(le.buf,
                        "a\xC4"
                        "b",
                        4);
    forms_le_fini(&le);
}

static void
set_replaces_the_text_even_from_itself(void **state)
{
    (void)state;
    struct forms_lineedit le;
    forms_le_init(&le, "abcdef", 0);
    forms_le_set(&le, le.buf + 2);
    assert_string_equal(le.buf, "cdef");
    assert_int_equal(le.cursor, 4);
    forms_le_set(&le, NULL);
    assert_string_equal(le.buf, "");
    forms_le_fini(&le);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_puts_the_cursor_at_the_end),
        cmocka_unit_test(insert_adds_latvian_letters_at_the_cursor),
        cmocka_unit_test(left_and_right_move_by_code_point),
        cmocka_unit_test(backspace_and_delete_remove_whole_code_points),
        cmocka_unit_test(insert_refuses_beyond_max_chars_in_code_points),
        cmocka_unit_test(insert_refuses_control_characters),
        cmocka_unit_test(insert_accepts_newline_when_multiline),
        cmocka_unit_test(insert_refuses_anything_but_one_valid_code_point),
        cmocka_unit_test(word_moves_treat_latvian_letters_as_word_characters),
        cmocka_unit_test(kill_end_and_kill_start_cut_at_the_cursor),
        cmocka_unit_test(delete_word_removes_back_to_white_space),
        cmocka_unit_test(multiline_home_and_end_stay_on_the_line),
        cmocka_unit_test(cursor_column_counts_wide_characters_twice),
        cmocka_unit_test(invalid_bytes_are_stepped_over_one_at_a_time),
        cmocka_unit_test(set_replaces_the_text_even_from_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

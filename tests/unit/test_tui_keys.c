/* The key tables (one per screen) and the key-to-editing translation:
 * no key bound twice, every entry explained, editing keys reach forms_le. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "tui/internal.h"

static void
no_table_binds_a_key_twice_and_every_entry_has_help(void **state)
{
    (void)state;
    for (size_t i = 0; i < tui_n_keymaps; i++) {
        char why[256] = "";
        if (!tui_keys_check(tui_keymaps[i], why, sizeof why))
            fail_msg("%s", why);
    }
}

static void
the_check_finds_a_key_bound_twice(void **state)
{
    (void)state;
    static const struct tui_binding twice[] = {
        {'a', false, TA_NEW, "a", "New", NULL},
        {'a', false, TA_EDIT, "a", "Edit", NULL},
    };
    const struct tui_keymap map = {"twice", twice, 2};
    char why[256];
    assert_false(tui_keys_check(&map, why, sizeof why));
    assert_non_null(strstr(why, "twice"));
}

static void
the_check_finds_an_entry_without_help(void **state)
{
    (void)state;
    static const struct tui_binding bare[] = {{'a', false, TA_NEW, "a", "", NULL}};
    const struct tui_keymap map = {"bare", bare, 1};
    char why[256];
    assert_false(tui_keys_check(&map, why, sizeof why));
}

static void
every_screen_has_a_way_back_and_help(void **state)
{
    (void)state;
    for (size_t i = 0; i < tui_n_keymaps; i++) {
        const struct tui_keymap *m = tui_keymaps[i];
        bool has_back = false, has_help = m == &tui_keys_help || m == &tui_keys_message;
        for (size_t k = 0; k < tui_keymap_count(m); k++) {
            enum tui_action a = tui_keymap_at(m, k)->action;
            has_back |= a == TA_BACK || a == TA_CANCEL || a == TA_QUIT || a == TA_NO;
            has_help |= a == TA_HELP;
        }
        if (!has_back || !has_help)
            fail_msg("%s: back %d help %d", m->name, has_back, has_help);
    }
}

/* Every list screen gets navigation from the one shared table, and no
 * screen repeats (or rebinds) a navigation key in its own table. */
static void
list_screens_share_one_navigation_table(void **state)
{
    (void)state;
    const struct tui_keymap *lists[] = {&tui_keys_menu,      &tui_keys_list,    &tui_keys_pick,
                                        &tui_keys_checklist, &tui_keys_summary, &tui_keys_export,
                                        &tui_keys_text,      &tui_keys_import};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        const struct tui_keymap *m = lists[i];
        bool has_nav = false;
        for (const struct tui_keymap *s = m->shared; s; s = s->shared)
            has_nav |= s == &tui_keys_nav;
        if (!has_nav)
            fail_msg("%s: does not use the shared navigation table", m->name);
        for (size_t k = 0; k < m->n_keys; k++)
            for (size_t n = 0; n < tui_keys_nav.n_keys; n++)
                if (m->keys[k].key == tui_keys_nav.keys[n].key &&
                    m->keys[k].fkey == tui_keys_nav.keys[n].fkey)
                    fail_msg("%s: repeats the navigation key %s", m->name, m->keys[k].keyname);
        for (size_t n = 0; n < tui_keys_nav.n_keys; n++)
            assert_int_equal(tui_keys_lookup(m, tui_keys_nav.keys[n].key, true),
                             tui_keys_nav.keys[n].action);
        /* the help overlay lists them: they are among the map's bindings */
        assert_ptr_equal(tui_keymap_at(m, 0), &tui_keys_nav.keys[0]);
        assert_null(tui_keymap_at(m, tui_keymap_count(m)));
    }
    /* j and k move in the lists, but are typed text where a list searches */
    assert_int_equal(tui_keys_lookup(&tui_keys_list, 'j', false), TA_DOWN);
    assert_int_equal(tui_keys_lookup(&tui_keys_menu, 'k', false), TA_UP);
    assert_int_equal(tui_keys_lookup(&tui_keys_pick, 'j', false), TA_NONE);
}

static void
the_check_finds_a_screen_rebinding_a_shared_key(void **state)
{
    (void)state;
    static const struct tui_binding own[] = {
        {KEY_UP, true, TA_PREV_FIELD, "Up", "Previous field", NULL},
    };
    const struct tui_keymap map = {"rebinds", own, 1, &tui_keys_nav};
    char why[256];
    assert_false(tui_keys_check(&map, why, sizeof why));
    assert_non_null(strstr(why, "twice"));
}

static void
function_keys_and_characters_do_not_collide(void **state)
{
    (void)state;
    /* KEY_DOWN as a code point is not the Down key */
    assert_int_equal(tui_keys_lookup(&tui_keys_list, KEY_DOWN, true), TA_DOWN);
    assert_int_equal(tui_keys_lookup(&tui_keys_list, KEY_DOWN, false), TA_NONE);
    assert_int_equal(tui_keys_lookup(&tui_keys_list, 'n', false), TA_NEW);
}

static void
form_keys_translate_to_line_editing_operations(void **state)
{
    (void)state;
    struct {
        int key;
        bool fkey;
        int op;
    } cases[] = {
        {1, false, LE_HOME},        {5, false, LE_END},        {11, false, LE_KILL_END},
        {21, false, LE_KILL_START}, {23, false, LE_DEL_WORD},  {127, false, LE_BACKSPACE},
        {KEY_DC, true, LE_DELETE},  {KEY_LEFT, true, LE_LEFT}, {KEY_RIGHT, true, LE_RIGHT},
        {KEY_HOME, true, LE_HOME},  {KEY_END, true, LE_END},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum tui_action a = tui_keys_lookup(&tui_keys_form, cases[i].key, cases[i].fkey);
        assert_int_equal(tui_keys_le_op(a), cases[i].op);
    }
    assert_int_equal(tui_keys_le_op(TA_SAVE), -1);
}

static void
ctrl_s_saves_and_tab_moves_in_the_form(void **state)
{
    (void)state;
    assert_int_equal(tui_keys_lookup(&tui_keys_form, 19, false), TA_SAVE);
    assert_int_equal(tui_keys_lookup(&tui_keys_form, '\t', false), TA_NEXT_FIELD);
    assert_int_equal(tui_keys_lookup(&tui_keys_form, KEY_BTAB, true), TA_PREV_FIELD);
    /* printable letters are text in the form, not commands */
    assert_int_equal(tui_keys_lookup(&tui_keys_form, 'q', false), TA_NONE);
    assert_int_equal(tui_keys_lookup(&tui_keys_form, 'n', false), TA_NONE);
}

static void
sanitize_replaces_escape_sequences_and_c1_controls(void **state)
{
    (void)state;
    char out[64];
    tui_sanitize("a\033[2Jb\x7f\xc2\x9b"
                 "c",
                 out, sizeof out, false);
    assert_string_equal(out, "a?[2Jb??c");
}

static void
sanitize_keeps_latvian_letters(void **state)
{
    (void)state;
    char out[64];
    tui_sanitize("āčēģīķļņšūž ĀČĒ", out, sizeof out, false);
    assert_string_equal(out, "āčēģīķļņšūž ĀČĒ");
}

static void
sanitize_replaces_invalid_utf8_and_never_splits_a_letter(void **state)
{
    (void)state;
    char out[64];
    tui_sanitize("a\xff\xe2\x82", out, sizeof out, false);
    assert_string_equal(out, "a???");
    char small[4];
    tui_sanitize("aāb", small, sizeof small, false); /* room for 3 bytes */
    assert_string_equal(small, "aā");
    tui_sanitize("ā", small, 2, false);
    assert_string_equal(small, "");
}

static void
sanitize_turns_newlines_into_spaces_unless_kept(void **state)
{
    (void)state;
    char out[64];
    tui_sanitize("a\nb\tc", out, sizeof out, false);
    assert_string_equal(out, "a b c");
    tui_sanitize("a\nb", out, sizeof out, true);
    assert_string_equal(out, "a\nb");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_table_binds_a_key_twice_and_every_entry_has_help),
        cmocka_unit_test(the_check_finds_a_key_bound_twice),
        cmocka_unit_test(the_check_finds_an_entry_without_help),
        cmocka_unit_test(every_screen_has_a_way_back_and_help),
        cmocka_unit_test(list_screens_share_one_navigation_table),
        cmocka_unit_test(the_check_finds_a_screen_rebinding_a_shared_key),
        cmocka_unit_test(function_keys_and_characters_do_not_collide),
        cmocka_unit_test(form_keys_translate_to_line_editing_operations),
        cmocka_unit_test(ctrl_s_saves_and_tab_moves_in_the_form),
        cmocka_unit_test(sanitize_replaces_escape_sequences_and_c1_controls),
        cmocka_unit_test(sanitize_keeps_latvian_letters),
        cmocka_unit_test(sanitize_replaces_invalid_utf8_and_never_splits_a_letter),
        cmocka_unit_test(sanitize_turns_newlines_into_spaces_unless_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

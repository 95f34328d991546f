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

/* A kind's list key table: tui_keys_list filtered by the kind's features. */
struct own_map {
    struct tui_binding keys[64];
    struct tui_keymap map;
};

static const struct tui_keymap *
list_map_of(const struct forms_kind *kind, struct own_map *o)
{
    o->map = tui_keys_list;
    o->map.keys = o->keys;
    o->map.n_keys =
        tui_keys_filter(&tui_keys_list, tui_list_features(kind), o->keys, SK_ARRAY_LEN(o->keys));
    return &o->map;
}

static const char *
help_of(const struct tui_keymap *m, int key)
{
    for (size_t i = 0; i < tui_keymap_count(m); i++)
        if (tui_keymap_at(m, i)->key == key && !tui_keymap_at(m, i)->fkey)
            return tui_keymap_at(m, i)->help;
    return NULL;
}

/* Each kind's list has its own keys, each bound once: lending only on
 * devices, F fills the self-assessment table and clears filters elsewhere. */
static void
each_list_has_only_its_kinds_keys(void **state)
{
    (void)state;
    struct own_map o;
    for (size_t i = 0; i < forms_n_kinds; i++) {
        char why[256] = "";
        const struct tui_keymap *m = list_map_of(forms_kinds[i], &o);
        if (!tui_keys_check(m, why, sizeof why))
            fail_msg("%s: %s", forms_kinds[i]->key, why);
        assert_true(o.map.n_keys < SK_ARRAY_LEN(o.keys));
        /* the keys of every list are there */
        assert_int_equal(tui_keys_lookup(m, 'n', false), TA_NEW);
        assert_int_equal(tui_keys_lookup(m, 'v', false), TA_VIEW);
        assert_int_equal(tui_keys_lookup(m, 'q', false), TA_BACK);
        assert_int_equal(tui_keys_lookup(m, 'F', false), TA_FILL);
        bool is_device = forms_kinds[i] == &forms_kind_device;
        bool is_obs = forms_kinds[i] == &forms_kind_observation;
        assert_int_equal(tui_keys_lookup(m, 'o', false), is_device ? TA_LEND : TA_NONE);
        assert_int_equal(tui_keys_lookup(m, 'L', false), is_device ? TA_LABELS : TA_NONE);
        assert_int_equal(tui_keys_lookup(m, 'w', false), is_obs ? TA_UNOBSERVED : TA_NONE);
        assert_int_equal(tui_keys_lookup(m, 'p', false), is_obs ? TA_PRINT : TA_NONE);
        bool has_teacher = is_obs || forms_kinds[i] == &forms_kind_staff;
        assert_int_equal(tui_keys_lookup(m, 't', false), has_teacher ? TA_TEACHER : TA_NONE);
        assert_int_equal(tui_keys_lookup(m, 'a', false), forms_kinds[i]->scope ? TA_ALL : TA_NONE);
        assert_string_equal(help_of(m, 'F'), forms_kinds[i]->fill_field
                                                 ? "Add the missing rows of the year's table"
                                                 : "Clear every filter");
    }
    /* the unfiltered table holds F twice, for screens that cannot both be */
    char why[256];
    assert_true(tui_keys_check(&tui_keys_list, why, sizeof why));
    assert_true(list_map_of(&forms_kind_loan, &o)->n_keys < tui_keys_list.n_keys);
}

/* The menu opens an item by its digits; q closes the boxes where it is no
 * text (pick lists, check lists, questions) and stays a letter in the editor. */
static void
digits_open_menu_items_and_q_closes_boxes(void **state)
{
    (void)state;
    for (int d = '0'; d <= '9'; d++)
        assert_int_equal(tui_keys_lookup(&tui_keys_menu, d, false), TA_NUMBER);
    assert_int_equal(tui_keys_lookup(&tui_keys_pick, 'q', false), TA_CANCEL);
    assert_int_equal(tui_keys_lookup(&tui_keys_checklist, 'q', false), TA_CANCEL);
    assert_int_equal(tui_keys_lookup(&tui_keys_confirm, 'q', false), TA_NO);
    assert_int_equal(tui_keys_lookup(&tui_keys_prompt, 'q', false), TA_NONE);
    assert_int_equal(tui_keys_lookup(&tui_keys_memo, 'q', false), TA_NONE);
    assert_int_equal(tui_keys_lookup(&tui_keys_sheet, 'q', false), TA_NONE);
    assert_int_equal(tui_keys_lookup(&tui_keys_sheet, KEY_F(3), true), TA_VIEW);
    assert_int_equal(tui_keys_lookup(&tui_keys_form, KEY_F(3), true), TA_VIEW);
}

/* Text cut to fit ends in "…", cut by display width between whole
 * characters: Latvian letters (2 bytes), wide characters (2 columns) and
 * combining marks stay whole; a text that fits is left alone. */
static void
cut_text_ends_in_an_ellipsis_between_whole_characters(void **state)
{
    (void)state;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", "Ļoti garš");
    assert_int_equal(tui_cut(buf, sizeof buf, 9), strlen("Ļoti garš"));
    assert_string_equal(buf, "Ļoti garš"); /* fits exactly: no "…" */
    tui_cut(buf, sizeof buf, 8);
    assert_string_equal(buf, "Ļoti ga…");
    snprintf(buf, sizeof buf, "%s", "Ļoti garš");
    tui_cut(buf, sizeof buf, 6);
    assert_string_equal(buf, "Ļoti…"); /* the space before "…" goes */
    snprintf(buf, sizeof buf, "%s", "ŠČŽēūī");
    tui_cut(buf, sizeof buf, 4);
    assert_string_equal(buf, "ŠČŽ…");
    assert_int_equal(forms_utf8_width(buf), 4);
    /* a wide character that would straddle the edge is left out whole */
    snprintf(buf, sizeof buf, "%s", "ab日本語");
    tui_cut(buf, sizeof buf, 5);
    assert_string_equal(buf, "ab日…");
    snprintf(buf, sizeof buf, "%s", "ab日本語");
    tui_cut(buf, sizeof buf, 4);
    assert_string_equal(buf, "ab…");
    /* a combining acute stays with its e */
    snprintf(buf, sizeof buf, "%s", "cafe\xcc\x81s and more");
    tui_cut(buf, sizeof buf, 5);
    assert_string_equal(buf, "cafe\xcc\x81…");
    /* one column: only "…"; none: nothing */
    snprintf(buf, sizeof buf, "%s", "Ābols");
    tui_cut(buf, sizeof buf, 1);
    assert_string_equal(buf, "…");
    snprintf(buf, sizeof buf, "%s", "Ābols");
    assert_int_equal(tui_cut(buf, sizeof buf, 0), 0);
    assert_string_equal(buf, "");
    /* no room in the buffer for "…": cut further, never inside a letter */
    char tight[5] = "abcd";
    tui_cut(tight, sizeof tight, 3); /* "ab…" needs 6 bytes */
    assert_string_equal(tight, "a…");
    char tighter[5] = "Āab";
    tui_cut(tighter, sizeof tighter, 2); /* "Ā…" needs 6 bytes: Ā goes whole */
    assert_string_equal(tighter, "…");
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
        cmocka_unit_test(each_list_has_only_its_kinds_keys),
        cmocka_unit_test(digits_open_menu_items_and_q_closes_boxes),
        cmocka_unit_test(cut_text_ends_in_an_ellipsis_between_whole_characters),
        cmocka_unit_test(sanitize_replaces_escape_sequences_and_c1_controls),
        cmocka_unit_test(sanitize_keeps_latvian_letters),
        cmocka_unit_test(sanitize_replaces_invalid_utf8_and_never_splits_a_letter),
        cmocka_unit_test(sanitize_turns_newlines_into_spaces_unless_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

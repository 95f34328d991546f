#!/usr/bin/env bash
# ? and F1 show help on every screen, also on Settings, on a pick list and
# on the "not observed yet" box and a text box, each listing its own keys; their footers
# name ? and q as the other screens do.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import school-years "$SKOLA_SRCDIR/tests/data/school-years-clean.csv" \
    >/dev/null
printf 'full_name,role\nAnna Ābele,teacher\n' >"$TUI_DIR/staff.csv"
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Settings
tui_wait 'School year: 2024./2025. (Enter: change)'
tui_expect '? Help'
tui_expect 'q Back'
for key in '?' F1; do
    tui_keys "$key"
    tui_wait 'Keys of this screen'
    tui_expect 'Change the selected setting'
    tui_expect 'Back to the main menu'
    tui_keys Escape
    tui_wait_gone 'Keys of this screen'
    tui_expect 'School year: 2024./2025. (Enter: change)'
done
# a pick list over it: its own keys, and q cancels only the list
tui_keys Home Enter
tui_wait 'Current school year'
tui_expect '? Help'
tui_expect 'q Cancel'
for key in '?' F1; do
    tui_keys "$key"
    tui_wait 'Keys of this screen'
    tui_expect 'Choose the selected item'
    tui_keys q
    tui_wait_gone 'Keys of this screen'
    tui_expect 'Current school year'
done
tui_keys q
tui_wait_gone 'Current school year'
tui_expect 'School year: 2024./2025. (Enter: change)'
tui_keys q
tui_wait 'Main menu'
# the "not observed yet" box
tui_menu Observations
tui_wait 'Observations — '
tui_keys w
tui_wait 'Teachers not observed yet:'
tui_expect '? Help'
tui_expect 'q Close'
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Start a new observation sheet for the selected'
tui_expect 'Show the selected line whole'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_expect 'Anna Ābele — not observed yet'
# the line shown whole: a text box, with help too
tui_keys v
tui_wait_gone 'New sheet'
tui_expect '? Help'
tui_expect 'q Close'
tui_keys '?'
tui_wait 'Keys of this screen'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys q
tui_wait 'New sheet'
tui_keys q
tui_wait_gone 'Teachers not observed yet:'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

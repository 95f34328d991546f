#!/usr/bin/env bash
# The record editor counts a change only when the record differs from what
# is stored: a letter typed and deleted again (in a text field or a number)
# leaves no "(not saved)" and q/Esc leave without a question; a real
# change is still asked about.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
printf 'full_name,role\nAnna Ābele,teacher\nAnna Ābele-Kalniņa,teacher\n' >"$TUI_DIR/staff.csv"
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null
BEFORE=$("$SKOLA_BIN" --db "$DB" export staff - 2>/dev/null)

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Staff
tui_wait 'Anna Ābele-Kalniņa'
tui_keys Home Enter
tui_wait 'Anna Ābele'
tui_type 'q'
tui_wait '(not saved)'
tui_keys BSpace
tui_wait_gone '(not saved)'
tui_keys Tab                                    # the role: a list field
tui_expect_not '(not saved)'
tui_type 'q'                                    # q leaves there, as Esc
tui_wait_gone '— Anna Ābele'
tui_expect_not 'Leave without saving?'
# again, with a letter typed at the start, deleted, and Ctrl-C
tui_keys Home Enter
tui_wait '— Anna Ābele'
tui_keys Home; tui_type 'ā'; tui_keys BSpace
tui_expect_not '(not saved)'
tui_keys Escape
tui_wait_gone '— Anna Ābele'
tui_expect_not 'Leave without saving?'
tui_keys Home Enter
tui_wait '— Anna Ābele'
tui_type 'ā'; tui_keys BSpace
tui_keys C-c
tui_wait_gone '— Anna Ābele'
tui_expect_not 'Leave without saving?'
# a real change still asks
tui_keys Home Enter
tui_wait '— Anna Ābele'
tui_type 'x'; tui_keys Tab
tui_wait '(not saved)'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
tui_wait_gone '— Anna Ābele'
[ "$("$SKOLA_BIN" --db "$DB" export staff - 2>/dev/null)" = "$BEFORE" ] || tui_fail "the staff changed"
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

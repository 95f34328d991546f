# Ctrl-C in the record editor with unsaved changes asks first (n keeps
# editing with the text intact); in a pick list over the editor it only
# closes the list; in a clean editor it leaves; on a list it quits skola
# cleanly (exit 0).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init

# The shell waits through Ctrl-C as an interactive one does (a trap, not an
# ignore, which skola would inherit).
tui_start sh -c 'trap : INT; "$0" --db "$1" --lang en; echo "[skola status] $?"' \
    "$SKOLA_BIN" "$DB"
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'new record'
tui_type 'INV-C1'
tui_keys C-c
tui_wait 'Leave without saving?'
tui_keys n
tui_wait_gone 'Leave without saving?'
tui_expect 'INV-C1'
tui_type '_2'
tui_wait 'INV-C1_2'
# a pick list over the editor: Ctrl-C closes the list only
tui_keys Tab Enter
tui_wait 'Desktop computers'
tui_keys C-c
tui_wait_gone 'Desktop computers'
tui_expect 'INV-C1_2'
tui_keys Enter
tui_wait 'Desktop computers'
tui_keys Down Enter
tui_wait '◂ Laptops'
tui_keys C-s
tui_wait 'Saved.'
tui_wait '1 of 1'
"$SKOLA_BIN" --db "$DB" export devices - | grep -q 'INV-C1_2' || tui_fail "not saved as typed"

# a clean editor: Ctrl-C leaves at once
tui_keys Enter
tui_wait 'Devices — INV-C1_2'
tui_keys C-c
tui_wait '1 of 1'
tui_expect_not 'Leave without saving?'
# y after Ctrl-C drops the changes
tui_keys Enter
tui_wait 'Devices — INV-C1_2'
tui_type 'X'
tui_keys C-c
tui_wait 'Leave without saving?'
tui_keys y
tui_wait '1 of 1'
tui_expect_not 'INV-C1_2X'
# outside the editors Ctrl-C quits skola
tui_keys C-c
tui_wait '[skola status] 0'

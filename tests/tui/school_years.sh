# School years get the same generic list and editor: add a year, see the
# range check of the descriptor, save, and find it in the list.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Enter
tui_wait 'School years —'
tui_keys n
tui_wait 'new record'
tui_type '1999'
tui_keys Tab
tui_type '650'
tui_keys C-s
tui_wait 'Not saved'
tui_expect '▸ School year'
tui_keys C-u
tui_type '2024'
tui_keys C-s
tui_wait 'Saved.'
tui_wait '1 of 1'
tui_expect '2024'
tui_expect '650'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# NO_COLOR gives the monochrome styles; the settings box says so. The help
# overlay lists the keys of the menu.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
TUI_EXTRA_ENV="NO_COLOR=1"
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys F1
tui_wait 'Keys of this screen'
tui_expect 'Open the selected area'
tui_expect 'Quit skola'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys End Enter
tui_wait 'Settings'
tui_expect 'Colours: off'
tui_expect 'Testa skola (T1)'
tui_keys Escape
tui_keys Up
tui_keys Enter
tui_wait 'Export — '                # the export screen, monochrome too
tui_expect '[ Write both ]'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

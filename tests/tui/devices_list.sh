# Open the device list of the demo school, move, page, filter with a
# diacritic-free word, sort, and use the help overlay.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect 'Devices'
tui_expect 'Staff'
tui_expect_not 'not available yet'   # every area is built
tui_keys Enter
tui_wait 'Inventory'
tui_expect '1 of '
tui_keys Down Down
tui_wait '3 of '
tui_keys NPage
tui_wait '23 of '
tui_keys End
tui_wait_gone '23 of '
tui_keys Home
tui_wait '1 of '
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Filter'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys /
tui_wait 'Filter:'
tui_type 'portat'
tui_wait 'filter “portat”'
# written-off laptops are left out until `a`
tui_wait '1 of 114 — without written-off (a: all)'
tui_keys Enter
tui_keys a
# the exact count follows the first page once no key is waiting
tui_wait '1 of 122'
tui_expect_not 'without written-off'

tui_expect 'Laptops'
tui_expect_not 'Desktop computers'
tui_keys End
tui_wait '122 of 122'
tui_keys Home
tui_wait '1 of 122'
# diacritic-free filter text finds "Ēdināšanas ..." rooms
tui_keys /
tui_keys C-u
tui_type 'edinas'
tui_keys Enter
tui_wait 'filter “edinas”'
tui_expect 'Ēdinā'   # the room column ends in … when cut
tui_keys s
tui_wait 'Category▲'
tui_keys S
tui_wait 'Category▼'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

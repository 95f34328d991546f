# The main menu opens an item by its number: a digit that no longer number
# starts opens at once (2 → Loans), two digits typed quickly open 10 and
# above (15 → Summaries), a lone 1 opens item 1 after a moment (or at once
# with Enter), and a number past the last item only says so.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect '17  Settings'
tui_keys 2
tui_wait 'Loans — '
tui_keys q
tui_wait 'Main menu'
tui_type 15                     # both digits at once: item 15, not 1 then 5
tui_wait 'Summaries'
tui_expect_not 'Inventory no.'
tui_keys q
tui_wait 'Main menu'
tui_type 17
tui_wait 'Colours:'
tui_keys Escape
tui_wait_gone 'Colours:'
tui_keys 1                      # 1 may start 10..17: it waits, then opens Devices
tui_wait 'Devices — '
tui_keys q
tui_wait 'Main menu'
tui_keys 1 Enter                # Enter does not wait
tui_wait 'Devices — '
tui_keys q
tui_wait 'Main menu'
tui_type 19                     # there are 17 items
tui_wait 'There is no item 19'
tui_expect 'Main menu'
tui_keys 0                      # no item 0 either
tui_wait 'There is no item 0'
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Open the item with that number'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_quit_from_menu

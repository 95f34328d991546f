# q closes every screen that Esc closes where q is not typed text: the
# settings box and its pick lists, yes/no questions (q = no), the help, the
# observation sheet outside its text fields; in a text field q is a letter.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Settings
tui_wait 'Colours:'
tui_keys Enter                  # the school-year pick list
tui_wait 'Current school year'
tui_keys q
tui_wait_gone 'Current school year'
tui_expect 'Colours:'
tui_keys q                      # the settings box itself
tui_wait_gone 'Colours:'
tui_expect 'Main menu'
# a yes/no question: q answers no
tui_menu Devices
tui_wait 'Devices — 1 of'
tui_keys d
tui_wait 'Please confirm'
tui_keys q
tui_wait_gone 'Please confirm'
tui_expect 'Devices — 1 of'
# the field-filter pick list
tui_keys f
tui_wait 'Filter by which field?'
tui_keys q
tui_wait_gone 'Filter by which field?'
# the help
tui_keys '?'
tui_wait 'Keys of this screen'
tui_keys q
tui_wait_gone 'Keys of this screen'
# the editor: q is a letter in its fields
tui_keys Enter
tui_wait 'Inventory no.'
tui_keys End
tui_type q
tui_expect 'Inventory no.'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys q                      # no: stay in the editor
tui_wait_gone 'Leave without saving?'
tui_expect 'Inventory no.'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
tui_wait 'Devices — 1 of'
# on a field that is no text (a choice), q leaves the editor as Esc does
tui_keys Enter
tui_wait 'Inventory no.'
tui_keys Down
tui_wait '▸ Category'
tui_keys q
tui_wait 'Devices — 1 of'
tui_keys q
tui_wait 'Main menu'
# the observation sheet: q types in the topic, and leaves from a tick line
tui_menu Observations
tui_wait 'Observations — 1 of'
tui_keys Enter
tui_wait 'Observation sheet'
for i in 1 2 3 4 5 6 7 8; do tui_keys Down; done   # the topic
tui_keys End
tui_type ' q'
tui_wait 'banketam q'           # typed, the sheet still open
tui_expect 'ticked 14/17 *'
tui_keys BSpace BSpace          # as it was: leaving asks nothing
tui_wait 'ticked 14/17    '
tui_keys Down Down              # a purpose tick box
tui_keys q
tui_wait 'Observations — 1 of'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

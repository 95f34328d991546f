# Create a device in the form editor, save it, see it in the list, edit it,
# hit validation errors (nothing invalid is saved) and leave with unsaved
# changes (the editor asks first). Latvian letters are typed and shown.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'new record'
tui_type 'INV-Ģ001'
tui_keys Tab Enter                  # category: pick list
tui_wait 'Desktop computers'
tui_keys Down Enter
tui_wait '◂ Laptops'
tui_keys Tab Tab Tab
tui_type 'ThinkPad Ūdens'
tui_keys Tab Tab
tui_type '15.01.2023'
tui_keys C-s
tui_wait 'Saved.'
tui_wait '1 of 1'
tui_expect 'INV-Ģ001'
tui_expect 'ThinkPa'
tui_expect '15.01.2023'

# edit: change the model, save, the list shows the change
tui_keys Enter
tui_wait 'Devices — INV-Ģ001'
tui_expect 'ThinkPad Ūdens'
tui_keys Down Down Down Down C-u
tui_type 'Latitude 5420'
tui_keys C-s
tui_wait 'Saved.'
tui_expect 'Latitud'

# validation: an impossible date and an empty required field
tui_keys Enter
tui_wait 'Devices — INV-Ģ001'
tui_keys C-u                      # clear the inventory number
tui_keys Down Down Down Down Down Down C-u
tui_type '31.02.2024'
tui_keys Tab
tui_wait '31.02.2024'
tui_keys C-s
tui_wait 'Not saved'
tui_expect 'fields need correcting'
tui_expect '▸ Inventory no.'       # the cursor went to the first problem
tui_type 'INV-Ģ002'
tui_keys C-s
tui_wait 'Not saved: 1 field needs correcting'
tui_expect '▸ Purchase date'
tui_keys C-u
tui_type '2023-02-28'
# leaving with unsaved changes asks; "n" stays in the editor
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys n
tui_wait_gone 'Leave without saving?'
tui_keys C-s
tui_wait 'Saved.'
tui_expect 'INV-Ģ002'
tui_expect '28.02.2023'
tui_expect_not 'INV-Ģ001'

# a new record left with Esc after typing: asks, "y" discards
tui_keys n
tui_wait 'new record'
tui_type 'X'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
tui_wait '1 of 1'

# delete asks first
tui_keys d
tui_wait 'Delete the record'
tui_keys n
tui_wait_gone 'Delete the record'
tui_expect 'INV-Ģ002'
tui_keys d
tui_wait 'Delete the record'
tui_keys y
tui_wait 'No records yet'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

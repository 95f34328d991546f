# Optimistic locking: the record changes underneath an open editor (here by
# an upsert import); saving says so and offers to reload, never overwrites.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait '1 of 5'
tui_keys Enter
tui_wait 'Devices — LVT-0001'
tui_keys Down Down Down Down C-u
tui_type 'Mine'

printf 'inventory_no,category,model\nLVT-0001,laptop,Theirs\n' >"$TUI_DIR/change.csv"
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/change.csv" --mode upsert >/dev/null

tui_keys C-s
tui_wait 'someone else changed this record'
tui_keys n
tui_wait 'Not saved: the record was changed by someone else.'
tui_expect 'Mine'
tui_keys C-s
tui_wait 'someone else changed this record'
tui_keys y
tui_wait 'Reloaded the record'
tui_expect 'Theirs'
tui_expect_not 'Mine'
tui_keys Escape
tui_wait '1 of 5'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
"$SKOLA_BIN" --db "$DB" export devices - | cut -d, -f2- | grep -q '^LVT-0001,laptop,[^,]*,[^,]*,Theirs,' ||
    { echo "FAIL: the other change was overwritten" >&2; exit 1; }

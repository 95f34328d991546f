# Education programmes, a kind with no screen code of its own: the menu
# entry, the generic list (filter by a part of a name without diacritics)
# and the editor (a new programme, the descriptor's range check, saved).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import programmes "$SKOLA_SRCDIR/tests/data/programmes-clean.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Down Down Down Down Down Down Down Enter
tui_wait 'Education programmes —'
tui_expect 'Mehatronika'
tui_keys /
tui_type 'edinasanas'
tui_keys Enter
tui_wait '1 of 1'
tui_expect 'Ēdināšanas pakalpojumi'
tui_keys /
tui_keys C-u Enter
tui_keys n
tui_wait 'new record'
tui_type '2024'
tui_keys Tab
tui_type 'Loģistika'
tui_keys Tab
tui_type '33840111'
tui_keys Tab Tab Tab
tui_type '100001'
tui_keys C-s
tui_wait 'Not saved'
tui_keys C-u
tui_type '82'
tui_keys C-s
tui_wait 'Saved.'
tui_expect 'Loģistika'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# Staff list: PD hours of the last three years (to 15.11.2024) and the
# 36-hour rule per person; deleting someone trainings refer to is refused
# with a message saying where; a training's staff member completes by name.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/staff-clean.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" import trainings "$SKOLA_SRCDIR/tests/data/trainings-clean.csv" >/dev/null
cat >"$TUI_DIR/more.csv" <<'CSV'
staff,date,title,hours
Anna Kalniņa,2021-11-16,Mentoru kurss,12
Anna Kalniņa,2021-11-15,Vecs kurss,40
CSV
"$SKOLA_BIN" --db "$DB" import trainings "$TUI_DIR/more.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Enter
tui_wait 'Staff —'
tui_expect 'PD h/3y'
tui_expect '36 h'
# Anna: 12 + 8 + 16 = 36 (the 40 hours of 15.11.2021 are outside); Jānis 12.5; a nurse-free list
tui_screen | grep -F 'Anna Kalniņa' | grep -qE '36 +yes' || tui_fail 'Anna: 36 yes'
tui_screen | grep -F 'Jānis Bērziņš' | grep -qE '12[.,]5 +no' || tui_fail 'Jānis: 12.5 no'
tui_keys d
tui_wait 'Delete the record'
tui_keys y
tui_wait 'cannot be deleted: 4 records in “Trainings” refer to it.'
tui_expect 'Anna Kalniņa'
tui_keys q
tui_wait 'Main menu'
tui_keys Down Down Enter
tui_wait 'Trainings —'
tui_keys n
tui_wait 'new record'
tui_type 'Pēt'
tui_keys Enter
tui_wait 'Pēteris Liepiņš'
tui_keys Enter Tab
tui_type '14.11.2024'
tui_keys Tab
tui_type 'Supervīzija'
tui_keys Tab Tab
tui_type '36'
tui_keys C-s
tui_wait 'Saved.'
tui_expect 'Pēteris Liepiņš'
tui_keys q
tui_wait 'Main menu'
tui_keys Up Up Enter
tui_wait 'Staff —'
tui_screen | grep -F 'Pēteris Liepiņš' | grep -qE '36 +yes' || tui_fail 'Pēteris: 36 yes'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

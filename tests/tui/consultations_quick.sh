# Quick entry of a consultation: today's date, the consultant, form and
# minutes of the last entry are filled in; a pupil's full name as recipient
# asks first and, refused, is not saved.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/staff-clean.csv" >/dev/null
cat >"$TUI_DIR/one.csv" <<'CSV'
date,consultant,recipient,form,topic,minutes
2024-11-14,Pēteris Liepiņš,P-001,supervision,behaviour,55
CSV
"$SKOLA_BIN" --db "$DB" import consultations "$TUI_DIR/one.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Down Down Down Enter
tui_wait 'Consultations —'
tui_keys n
tui_wait 'new record'
tui_expect '15.11.2024'
tui_expect 'Pēteris Liepiņš'
tui_expect 'Supervision'
tui_expect '55'
tui_keys Tab Tab Tab
tui_type 'Anna Kalniņa'
tui_keys Tab Tab Tab
tui_type 'c'
tui_expect 'Career'
tui_keys C-s
tui_wait 'looks like a pupil'
tui_keys n
tui_wait 'Not saved.'
tui_keys C-u
tui_type 'P-002'
tui_keys C-s
tui_wait 'Saved.'
tui_wait '2 of 2'
tui_screen | grep -F 'P-002' | grep -F '15.11.2024' | grep -F 'Pēteri' | grep -q '55' ||
    tui_fail 'remembered values in the saved row'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

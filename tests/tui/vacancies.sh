# Vacancies: the long-term column (open more than a month on 15.11.2024),
# sort, filter, and a bulk change of the closing date of marked vacancies.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import vacancies "$SKOLA_SRCDIR/tests/data/vacancies-clean.csv" >/dev/null
cat >"$TUI_DIR/new.csv" <<'CSV'
subject,open_since
Ķīmija,2024-10-20
CSV
"$SKOLA_BIN" --db "$DB" import vacancies "$TUI_DIR/new.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Down Enter
tui_wait 'Vacancies —'
tui_expect 'Long-term'
tui_screen | grep -F 'Autovadītāja' | grep -q 'yes' || tui_fail 'since 26.08: long-term'
tui_screen | grep -F 'Matemātika' | grep -q ' no' || tui_fail 'closed: not long-term'
tui_screen | grep -F 'Ķīmija' | grep -q ' no' || tui_fail 'open since 20.10: not yet'
tui_keys /
tui_type 'kimija'
tui_keys Enter
tui_wait '1 of 1'
tui_keys /
tui_keys C-u Enter
tui_wait '1 of 4'
tui_keys Space Space
tui_wait '2 marked'
tui_keys b
tui_wait 'Change which field'
tui_keys Down Enter
tui_wait 'New value of “Closed on”'
tui_type '15.11.2024'
tui_keys Enter
tui_wait 'in 2 marked records?'
tui_keys y
tui_wait '2 records changed.'
tui_screen | grep -F 'Autovadītāja apmācība' | grep -q '15.11.2024' || tui_fail 'closed on'
tui_screen | grep -F 'Autovadītāja apmācība' | grep -q ' no' || tui_fail 'closed: no longer'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# The self-assessment table of the current year: F adds a row for each of
# the 29 IKVD indicators; a long text is edited in the multi-line box; y
# shows every year. A priority is added with its default status.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/a.csv" <<'CSV'
year,indicator_code,strengths
2023,2.5.1,Vecais gads
CSV
"$SKOLA_BIN" --db "$DB" import assessments "$TUI_DIR/a.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Down Down Down Down Down Enter
tui_wait 'Self-assessment — 0 of 0 — 2024./2025.'
tui_keys F
tui_wait 'Added 29 rows to the table of 2024./2025.'
tui_wait '1 of 29'
tui_expect '2.2.1'
tui_keys F
tui_wait 'has every row already'
tui_keys Enter
tui_wait 'Self-assessment — 2.2.1 Pedagogiem'   # the editor names the indicator
tui_keys Tab Tab Enter
tui_wait 'Strengths'
tui_type 'Pedagogi atbilst prasībām.'
tui_keys Enter
tui_type 'Otrā rinda.'
tui_keys C-s
tui_wait 'Pedagogi atbilst prasībām. …'
tui_keys C-s
tui_wait 'Saved.'
tui_screen | grep -F '2.2.1' | grep -qF 'Pedagogi atbi…' || tui_fail 'strengths in the list'
tui_keys y
tui_wait '1 of 30'
tui_keys q
tui_wait 'Main menu'
tui_keys Down Enter
tui_wait 'Priorities —'
tui_keys n
tui_wait 'new record'
tui_type '2024'
tui_keys Tab
tui_type 'Drošība un labsajūta'
tui_keys C-s
tui_wait 'Saved.'
tui_screen | grep -F 'Drošība un labsajūta' | grep -qF 'In progress' || tui_fail 'status'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# The observation list opens on the current school year (SKOLA_TODAY
# 15.11.2024: 2024./2025.): last year's sheet is not listed until `y` shows
# every year; `y` again goes back to this year.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,group,subject,area,status
2024-10-10,Anna Ābele,T-21,Šūšana,Tekstils,draft
2024-05-20,Bruno Bērziņš,T-11,Kokapstrāde,Koks,final
2024-09-01,Bruno Bērziņš,T-31,Metināšana,Metāls,draft
CSV
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 2 — 2024./2025.'
tui_expect 'Tekstils'
tui_expect 'Metāls'
tui_expect_not 'Kokapstrāde'
tui_keys y
tui_wait 'Observations — 2 of 3'   # the cursor stays on its sheet
tui_expect 'Kokapstrāde'
tui_expect_not '2 of 3 — 2024./2025.'
tui_keys y
tui_wait 'Observations — 1 of 2 — 2024./2025.'
tui_expect_not 'Kokapstrāde'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# The report's kinds have no screen code of their own: projects in the
# generic list (two rows of one project), a new exam result in the generic
# editor (the mark's range 1–10 refused, a decimal comma accepted), cohorts
# listed with their fractional duration.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/projects.csv" <<'CSV'
year,code,name,duration,place,staff,pupils
2023,2022-1-LV01-KA121-VET-000058677,Mobilitātes,7,Kotka (Somija),8,
2023,2022-1-LV01-KA121-VET-000058677,Mobilitātes,14,Boloņa (Itālija),1,6
CSV
cat >"$TUI_DIR/cohorts.csv" <<'CSV'
qualification,year_started,duration,pupils_started,pupils_graduated
Gaisa kuģu uzbūve,2022,1.5,27,14
CSV
"$SKOLA_BIN" --db "$DB" import projects "$TUI_DIR/projects.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" import cohorts "$TUI_DIR/cohorts.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Projects
tui_wait 'Projects —'
tui_expect 'Boloņa (I'
tui_expect 'Kotka (So'
tui_keys q
tui_wait 'Main menu'
tui_menu 'Exam results'
tui_wait 'Exam results —'
tui_keys n
tui_wait 'new record'
tui_type '2023'
tui_keys Tab
tui_type 'Pavārs'
tui_keys Tab
tui_type '10,5'
tui_keys C-s
tui_wait 'Not saved'
tui_keys C-u
tui_type '7,42'
tui_keys C-s
tui_wait 'Saved.'
tui_expect 'Pavārs'
tui_keys q
tui_wait 'Main menu'
tui_menu Cohorts
tui_wait 'Cohorts —'
tui_expect 'Gaisa kuģu uzbūve'
tui_expect '1.5'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

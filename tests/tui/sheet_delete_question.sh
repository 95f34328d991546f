#!/usr/bin/env bash
# Deleting an observation asks about it by date, teacher and group (not by
# the date alone, which two sheets of a day share), in Latvian too; "no"
# keeps it, "yes" deletes that one and says which.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/staff.csv" <<'CSV'
full_name,role
Anna Kalniņa,teacher
Anna Kalniņa-Ozola,teacher
CSV
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,group,subject,area,status
2024-10-03,Anna Kalniņa,7.b,Māksla,Kultūra,final
2024-10-03,Anna Kalniņa-Ozola,"8.a ""B""",Vēsture,Sociālā,final
CSV
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 2'
tui_keys Home d
tui_wait 'Delete the observation of 03.10.2024, Anna Kalniņa, 7.b?'
tui_expect 'This cannot be undone.'
tui_keys n
tui_wait_gone 'Delete the observation'
tui_expect 'Observations — 1 of 2'
tui_keys Down d
tui_wait 'Delete the observation of 03.10.2024, Anna Kalniņa-Ozola,'
tui_expect '8.a "B"? This cannot be undone.'
tui_keys y
tui_wait 'Deleted the observation of 03.10.2024, Anna Kalniņa-Ozola, 8.a "B".'
tui_wait 'Observations — 1 of 1'
tui_expect '7.b'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

tui_restart "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_menu 'Stundu vērošana'
tui_wait '7.b'
tui_keys Home d
tui_wait 'Dzēst stundas vērošanu (03.10.2024, Anna Kalniņa, 7.b)?'
tui_expect 'nevarēs atsaukt.'
tui_keys n
tui_wait_gone 'Dzēst stundas'
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu

# The list filter searches every text field, not only the columns shown: a
# device by its serial number, its supplier and the person it is assigned
# to (diacritics ignored), a sheet by its observer.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/dev.csv" <<'CSV'
inventory_no,category,manufacturer,serial,supplier,assigned_to,status
INV-1,laptop,Dell,PF3XQ7Z,SIA Dators,Jānis Bērziņš,in_use
INV-2,laptop,HP,CND0001,SIA Zvaigzne,,in_use
INV-3,printer,HP,CND0002,SIA Dators,,in_use
CSV
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,observer,group,subject,area,status
2024-10-10,Anna Ābele,Ieva Rozīte,T-21,Šūšana,Tekstils,draft
2024-10-11,Bruno Bērziņš,,T-11,Kokapstrāde,Koks,draft
CSV
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Home Enter
tui_wait 'Devices — 1 of 3'
tui_keys /; tui_type 'pf3xq'; tui_keys Enter
tui_wait 'filter “pf3xq”'
tui_wait 'Devices — 1 of 1'
tui_expect 'INV-1'
tui_keys / C-u; tui_type 'zvaigz'; tui_keys Enter
tui_wait 'Devices — 1 of 1 — without written-off (a: all) — filter “zvaigz”'
tui_expect 'INV-2'
tui_keys / C-u; tui_type 'berzins'; tui_keys Enter
tui_wait 'Devices — 1 of 1 — without written-off (a: all) — filter “berzins”'
tui_expect 'INV-1'
tui_keys / C-u; tui_type 'dators'; tui_keys Enter
tui_wait 'Devices — 1 of 2 — without written-off (a: all) — filter “dators”'
tui_expect 'INV-3'
tui_expect_not 'INV-2'
tui_keys q
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 2'
tui_keys /; tui_type 'rozit'; tui_keys Enter
tui_wait 'filter “rozit”'
tui_wait 'Observations — 1 of 1'
tui_expect 'Anna Ābele'
tui_expect_not 'Bruno'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

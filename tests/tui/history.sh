# `h` on a list shows the record's history, newest first: a field change as
# old → new with the field's label, the import that created it; Esc and q
# close it. On the observation sheet Ctrl-R shows the sheet's history.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/dev.csv" <<'CSV'
inventory_no,category,manufacturer,serial,supplier,status
INV-1,laptop,Dell,SN-1,SIA Dators,in_use
CSV
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" >/dev/null
sed -i 's/SIA Dators,in_use/SIA Baltic IT,in_repair/' "$TUI_DIR/dev.csv"
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" --mode upsert >/dev/null
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,observer,group,subject,area,status
2024-10-10,Anna Ābele,Ieva Rozīte,T-21,Šūšana,Tekstils,draft
CSV
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Home Enter
tui_wait 'INV-1'
tui_keys h
tui_wait 'History of Devices “INV-1”'
tui_expect 'Status: In use → In repair'
tui_expect 'Supplier: SIA Dators → SIA Baltic IT'
tui_expect 'created by import of “'
# newest first: the change is above the import
tui_screen | grep -n 'Status: In use\|created by import' | head -1 | grep -q 'Status' ||
    tui_fail "the newest entry is not first"
tui_keys Escape
tui_wait_gone 'History of'
tui_wait 'INV-1'
tui_keys h
tui_wait 'History of Devices'
tui_keys q
tui_wait_gone 'History of'
tui_keys q
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Anna Ābele'
tui_keys h
tui_wait 'History of Observations “10.10.2024”'
tui_expect 'created by import of'
tui_keys q
tui_wait_gone 'History of'
tui_keys Enter
tui_wait 'Observation sheet'
tui_keys C-r
tui_wait 'History of Observations “10.10.2024”'
tui_keys Escape
tui_wait_gone 'History of'
tui_wait 'Observation sheet'
tui_keys Escape
tui_wait 'Anna Ābele'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# The interface's exports refuse the database as their output (issue 12):
# the report file of the export screen set to the database (as ~/../skola.db)
# and a list export to its -wal are refused with the reason, and the
# database still checks clean afterwards.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
printf 'year,pupils,teachers\n2024,300,30\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null
printf 'inventory_no,category\nD-1,laptop\n' >"$TUI_DIR/dev.csv"
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" >/dev/null
[ "$DB" = "$HOME/../skola.db" ] || [ "$(dirname "$HOME")/skola.db" = "$DB" ] ||
    tui_fail "test setup: the database is not beside HOME"

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Up Enter
tui_wait 'Export — 2023./2024.'
tui_keys Home Down Down Down Enter
tui_wait 'Report file:'
tui_keys C-u
tui_type '~/../skola.db'
tui_keys Enter
tui_wait '~/../skola.db'
tui_keys r
tui_wait '─ Not written ─'
tui_expect_not 'Replace it?'                # no question: the database is never replaced
tui_expect 'is the database skola works with'
tui_keys q
tui_wait 'Main menu'
# the device list's export to the database's -wal
tui_keys Home Enter
tui_wait 'Inventory'
tui_keys x
tui_wait 'Export format'
tui_keys Up Enter
tui_wait 'Export to file:'
tui_keys C-u
tui_type '~/../skola.db-wal'
tui_keys Enter
tui_wait 'is the database skola works with'
tui_keys q
tui_wait 'Main menu'
head -c 15 "$DB" | grep -q 'SQLite format 3' || tui_fail 'the database was overwritten'
tui_quit_from_menu
"$SKOLA_BIN" --db "$DB" check >/dev/null 2>&1 || tui_fail 'the database does not check clean'
"$SKOLA_BIN" --db "$DB" export devices | cut -d, -f2- | grep -q '^D-1,' || tui_fail 'the device is gone'

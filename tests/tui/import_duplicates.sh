# The import wizard shows the same summary lines as the command line: rows
# identical to stored consultations are skipped, and a staff name accepted
# only once folded is named.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/staff-clean.csv" >/dev/null
mkdir -p "$HOME/csv"
cat >"$HOME/csv/cons.csv" <<'CSV'
date,consultant,recipient,form,topic,minutes
2024-11-14,Pēteris Liepiņš,P-001,supervision,behaviour,55
2024-11-14,anna kalnina,P-002,individual,learning,30
CSV
"$SKOLA_BIN" --db "$DB" import consultations "$HOME/csv/cons.csv" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Down Down Down Down Down Down Enter
tui_wait 'Consultations —'
tui_keys i
tui_wait 'Import Consultations from file'
tui_type '~/csv/cons.csv'
tui_keys Enter
tui_wait 'Import Consultations — preview'
tui_keys Enter
tui_wait 'The check found no problems in 2 rows.'
tui_expect '2 rows skipped (lines 2, 3): identical to records already in the database'
tui_expect '1 row: “anna kalnina” read as “Anna Kalniņa”'
tui_keys Escape
tui_wait 'Consultations —'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

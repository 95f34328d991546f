#!/usr/bin/env bash
# The export screen's "Report format" line and the report's file name never
# disagree: a name typed with .xlsx makes the format a spreadsheet (and a
# name with .html or none a web page), and choosing a format changes the
# extension of a typed name (a name without one gets it added).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
printf 'year,pupils,teachers\n2024,300,30\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null

name() {                                   # the report file line
    tui_keys Home Down Down Down Enter
    tui_wait 'Report file:'
    tui_keys C-u; tui_type "$1"; tui_keys Enter
    tui_wait_gone 'Report file:'
}
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Up Enter
tui_wait 'Export — 2023./2024.'
tui_expect 'Web page (.html)'
name '~/rep.v2.XLSX'
tui_wait 'Spreadsheet (.xlsx)'
tui_expect '~/rep.v2.XLSX'
tui_keys r
tui_wait '─ Written ─'
head -c 2 "$HOME/rep.v2.XLSX" | grep -q PK || tui_fail 'not a spreadsheet'
# the format line: the name's extension follows
tui_keys Home Down Down Right
tui_wait 'Web page (.html)'
tui_wait '~/rep.v2.html'
tui_keys Right
tui_wait 'Spreadsheet (.xlsx)'
tui_wait '~/rep.v2.xlsx'
# a name without an extension is a web page; the format adds one
name '~/atskaite.xlsx.d/gada'
tui_wait 'Web page (.html)'
tui_keys Home Down Down Right
tui_wait '~/atskaite.xlsx.d/gada.xlsx'
tui_expect 'Spreadsheet (.xlsx)'
tui_keys Left
tui_wait '~/atskaite.xlsx.d/gada.html'
tui_expect 'Web page (.html)'
# back to .html by the name
name '~/rep.v2.xlsx'
tui_wait 'Spreadsheet (.xlsx)'
name '~/rep.v2.html'
tui_wait 'Web page (.html)'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

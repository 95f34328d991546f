#!/usr/bin/env bash
# The observation sheet scrolled to its end at 80x24 and the terminal then
# made larger (120x40: header fields in pairs, fewer rows): the sheet is
# laid out again and scrolls back so that as much as fits is shown, as if
# opened at 120x40 and scrolled to the end — no empty rows below its end
# while lines above it are out of view.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
body() { tui_screen | sed -n 1,38p; }      # title and body rows (40: hints)
open_sheet() {
    tui_wait 'Main menu'
    tui_menu Observations
    tui_wait 'Observations — 1 of'
    tui_keys Enter
    tui_wait 'Observation sheet'
}
# the sheet's end as it looks at 120x40 (scrolled down to the last line)
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_resize 120 40
open_sheet
tui_keys NPage NPage NPage NPage NPage NPage
tui_wait 'Improvements needed'
sleep 0.2
END=$(body)
printf '%s\n' "$END" | grep -q '^ Date ' && tui_fail "the sheet fits at 120x40: nothing to scroll"
tui_keys Escape
tui_wait 'Observations — 1 of'

tui_restart "$SKOLA_BIN" --db "$DB" --lang en
open_sheet
tui_keys NPage NPage NPage NPage NPage NPage NPage NPage
tui_wait 'Acknowledged on'                 # at the end: the header is out of view
tui_resize 120 40
tui_wait 'Improvements needed'
for _ in $(seq 100); do
    [ "$(body)" = "$END" ] && break
    sleep 0.05
done
[ "$(body)" = "$END" ] ||
    tui_fail "empty rows at the end while the top is scrolled out of view; expected:
$END"
tui_keys Escape
tui_wait 'Observations — 1 of'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

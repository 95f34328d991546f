# The observation sheet lays itself out again when the terminal is resized:
# at 120 columns the header fields stand in pairs and criteria show more of
# their wording, back at 80 columns one field a row again; the line being
# edited stays focused.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of'
tui_keys Enter
tui_wait 'Observation sheet'
tui_keys Down                   # Group
one_a_row() {
    tui_screen | grep -q '^ Date  *[0-9]' && tui_screen | grep -q '^ Group  ' ||
        tui_fail "expected one header field a row"
}
one_a_row
tui_resize 120 40
tui_wait 'Pupils present'
for i in $(seq 1 100); do
    tui_screen | grep -q '^ Date .*Group  ' && break
    sleep 0.05
done
tui_screen | grep -q '^ Date .*Group  ' || tui_fail "header not paired at 120 columns"
tui_expect '1. Comments:'
tui_expect '2.2 Mācību līdzekļu un materiālu izmantojums izvirzīto mērķu sasniegšanai'
tui_resize 80 24
for i in $(seq 1 100); do
    tui_screen | grep -q '^ Group  ' && break
    sleep 0.05
done
one_a_row
tui_resize 120 40
tui_wait 'Pupils present'
tui_resize 80 24
tui_wait 'Observation sheet'
for i in $(seq 1 100); do
    tui_screen | grep -q '^ Group  ' && break
    sleep 0.05
done
one_a_row
tui_type 'X'                    # still in Group: typed there
tui_wait 'E-21X'
tui_keys BSpace Escape
tui_wait 'Observations — 1 of'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

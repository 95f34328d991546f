#!/usr/bin/env bash
# A pause while the text of a field is not valid yet ("12x" in a number):
# the rest of the draft saves itself, the text stays as typed for the user
# to finish, and no error interrupts the typing; leaving the field says it.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
col() {
    "$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null |
        awk -F, -v k="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) c = i; next } { print $c }'
}

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023)'
tui_keys Tab; tui_type '7.b'
tui_keys Tab; tui_type '12x'
tui_wait 'Draft saved.'
tui_expect_not 'is not a number'
tui_screen | grep -q '^ Pupils present  *12x *$' || tui_fail "the text being typed was lost"
group=$(col group)
[ "$group" = 7.b ] || tui_fail "the rest of the draft was not saved: “$group”"
tui_keys Tab
tui_wait 'Pupils present: “12x” is not a number'
tui_keys BSpace
# a whole name typed (not picked) is saved by the pause with the rest
tui_keys Tab Tab Tab Tab; tui_type 'anna abele'
tui_wait_gone 'Draft saved.'
tui_wait 'Draft saved.'
[ "$(col teacher)" = 'Anna Ābele' ] || tui_fail "the teacher typed was not saved: “$(col teacher)”"
tui_keys Escape
tui_wait 'Observations — 1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

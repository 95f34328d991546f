# Each screen's help (? / F1) and hints list only that screen's own keys:
# lending only on devices, the teacher's record and printing only where
# they work, F as "add the missing rows" on the self-assessment table and
# as "clear every filter" elsewhere; long help lines wrap, never cut.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_resize 120 60                # the whole help on one page

help_of() { # MENU-LABEL TITLE-PART: opens the list and its help
    tui_menu "$1"
    tui_wait "$2"
    tui_keys '?'
    tui_wait 'Keys of this screen'
}
# has_key K / no_key K: the help has (not) a row for key K
has_key() { tui_screen | grep -qE "│ $1 +[[:upper:]]" || tui_fail "no help row for key $1"; }
no_key() { if tui_screen | grep -qE "│ $1 +[[:upper:]]"; then tui_fail "a help row for key $1"; fi; }
close_help() {
    tui_keys Escape
    tui_wait_gone 'Keys of this screen'
    tui_keys q
    tui_wait 'Main menu'
}

help_of Devices 'Devices — '
no_key w; no_key p; no_key t; no_key m
has_key o
tui_expect 'Write labels with QR codes'
tui_expect 'Clear every filter'
tui_expect 'Show all records, or only the usual ones'
tui_expect 'Show the whole selected record'
tui_expect_not 'Teachers not observed yet'
tui_expect_not "The teacher's observations"
tui_expect_not 'Only my observations'
tui_expect_not 'missing rows'
tui_expect_not 'Print the marked sheets'
has_key o; has_key r; has_key L; has_key a; has_key F
close_help

help_of Loans 'Loans — '
tui_expect 'Show all records, or only the usual ones'
tui_expect_not 'Lend the selected device'
tui_expect_not 'Take the lent device back'
tui_expect_not 'Teachers not observed yet'
has_key a
no_key o; no_key r; no_key L; no_key w; no_key p
close_help

help_of Observations 'Observations — '
tui_expect 'Teachers not observed yet'
tui_expect 'Print the marked sheets'
tui_expect "The teacher's observations across years"
tui_expect 'Only my observations or consultations'
tui_expect 'Show only the current school year'
tui_expect_not 'Lend the selected device'
tui_expect_not 'Show all records, or only the usual ones'
has_key w; has_key p; has_key t; has_key m; has_key y
no_key o; no_key r; no_key L; no_key a
close_help

help_of Self-assessment 'Self-assessment — '
tui_expect "Add the missing rows of the year's table"
tui_expect_not 'Clear every filter'
tui_expect_not 'Lend the selected device'
tui_expect_not 'Teachers not observed yet'
has_key F; has_key y
no_key o; no_key w; no_key p; no_key t; no_key m
close_help

help_of Staff 'Staff — '
tui_expect "The teacher's observations across years"
tui_expect_not 'Print the marked sheets'
tui_expect_not 'Lend the selected device'
has_key t
no_key o; no_key w; no_key p; no_key m
close_help

# a key of another list does nothing here (it is not this list's key)
tui_menu Devices
tui_wait 'Devices — '
tui_keys w
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect_not 'Teachers not observed yet'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys q
tui_wait 'Main menu'

# at 80 columns a long help sentence wraps onto a second row
tui_resize 80 24
tui_menu Observations
tui_wait 'Observations — '
tui_keys Enter
tui_wait 'Observation sheet'
tui_keys F1
tui_wait 'Keys of this screen'
tui_expect 'Teacher, observer, area: choose from the names'
tui_screen | grep -q 'values known; comment: open the' ||
    tui_screen | grep -q 'known; comment: open the box' ||
    tui_fail "the Enter help was not wrapped"
tui_expect_not 'the names and values kn…'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys Escape
tui_wait 'Observations — '
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

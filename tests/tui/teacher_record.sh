#!/usr/bin/env bash
# The teacher's record and the printed sheets from the interface: t on the
# observation list, on the sheet and on the staff list opens one teacher's
# sheets of every year with the shares beside the school's and the
# comments (Esc closes); p on the list prints the selected sheet, or the
# marked ones, to the file asked for (the CLI's name offered); p on a tick
# of the sheet prints that sheet.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
P="$SKOLA_SRCDIR/tests/data/print"
"$SKOLA_BIN" --db "$DB" import staff "$P/staff.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" templates import "$P/template.csv" --code MANA-2024 >/dev/null
# the CLI test's sheets moved into the school year the interface opens on
# (2024./2025.), so that the list shows them whether or not it starts on
# the current year
sed -e 's/^2023-10-02,/2024-10-02,/' -e 's/^2024-03-05,/2025-03-05,/' \
    -e 's/^2024-10-01,/2025-04-01,/' -e 's/,2023-10-05,/,2024-10-05,/' \
    "$P/observations.csv" >"$TUI_DIR/observations.csv"
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/observations.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 3'
tui_expect '05.03.2025 Anna Ābele-Kalniņa'

# t on the first sheet: Anna Ābele's record, not Anna Ābele-Kalniņa's
tui_keys t
tui_wait 'Anna Ābele — 2 observed lessons'
tui_expect '02.10.2024  Ieva Rozīte'
tui_expect '01.04.2025  Ieva Rozīte             T-31      16/17 (draft)'
tui_expect '2024./2025. school year'
tui_expect 'Template Liepājas Valsts tehnikums, 2023./2024. (LVT-2023)'
# the school's share counts LVT-2023's sheets only: Anna Ābele-Kalniņa's
# MANA-2024 sheet has a 1.2 of its own ("Uzdevumi saprotami")
tui_expect '1.2. Nodarbības norise, skaidrojums    100 % (1/1)    100 % (1/1)'
tui_expect_not 'Vītņu'
tui_keys End
tui_wait '1. Comments: <script>alert("x")</script> & "pēdiņas"'
tui_expect '5. Improvements needed, other comments: Vairāk darba pāros'
tui_keys Escape
tui_wait_gone 'observed lessons'
tui_expect 'Observations — 1 of 3'

# t on Anna Ābele-Kalniņa's sheet: her record with her own template's criterion
tui_keys Down t
tui_wait 'Anna Ābele-Kalniņa — 1 observed lesson'
tui_expect 'Template MANA-2024 (MANA-2024)'
tui_expect '5.1. Darba drošības instruktāža        100 % (1/1)    100 % (1/1)'
tui_expect '1.1. Mērķis pateikts skolēniem'
tui_keys q
tui_wait_gone 'observed lesson'

# p with nothing marked: the selected sheet, to the file named (the CLI's name offered)
tui_keys p
tui_wait 'Print 1 sheet to file:'
tui_expect '~/skola-observations-T1.html'
tui_keys C-u; tui_type "$TUI_DIR/one.html"; tui_keys Enter
tui_wait "Wrote 1 observation sheet to $TUI_DIR/one.html."
[ "$(grep -c '<section class="sheet">' "$TUI_DIR/one.html")" = 1 ] || tui_fail "one.html"
grep -q 'Anna Ābele-Kalniņa' "$TUI_DIR/one.html" || tui_fail "one.html is not the selected sheet"
# p with two marked: both
tui_keys Home Space Down Space
tui_wait '2 marked'
tui_keys p
tui_wait 'Print 2 sheets to file:'
tui_keys C-u; tui_type "$TUI_DIR/two.html"; tui_keys Enter
tui_wait "Wrote 2 observation sheets to $TUI_DIR/two.html."
[ "$(grep -c '<section class="sheet">' "$TUI_DIR/two.html")" = 2 ] || tui_fail "two.html"
grep -q 'Kabata' "$TUI_DIR/two.html" || tui_fail "two.html lacks the third sheet"
grep -q 'Vītņu' "$TUI_DIR/two.html" && tui_fail "two.html has the unmarked sheet"
tui_keys u

# on the sheet: Ctrl-T the record; p on a tick prints the sheet, typed in a text field
tui_keys Home Enter
tui_wait 'Observation sheet (LVT-2023)'
tui_keys C-t
tui_wait 'Anna Ābele — 2 observed lessons'
tui_keys Escape
tui_wait_gone 'observed lessons'
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
tui_keys p
tui_wait 'Print 1 sheet to file:'
tui_keys C-u; tui_type "$TUI_DIR/sheet.html"; tui_keys Enter
tui_wait "Wrote 1 observation sheet to $TUI_DIR/sheet.html."
grep -q 'Piedurkne &amp; apkakle' "$TUI_DIR/sheet.html" || tui_fail "sheet.html"
tui_keys Escape
tui_wait 'Observations — 1 of 3'
tui_keys q
tui_wait 'Main menu'

# t on the staff list: the selected person's record; nobody observed says so
tui_menu Staff
tui_wait 'Staff — 1 of 3'
tui_keys t
tui_wait 'Anna Ābele — 2 observed lessons'
tui_keys q
tui_wait_gone 'observed lessons'
tui_keys End t
tui_wait 'Ieva Rozīte — 0 observed lessons'
tui_expect 'No lesson of this teacher has been observed yet.'
tui_keys Escape
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

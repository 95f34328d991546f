#!/usr/bin/env bash
# A sheet is "changed" only when it differs from what is stored: typing a
# letter into a field and deleting it, or ticking a criterion twice, leaves
# no * in the title, Ctrl-P prints without "Save the sheet first", and Esc
# leaves without asking; a real change still shows * and is asked about.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
P="$SKOLA_SRCDIR/tests/data/print"
"$SKOLA_BIN" --db "$DB" import staff "$P/staff.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" templates import "$P/template.csv" --code MANA-2024 >/dev/null
sed -e 's/^2023-10-02,/2024-10-02,/' -e 's/^2024-03-05,/2025-03-05,/' \
    -e 's/^2024-10-01,/2025-04-01,/' -e 's/,2023-10-05,/,2024-10-05,/' \
    "$P/observations.csv" >"$TUI_DIR/observations.csv"
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/observations.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 3'
tui_keys Home Enter
tui_wait 'Observation sheet (LVT-2023) — ticked 14/17'
tui_expect_not 'ticked 14/17 *'
# a letter typed into the first field and deleted again
tui_type 'x'
tui_wait 'ticked 14/17 *'
tui_keys BSpace
tui_wait_gone 'ticked 14/17 *'
tui_keys C-p
tui_wait 'Print 1 sheet to file:'
tui_expect_not 'Save the sheet first'
tui_keys C-u; tui_type "$TUI_DIR/one.html"; tui_keys Enter
tui_wait "Wrote 1 observation sheet to $TUI_DIR/one.html."
# Esc leaves without a question
tui_keys Escape
tui_wait 'Observations — 1 of 3'
tui_expect_not 'Save the changes'
# a real change is still one: * and the question on leaving a final sheet
tui_keys Home Enter
tui_wait 'Observation sheet (LVT-2023) — ticked 14/17'
tui_keys Tab
tui_type 'x'
tui_keys Tab
tui_wait 'ticked 14/17 *'
tui_keys Escape
tui_wait 'Save the changes to this final sheet?'
tui_keys n
tui_wait 'Leave without saving?'
tui_keys y
tui_wait 'Observations — 1 of 3'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

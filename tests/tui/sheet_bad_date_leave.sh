#!/usr/bin/env bash
# A sheet whose date field holds no date (two dates run together, day 32)
# never traps the user: Esc and Ctrl-C ask whether to leave and lose the
# changes, as with an empty date; "n" stays with the text to correct, "y"
# leaves and nothing of the typed text is kept. Ctrl-C leaves after one
# question at most, also a changed final sheet.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
P="$SKOLA_SRCDIR/tests/data/print"
"$SKOLA_BIN" --db "$DB" import staff "$P/staff.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" templates import "$P/template.csv" --code MANA-2024 >/dev/null
sed -e 's/^2023-10-02,/2024-10-02,/' -e 's/^2024-03-05,/2025-03-05,/' \
    -e 's/^2024-10-01,/2025-04-01,/' -e 's/,2023-10-05,/,2024-10-05,/' \
    "$P/observations.csv" >"$TUI_DIR/observations.csv"
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/observations.csv" >/dev/null
BEFORE=$("$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null)

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 3'
for bad in '06.12.202601.01.2030' '32.13.2026'; do
    for key in Escape C-c; do
        tui_keys End Enter
        tui_wait 'Observation sheet ('
        tui_keys C-u; tui_type "$bad"
        tui_keys "$key"
        tui_wait 'Leave and lose the changes?'
        tui_keys n                               # stays, the text kept to correct
        tui_wait_gone 'Leave and lose the changes?'
        tui_expect 'Observation sheet ('
        tui_expect "$bad"
        tui_keys "$key"
        tui_wait 'Leave and lose the changes?'
        tui_keys y
        tui_wait 'Observations — 3 of 3'
    done
done
# a changed final sheet: Esc asks whether to save, then whether to leave;
# Ctrl-C asks once
tui_keys Home Enter
tui_wait 'Observation sheet (LVT-2023) — ticked 14/17'
tui_keys Tab; tui_type 'x'; tui_keys Tab
tui_wait 'ticked 14/17 *'
tui_keys C-c
tui_wait 'Leave without saving?'
tui_expect_not 'Save the changes to this final sheet?'
tui_keys y
tui_wait 'Observations — 1 of 3'
[ "$("$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null)" = "$BEFORE" ] ||
    tui_fail "the observations changed"
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

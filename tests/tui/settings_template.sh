# Settings: choose the observation criteria template new sheets use from a
# pick list of the file's templates (a school that never chose uses the
# newest); the choice is stored for the school and the CLI list marks it.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" templates import "$SKOLA_SRCDIR/tests/data/templates-clean.csv" \
    --code LVT-2025 --name "LVT 2025" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Enter
tui_wait 'Observation template for new sheets: LVT-2025 (Enter: change)'
tui_keys Down Enter
tui_wait 'LVT-2023 — Liepājas Valsts tehnikums, 2023./2024. (17 criteria)'
tui_expect 'LVT-2025 — LVT 2025 (15 criteria)'
tui_keys Up Enter
tui_wait 'Observation template for new sheets: LVT-2023 (Enter: change)'
# the confirmation is on the settings screen (the next key clears it)
tui_wait 'New observation sheets use the template LVT-2023'
tui_keys Escape
# a new sheet is laid out with the chosen template, not the newest
tui_keys Home Down Down Down Down Down Down Down Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_keys Escape
tui_wait 'No records yet'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
"$SKOLA_BIN" --db "$DB" --lang en templates | grep -q '^\* LVT-2023 ' ||
    tui_fail "the CLI list does not mark LVT-2023 as the template of new sheets"

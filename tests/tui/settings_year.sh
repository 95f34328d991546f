# Settings: choose the current school year from the school's years; the top
# bar shows it, and it is still chosen after a restart.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import school-years "$SKOLA_SRCDIR/tests/data/school-years-clean.csv" \
    >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect '2024./2025. school year'
tui_keys End Enter
tui_wait 'School year: 2024./2025. (Enter: change)'
tui_keys Enter
tui_wait 'Current school year'
tui_expect '2023./2024.'
tui_keys Down Enter
tui_wait 'School year: 2023./2024. (Enter: change)'
# the confirmation is on the settings screen (the next key clears it)
tui_wait 'The current school year is now 2023./2024.'
tui_keys Escape
tui_wait '2023./2024. school year'
tui_quit_from_menu
tui_restart "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect '2023./2024. school year'
tui_quit_from_menu

# A role that may not read observations (it) does not see their template:
# Settings has no "Observation template" line, its Enter on the next line
# is not the template picker; the head sees the line. Runs skola as the
# host's login "nobody" (role it) on a file shared with its group. Needs
# root (runuser); exits 77 (skipped) otherwise.
. "$(dirname "$0")/../lib/tui.sh"
if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null || ! id nobody >/dev/null 2>&1; then
    echo "SKIP: needs root, runuser and the login nobody"
    exit 77
fi
GRP=$(id -gn nobody)
runuser -u nobody -- test -x "$SKOLA_BIN" || { echo "SKIP: nobody cannot run $SKOLA_BIN"; exit 77; }
chmod 0755 "$TUI_DIR" "$HOME"
mkdir "$TUI_DIR/shared"
DB="$TUI_DIR/shared/skola.db"
"$SKOLA_BIN" --db "$DB" init --school-code T1 --school-name "Testa skola" --group "$GRP" >/dev/null
"$SKOLA_BIN" --db "$DB" users add nobody --role it >/dev/null
# the head: the template line is there
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Enter
tui_wait 'Observation template for new sheets: LVT-2023'
tui_keys Escape
tui_wait 'Main menu'
tui_quit_from_menu
tui_tmux kill-server
# it: no template line, and the line after the year is the school
tui_start runuser -u nobody -- "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Enter
tui_wait 'School: Testa skola (T1)'
tui_expect_not 'Observation template'
tui_expect_not 'LVT-2023'
# Enter on the second line (the school) leaves Settings: no template picker
tui_keys Down Enter
tui_wait 'Main menu'
tui_expect_not 'criteria)'
# and the file really is open as it: templates are refused to it
runuser -u nobody -- "$SKOLA_BIN" --db "$DB" --lang en templates list >"$TUI_DIR/t.out" 2>&1 &&
    tui_fail "templates list as it: $(cat "$TUI_DIR/t.out")"
tui_quit_from_menu

# A draft that cannot be written when SIGTERM ends an edit (the state folder
# is a regular file) is not lost in silence: skola says on exit that the
# unsaved changes could not be kept, and why.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
T="$TUI_DIR/t"
mkdir -p "$T"
tui_tmux new-session -d -s keep 'sleep 600'
export XDG_STATE_HOME="$TUI_DIR/afile"
echo "not a folder" >"$XDG_STATE_HOME"

tui_start sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en 2>\"$T/err\"' \
'$SKOLA_BIN' '$DB'; echo \$? >'$T/rc'; sleep 600"
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'new record'
tui_type 'INV-1'
tui_wait 'not saved'
kill -TERM "$(cat "$T/pid")"
i=0
while [ ! -s "$T/rc" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(cat "$T/rc")" = 143 ] || tui_fail "exit status $(cat "$T/rc" 2>/dev/null)"
grep -q 'Ended by SIGTERM. Unsaved changes could not be kept: ' "$T/err" ||
    tui_fail "no word of the lost changes: $(cat "$T/err")"
grep -q 'Not a directory' "$T/err" || tui_fail "the reason is not given: $(cat "$T/err")"
cat "$T/err"

# The terminal is left exactly as it was found (stty -g before and after)
# when skola ends: quit with q, and SIGTERM or SIGHUP on the main menu and
# in an editor with unsaved changes. Ctrl-C on the main menu quits cleanly.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
T="$TUI_DIR/t"
mkdir -p "$T"
# a second session keeps the tmux server alive while session t is replaced
tui_tmux new-session -d -s keep 'sleep 600'

# run_case NAME: starts skola under a shell that records the terminal modes
# before and after; the inner shell writes skola's pid (exec keeps it). The
# shell waits through Ctrl-C as an interactive one does (trap, not ignore:
# an ignored SIGINT would be inherited by skola).
run_case() {
    rm -f "$T"/*
    tui_tmux kill-session -t t >/dev/null 2>&1 || true
    tui_start sh -c "trap : INT; ulimit -c 0; stty -g >'$T/before.g'; stty -a >'$T/before.a'; \
sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' '$SKOLA_BIN' '$DB'; \
echo \$? >'$T/rc'; stty -g >'$T/after.g'; stty -a >'$T/after.a'"
    tui_wait 'Main menu'
    # the flags checked at the end are seen changed while skola runs
    [ "$(tui_tmux display -p -t t '#{alternate_on} #{keypad_cursor_flag}')" = "1 1" ] ||
        tui_fail "$1: skola is not on the alternate screen"
}

# wait_done NAME: skola has ended; the modes must be identical.
wait_done() {
    local i=0
    while [ ! -s "$T/after.a" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$T/after.a" ] || tui_fail "$1: skola did not end"
    for m in icanon echo icrnl onlcr isig ixon opost; do
        grep -qw -- "-$m" "$T/after.a" && tui_fail "$1: -$m after skola ended"
        grep -qw -- "$m" "$T/after.a" || tui_fail "$1: $m missing after skola ended"
    done
    cmp -s "$T/before.g" "$T/after.g" ||
        tui_fail "$1: stty -g differs: $(cat "$T/before.g") vs $(cat "$T/after.g")"
    # the cursor shown, the normal screen, the keypad in normal mode
    local flags
    flags=$(tui_tmux display -p -t t '#{cursor_flag} #{alternate_on} #{keypad_cursor_flag} #{keypad_flag}')
    [ "$flags" = "1 0 0 0" ] || tui_fail "$1: cursor/alternate screen/keypad flags: $flags"
    echo "$1: exit $(cat "$T/rc"), modes restored"
}

open_editor() {
    tui_keys Enter
    tui_wait 'No records yet'
    tui_keys n
    tui_wait 'new record'
    tui_type 'INV-1'
    tui_wait 'not saved'
}

run_case quit
tui_keys q
wait_done quit
[ "$(cat "$T/rc")" = 0 ] || tui_fail "quit: exit status $(cat "$T/rc")"

run_case ctrl-c-menu
tui_keys C-c
wait_done ctrl-c-menu
[ "$(cat "$T/rc")" = 0 ] || tui_fail "ctrl-c: exit status $(cat "$T/rc")"

# a terminal too small to draw in: SIGTERM still restores it
run_case TERM-too-small
tui_resize 40 10
tui_wait 'too small'
kill -TERM "$(cat "$T/pid")"
wait_done TERM-too-small
tui_resize 80 24

# a crash (SIGSEGV, abort()) restores the terminal, then dies as before (a
# sanitizer's handler, under ASan, reports it and exits with its own status)
for sig in SEGV ABRT; do
    run_case "$sig-crash"
    kill -"$sig" "$(cat "$T/pid")"
    wait_done "$sig-crash"
    [ "$(cat "$T/rc")" != 0 ] || tui_fail "$sig: exit status 0 after a crash"
done

for sig in TERM HUP; do
    run_case "$sig-menu"
    kill -"$sig" "$(cat "$T/pid")"
    wait_done "$sig-menu"
    run_case "$sig-editor"
    open_editor
    kill -"$sig" "$(cat "$T/pid")"
    wait_done "$sig-editor"
    # the signal ended skola with its status (128 + signal number)
    [ "$(cat "$T/rc")" = $((128 + $(kill -l "$sig"))) ] ||
        tui_fail "$sig: exit status $(cat "$T/rc")"
done

# every other signal that would end skola by default restores the terminal
# too (and exits with the same status as the default action)
for sig in USR1 USR2 ALRM XCPU XFSZ VTALRM PIPE PROF; do
    run_case "$sig-menu"
    kill -"$sig" "$(cat "$T/pid")"
    wait_done "$sig-menu"
    [ "$(cat "$T/rc")" = $((128 + $(kill -l "$sig"))) ] ||
        tui_fail "$sig: exit status $(cat "$T/rc")"
done
# real-time signals (SIGRTMIN..SIGRTMAX) end the process by default too
for sig in RTMIN+1 RTMAX; do
    run_case "$sig-menu"
    kill -s "$sig" "$(cat "$T/pid")"
    wait_done "$sig-menu"
    [ "$(cat "$T/rc")" = $((128 + $(kill -l "$sig"))) ] ||
        tui_fail "$sig: exit status $(cat "$T/rc")"
done
run_case USR1-editor
open_editor
kill -USR1 "$(cat "$T/pid")"
wait_done USR1-editor

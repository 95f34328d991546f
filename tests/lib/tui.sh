# tui.sh — helpers for the TUI end-to-end tests: the real binary runs in a
# private tmux server at a fixed size and TERM; tests send keys and wait for
# text on the screen (capture-pane), never sleep.
#   . "$(dirname "$0")/../lib/tui.sh"
#   tui_start "$SKOLA_BIN" --db "$DB" --lang en; tui_wait 'Main menu'
set -eu

: "${SKOLA_BIN:?SKOLA_BIN must name the skola binary}"
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }

TUI_DIR=$(mktemp -d "${TMPDIR:-/tmp}/skola-tui.XXXXXX")
# one socket per server: a server just killed may still be shutting down
# when the next starts, and a new server on the same socket then dies with
# "server exited unexpectedly" (seen under load), so each start that finds
# no live server takes a fresh name
TUI_SOCKET_BASE="skola-test-$$"
TUI_SOCKETS=0
TUI_SOCKET="$TUI_SOCKET_BASE-0"
TUI_TIMEOUT=${TUI_TIMEOUT:-10}
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC SKOLA_TODAY=2024-11-15
export HOME="$TUI_DIR/home" XDG_DATA_HOME="$TUI_DIR/data" SKOLA_DB="$TUI_DIR/skola.db"
# drafts kept when skola is ended by a signal go here, never to the user's
export XDG_STATE_HOME="$TUI_DIR/state"
unset LANGUAGE NO_COLOR || true
[ -n "${SKOLA_LOCALEDIR:-}" ] && export SKOLA_LOCALEDIR
mkdir -p "$HOME" "$XDG_DATA_HOME"
DB="$SKOLA_DB"

tui_tmux() {
    tmux -L "$TUI_SOCKET" -f /dev/null "$@"
}

tui_cleanup() {
    local i
    for ((i = 0; i <= TUI_SOCKETS; i++)); do
        tmux -L "$TUI_SOCKET_BASE-$i" kill-server >/dev/null 2>&1 || true
    done
    rm -rf "$TUI_DIR"
}
trap tui_cleanup EXIT

# tui_start CMD ARGS... — starts CMD in a new 80x24 session. "[skola exited]
# STATUS" starts a line of its own even when a killed skola left the
# terminal without CR-LF translation (-onlcr) and the shell's message long.
tui_start() {
    local cmd="" a try
    for a in "$@"; do cmd="$cmd $(printf '%q' "$a")"; done
    for try in 1 2 3; do
        if ! tui_tmux has-session >/dev/null 2>&1; then
            TUI_SOCKETS=$((TUI_SOCKETS + 1))
            TUI_SOCKET="$TUI_SOCKET_BASE-$TUI_SOCKETS"
        fi
        tui_start_once "$cmd" && break
        [ "$try" -lt 3 ] || { echo "tmux would not start a session" >&2; exit 1; }
    done
    tui_tmux set-option -t t remain-on-exit on >/dev/null
}

# tui_restart CMD ARGS... — ends the current server (a finished skola's
# pane stays on it) and starts CMD on a fresh one.
tui_restart() {
    tui_tmux kill-server >/dev/null 2>&1 || true
    tui_start "$@"
}

tui_start_once() {
    local cmd=$1
    tui_tmux new-session -d -s t -x 80 -y 24 \
        "env TERM=$TERM LANG=$LANG LC_ALL=$LC_ALL TZ=$TZ SKOLA_TODAY=$SKOLA_TODAY HOME=$HOME \
XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME SKOLA_DB=$SKOLA_DB \
${SKOLA_LOCALEDIR:+SKOLA_LOCALEDIR=$SKOLA_LOCALEDIR} \
${TUI_EXTRA_ENV:-} $cmd; printf '\\r\\n[skola exited] %s\\n' \$?; sleep 600"
}

tui_screen() {
    tui_tmux capture-pane -p -t t
}

# tui_keys KEY... — tmux key names (Enter, Escape, C-s, Down, BTab, ...).
tui_keys() {
    local k
    for k in "$@"; do tui_tmux send-keys -t t "$k"; done
}

# tui_type TEXT — literal text.
tui_type() {
    tui_tmux send-keys -t t -l "$1"
}

tui_fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    tui_screen >&2 || true
    echo "----------------" >&2
    exit 1
}

# tui_wait TEXT — polls until TEXT (a fixed string) is on the screen.
tui_wait() {
    local i=0 max=$((TUI_TIMEOUT * 20))
    while [ $i -lt $max ]; do
        if tui_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    tui_fail "timed out waiting for '$1'"
}

# tui_wait_gone TEXT — polls until TEXT is no longer on the screen.
tui_wait_gone() {
    local i=0 max=$((TUI_TIMEOUT * 20))
    while [ $i -lt $max ]; do
        if ! tui_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    tui_fail "timed out waiting for '$1' to go away"
}

# tui_expect TEXT — TEXT must be on the screen now.
tui_expect() {
    tui_screen | grep -qF -- "$1" || tui_fail "expected '$1' on the screen"
}

# tui_expect_not TEXT — TEXT must not be on the screen now.
tui_expect_not() {
    if tui_screen | grep -qF -- "$1"; then tui_fail "did not expect '$1' on the screen"; fi
}

# tui_resize W H — resizes the terminal.
tui_resize() {
    tui_tmux resize-window -t t -x "$1" -y "$2"
}

# tui_db_init — a fresh database with one school.
tui_db_init() {
    "$SKOLA_BIN" --db "$DB" init --school-code T1 --school-name "Testa skola" >/dev/null
}

# tui_quit — leaves skola from wherever and checks that it exited cleanly.
tui_quit_from_menu() {
    tui_keys q
    tui_wait '[skola exited] 0'
}

# tui_menu LABEL — open the main menu's item LABEL (the menu must be on the
# screen). The item's number is read off the screen, so a test does not
# count Down presses and survives a new kind in the menu.
tui_menu() {
    local n i
    n=$(tui_screen | awk -v l="$1" '
        match($0, /^ +[0-9]+  /) {
            num = $1; rest = substr($0, RLENGTH + 1); sub(/ +$/, "", rest)
            if (rest == l || index(rest, l " (") == 1) { print num; exit }
        }')
    [ -n "$n" ] || tui_fail "no menu item “$1” on the screen"
    local keys=(Home)
    for ((i = 1; i < n; i++)); do keys+=(Down); done
    tui_keys "${keys[@]}" Enter
}

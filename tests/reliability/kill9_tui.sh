#!/usr/bin/env bash
# kill -9 during a save in the interactive editor (driven through tmux), at a
# seeded random moment after Ctrl-S: the record has its old or its new model,
# never anything else, and the file and its audit log stay consistent.
# SKOLA_TUI_KILLS (default 20) kills.
. "$(dirname "$0")/../lib/tui.sh"
: "${SKOLA_TORTURE:?}"
RANDOM=${SKOLA_SEED:-20241115}
KILLS=${SKOLA_TUI_KILLS:-20}
tui_db_init
printf 'inventory_no,category,model\nK-1,laptop,M0\n' >"$TUI_DIR/k.csv"
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/k.csv" >/dev/null
PIDFILE="$TUI_DIR/pid"
kills=0 old=M0
for i in $(seq "$KILLS"); do
    rm -f "$PIDFILE"
    tui_start sh -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$SKOLA_BIN" --db "$DB" --lang en
    tui_wait 'Main menu'
    tui_keys Enter
    tui_wait 'K-1'
    tui_keys Enter
    tui_wait 'Devices — K-1'
    tui_keys Down Down Down Down C-u
    tui_type "M$i"
    tui_keys C-s
    sleep "0.0$(printf %02d $((RANDOM % 40)))"
    pid=$(cat "$PIDFILE")
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    tui_wait '[skola exited]'
    tui_tmux kill-session -t t
    "$SKOLA_TORTURE" verify "$DB" >"$TUI_DIR/verify" 2>&1 ||
        { cat "$TUI_DIR/verify" >&2; echo "FAIL: inconsistent after kill $i" >&2; exit 1; }
    model=$("$SKOLA_BIN" --db "$DB" export devices - | awk -F, 'NR == 2 { print $6 }') # $1: the uid
    case $model in
    "$old" | "M$i") old=$model ;;
    *) echo "FAIL: model is “$model”, expected “$old” or “M$i”" >&2; exit 1 ;;
    esac
done
echo "ok: $kills kills during saves in the editor, every one consistent"

# The observation sheet keeps its last typing on SIGHUP (a dropped SSH
# connection) before the idle autosave comes: the draft is saved with it;
# and on SIGTERM with a comment box open, the box's text.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
T="$TUI_DIR/t"
mkdir -p "$T"
tui_tmux new-session -d -s keep 'sleep 600'
tui_start sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB'"
tui_wait 'Main menu'
tui_keys Home Down Down Down Down Down Down Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023)'
tui_keys Tab
tui_type 'T-21'
tui_wait 'Draft saved.'                 # the idle autosave
tui_type 'B'
tui_wait 'T-21B'
pid=$(cat "$T/pid")
kill -HUP "$pid"                         # at once: no idle round in between
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && tui_fail "skola is still running"
"$SKOLA_BIN" --db "$DB" export observations - >"$T/out.csv"
grep -q 'T-21B' "$T/out.csv" || tui_fail "the last typing was lost: $(cat "$T/out.csv")"
tui_wait '[skola exited] 129'

# SIGTERM while a comment box is open: the draft keeps the box's text (the
# box is not taken back to the comment it had)
tui_tmux kill-session -t t
tui_start sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB'"
tui_wait 'Main menu'
tui_keys Home Down Down Down Down Down Down Enter
tui_wait 'T-21B'
tui_keys Enter
tui_wait 'Observation sheet (LVT-2023)'
for i in $(seq 15); do tui_keys Tab; done
tui_keys Enter
tui_wait 'Ctrl-S Keep'
tui_type 'Komentārs pēdējā brīdī'
tui_wait 'Komentārs pēdējā brīdī'
pid=$(cat "$T/pid")
kill -TERM "$pid"
tui_wait '[skola exited] 143'
"$SKOLA_BIN" --db "$DB" export observations - >"$T/out.csv"
grep -q 'Komentārs pēdējā brīdī' "$T/out.csv" ||
    tui_fail "the comment box's text was lost: $(cat "$T/out.csv")"

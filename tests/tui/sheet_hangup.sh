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
tui_keys Home Down Down Down Down Down Down Down Enter
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
tui_keys Home Down Down Down Down Down Down Down Enter
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

# A final sheet is not changed without the user's word: SIGHUP keeps its
# changes in a draft file instead, offered when the sheet is opened again.
DB2="$TUI_DIR/final.db"
"$SKOLA_BIN" --db "$DB2" init --school-code T1 --school-name "Testa skola" >/dev/null
"$SKOLA_BIN" --db "$DB2" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
printf 'date,teacher,group,subject,area,status,template\n%s\n' \
    '2024-11-14,Anna Ābele,F-9,Fizika,Dabaszinātnes,final,LVT-2023' >"$T/final.csv"
"$SKOLA_BIN" --db "$DB2" import observations "$T/final.csv" >/dev/null
start2() {
    tui_tmux kill-session -t t
    tui_start sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB2'"
    tui_wait 'Main menu'
    tui_keys Home Down Down Down Down Down Down Down Enter
    tui_wait 'F-9'
    tui_keys Enter
    tui_wait 'Observation sheet (LVT-2023)'
}
start2
tui_keys Tab C-u
tui_type 'F-9X'
tui_wait 'F-9X'
kill -HUP "$(cat "$T/pid")"
tui_wait '[skola exited] 129'
"$SKOLA_BIN" --db "$DB2" export observations - | grep -q 'F-9X' &&
    tui_fail "the final sheet was changed without the user's word"
start2
tui_wait 'Unsaved changes from'
tui_keys y
tui_wait 'The kept changes are back'
tui_expect 'F-9X'
tui_keys C-s
tui_wait 'Saved (final).'
"$SKOLA_BIN" --db "$DB2" export observations - | grep -q 'F-9X,' ||
    tui_fail "the restored change was not saved"

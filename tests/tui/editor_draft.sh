# A dropped connection (the tmux session killed: SIGHUP) and SIGTERM during
# an edit keep the editor's unsaved texts as a draft (a 0600 file, not the
# database); opening the record again offers them, y restores them as typed
# (an invalid date and the text of an open memo box included), n drops them.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
T="$TUI_DIR/t"
mkdir -p "$T"
# a second session keeps the tmux server alive while session t is replaced
tui_tmux new-session -d -s keep 'sleep 600'
DRAFTS="$XDG_STATE_HOME/skola/drafts"

# start: skola under a shell whose child writes skola's pid (exec keeps it).
start() {
    rm -f "$T/pid"
    tui_tmux kill-session -t t >/dev/null 2>&1 || true
    tui_start sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB'"
    tui_wait 'Main menu'
}

# wait_gone: skola's process has ended.
wait_gone() {
    local pid i=0
    pid=$(cat "$T/pid")
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && tui_fail "skola (pid $pid) is still running"
    return 0
}

# 1. a new record, SIGHUP by closing the terminal (tmux kill-session)
start
tui_keys Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'new record'
tui_type 'INV-Ķ9'
tui_keys Tab Enter
tui_wait 'Desktop computers'
tui_keys Down Enter
tui_wait '◂ Laptops'
tui_keys Tab Tab Tab
tui_type 'Model "7" \n'
tui_wait 'Model "7" \n'
tui_tmux kill-session -t t
wait_gone
[ -n "$(ls -A "$DRAFTS")" ] || tui_fail "no draft was kept"
for f in "$DRAFTS"/*; do
    [ "$(stat -c %a "$f")" = 600 ] || tui_fail "draft $f is not 0600"
done
# nothing was written to the database without the user
"$SKOLA_BIN" --db "$DB" export devices - | grep -q 'INV-Ķ9' && tui_fail "the draft was saved"

start
tui_keys Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'Unsaved changes from'
tui_expect 'Restore them?'
tui_keys y
tui_wait 'The kept changes are back'
tui_expect 'INV-Ķ9'
tui_expect 'Model "7" \n'
tui_expect 'Laptops'
[ -z "$(ls -A "$DRAFTS")" ] || tui_fail "the draft was not removed after the answer"
tui_keys C-s
tui_wait 'Saved.'
tui_wait '1 of 1'
tui_expect 'INV-Ķ9'

# 2. an existing record, SIGTERM with a half-typed date and an open memo box
tui_keys Enter
tui_wait 'Devices — INV-Ķ9'
tui_keys Down Down Down Down Down Down C-u
tui_type '31.02'
tui_keys PgDn Enter
tui_wait 'Ctrl-S Keep'
tui_type 'Ekrāns ieplīsis'
tui_keys Enter
tui_type 'otrā rinda'
tui_wait 'otrā rinda'
kill -TERM "$(cat "$T/pid")"
wait_gone
tui_wait '[skola exited] 143'

start
tui_keys Enter
tui_wait 'INV-Ķ9'
tui_keys Enter
tui_wait 'Unsaved changes from'
tui_keys y
tui_wait 'The kept changes are back'
tui_expect '“31.02” is not a date'
tui_keys PgDn
tui_wait 'Ekrāns ieplīsis …'
tui_keys PgUp Down Down Down Down Down Down
tui_wait '▸ Purchase date'
tui_keys C-s
tui_wait 'Not saved: 1 field needs correcting'
tui_keys C-u
tui_type '28.02.2023'
tui_keys C-s
tui_wait 'Saved.'
"$SKOLA_BIN" --db "$DB" export devices - >"$T/out.csv"
grep -q '2023-02-28' "$T/out.csv" || tui_fail "the restored date was not saved"
grep -q 'otrā rinda' "$T/out.csv" || tui_fail "the memo box text was not kept"

# 3. n drops a kept draft; the record stays as stored
tui_keys Enter
tui_wait 'Devices — INV-Ķ9'
tui_keys Down Down Down Down C-u
tui_type 'Zudīs'
tui_tmux kill-session -t t
wait_gone
start
tui_keys Enter
tui_wait 'INV-Ķ9'
tui_keys Enter
tui_wait 'Unsaved changes from'
tui_keys n
tui_wait 'The kept changes were dropped.'
tui_expect_not 'Zudīs'
[ -z "$(ls -A "$DRAFTS")" ] || tui_fail "the dropped draft is still there"
tui_keys Escape
tui_wait '1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# 4. SIGHUP ignored by whoever started skola: the closed terminal still ends
# it (no spinning on a dead terminal) and the draft is kept (a relative
# XDG_STATE_HOME is ignored, as the XDG spec says: ~/.local/state)
rm -f "$T/pid"
tui_tmux kill-session -t t >/dev/null 2>&1 || true
TUI_EXTRA_ENV="XDG_STATE_HOME=relative/state" tui_start sh -c "trap '' HUP; sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB'"
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'INV-Ķ9'
tui_keys n
tui_wait 'new record'
tui_type 'INV-NOHUP'
tui_wait 'INV-NOHUP'
tui_tmux kill-session -t t
wait_gone
grep -rq 'INV-NOHUP' "$HOME/.local/state/skola/drafts" ||
    tui_fail "no draft after a hangup with SIGHUP ignored"

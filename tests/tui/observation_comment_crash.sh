# The comment box of the observation sheet keeps what was typed: after a few
# seconds without keys the draft is saved with the box's text, so that a
# kill -9 (a crash, a closed terminal) loses nothing typed before the pause;
# Esc in the box still takes the draft back to the comment it had before.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
PIDFILE="$TUI_DIR/pid"

comment_1() { # the stored comment of section 1 of the only sheet
    "$SKOLA_BIN" --db "$DB" export observations - | grep -c -F -- "$1" || true
}

tui_start sh -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Home Down Down Down Down Down Down Down Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023)'
# header (8 lines), purpose (3), criteria 1.1-1.3, then the comment of section 1
for _ in $(seq 15); do tui_keys Tab; done
tui_keys Enter
tui_wait 'Comments'
tui_type 'Skolēni strādāja pāros.'
tui_keys Enter
tui_type 'Otrā rinda.'
tui_wait 'Draft saved.'             # idle for a few seconds with the box open
[ "$(comment_1 'Skolēni strādāja pāros.')" = 1 ] || tui_fail 'the box text is not in the database'
kill -9 "$(cat "$PIDFILE")"
tui_wait '[skola exited]'
tui_tmux kill-session -t t

# reopen: the draft has the text that was in the box
tui_start sh -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Home Down Down Down Down Down Down Down Enter
tui_wait '1 of 1'
tui_expect 'Draft'
tui_keys Enter
tui_wait 'Observation sheet (LVT-2023)'
tui_expect 'Skolēni strādāja pāros.'
for _ in $(seq 15); do tui_keys Tab; done
tui_keys Enter
tui_wait 'Otrā rinda.'                 # the box opens with both lines
# more typing, a draft of it, then Esc: the comment is as it was before the box
tui_type ' Vēl.'
tui_wait 'Draft saved.'
[ "$(comment_1 'Otrā rinda. Vēl.')" = 1 ] || tui_fail 'the second draft is not in the database'
tui_keys Escape
tui_wait_gone 'Otrā rinda. Vēl.'
[ "$(comment_1 'Otrā rinda. Vēl.')" = 0 ] || tui_fail 'Esc did not take the draft back'
[ "$(comment_1 'Otrā rinda.')" = 1 ] || tui_fail 'the comment before the box is gone'
tui_keys Escape
tui_wait '1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

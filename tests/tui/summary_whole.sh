#!/usr/bin/env bash
# The Summaries screen cuts long headings and lines to the screen's width;
# v, F3 and Enter show the metric at the top of the screen whole (its
# heading with the key, each figure with its value and detail), as the
# command line prints them, and the help lists the key.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
LABEL='Teachers below the observations-per-teacher target'
KEY='[observations.below_target]'
cli=$("$SKOLA_BIN" --db "$DB" --lang en summary)
printf '%s\n' "$cli" | grep -qF "$LABEL  $KEY" || tui_fail "the summary has no “$LABEL”"
# the figure's line as the command line prints it (value and detail)
value=$(printf '%s\n' "$cli" | grep -A1 -F "$KEY" | awk 'NR == 2 {print $NF}')
[ -n "$value" ] || tui_fail "no value of $KEY"

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Summaries
tui_wait 'Summaries 2024./2025.'
# scroll until the metric's heading is the top line, cut there
for _ in $(seq 200); do
    top=$(tui_screen | sed -n 2p)
    case "$top" in " $LABEL"*) break ;; esac
    tui_keys Down
    sleep 0.02
done
case "$top" in " $LABEL"*) ;; *) tui_fail "“$LABEL” never came to the top" ;; esac
tui_expect_not "$KEY"
for key in v F3 Enter; do
    tui_keys "$key"
    tui_wait "$KEY"
    tui_expect "$LABEL"
    tui_screen | grep -F "│ " | grep -qE "(: | )$value( |$)" || tui_fail "no value $value in the box"
    tui_keys Escape
    tui_wait_gone "$KEY"
done
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Show the metric at the top of the screen whole'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

#!/usr/bin/env bash
# The help line of `a` on a list says what that kind's list leaves out
# (devices: the written-off ones; loans: the returned ones), never the
# other kinds'.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_resize 120 60
for kind in Devices Loans; do
    tui_menu "$kind"
    tui_wait "$kind — "
    tui_keys '?'
    tui_wait 'Keys of this screen'
    line=$(tui_screen | grep -E '│ a +Show all records')
    [ -n "$line" ] || tui_fail "no help line for a on $kind"
    case $kind in
    Devices) want='(without written-off)' ;;
    Loans) want='(not returned)' ;;
    esac
    printf '%s\n' "$line" | grep -qF "only the usual ones $want" || tui_fail "$kind: a says: $line"
    if printf '%s\n' "$line" | grep -qiE 'loans|devices'; then tui_fail "$kind: a names another kind: $line"; fi
    tui_keys Escape
    tui_wait_gone 'Keys of this screen'
    tui_keys q
    tui_wait 'Main menu'
done
tui_quit_from_menu

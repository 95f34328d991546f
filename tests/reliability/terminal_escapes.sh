#!/usr/bin/env bash
# Terminal escape sequences inside data (a file merged from elsewhere, say)
# are never sent raw to the terminal: everything skola writes to the pane is
# recorded (tmux pipe-pane) and searched for the hostile bytes.
. "$(dirname "$0")/../lib/tui.sh"
: "${SKOLA_TORTURE:?}"
tui_db_init
# the room holds a right-to-left override and a zero-width space: drawn as
# visible "?", never sent raw (U+202E would turn the rest of the row around)
"$SKOLA_TORTURE" sql "$DB" "INSERT INTO device(school_id, inventory_no, category, status, model,
    notes, room, version, search) VALUES (1, 'E-1', 'laptop', 'in_use',
    char(27) || ']0;pwned' || char(7) || char(27) || '[2JEvil' || char(155) || '31m',
    'line' || char(27) || '[31mred' || char(10) || char(27) || 'Pbad' || char(27) || '\\',
    'R' || char(8238) || '101' || char(8203) || 'x', 1, 'e-1')" ||
    { echo "FAIL: cannot plant the data" >&2; exit 1; }

printf 'inventory_no,category,purchase_date\nH-1,laptop,\033[31m2024\nH-2,\033]0;pwned\007,2024-01-10\n' \
    >"$HOME/hostile.csv"

RAW="$TUI_DIR/raw"
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_tmux pipe-pane -O -t t "cat >>'$RAW'"
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'E-1'
# "R?101?x" is 7 columns in the 6 of the room column: cut with "…"
tui_wait 'R?101… In use'
tui_keys Enter
tui_wait 'Devices — E-1'
tui_wait 'Evil'
tui_keys PPage NPage
tui_keys Escape
tui_wait '1 of 1'
# the problems of an import quote the hostile cells as visible escapes
tui_keys i
tui_wait 'Import Devices from file'
tui_type '~/hostile.csv'
tui_keys Enter
tui_wait 'Import Devices — preview'
tui_keys Enter
tui_wait 'nothing was imported'
tui_expect '“\x1b[31m2024”'
tui_expect '“\x1b]0;pwned\x07”'
tui_keys Escape
tui_wait '1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
tui_tmux pipe-pane -t t
grep -qaF 'Evil' "$RAW" || tui_fail "the pane was not recorded (no “Evil” in it)"
for bad in $'\e]0;pwned' $'\e[2JEvil' $'\e[31mred' $'\eP' $'\xc2\x9b31m' $'\e[31m2024' \
    $'\xe2\x80\xae' $'\xe2\x80\x8b'; do
    if grep -qaF -- "$bad" "$RAW"; then
        tui_fail "a raw escape sequence from the data reached the terminal: $(printf %q "$bad")"
    fi
done
echo ok

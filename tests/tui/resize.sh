# Resizing below 80x24 shows a clear message; growing back restores the
# screen, in the list and in the editor (typed text is kept).
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_resize 70 20
tui_wait 'The terminal is too small (70×20).'
tui_expect 'at least 80×24'
tui_resize 80 24
tui_wait 'Main menu'
tui_keys Enter
tui_wait '1 of '
tui_keys n
tui_wait 'new record'
tui_type 'KEEP-ME'
tui_resize 70 20
tui_wait 'too small'
tui_keys x                       # ignored while nothing is visible
tui_resize 100 30
tui_wait 'KEEP-ME'
tui_expect 'new record'
tui_resize 80 24
tui_wait 'KEEP-ME'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
tui_wait '1 of '
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

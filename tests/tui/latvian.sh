# --lang lv shows the Latvian labels of the record kinds and fields, and
# Latvian text is drawn intact.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Ierīces'
tui_expect 'Mācību gadi'
tui_keys Enter
tui_wait 'Inventāra nr'
tui_expect 'Kategorija'
tui_keys /
tui_type 'edinas'
tui_keys Enter
tui_wait 'Ēdinā'
tui_keys n
tui_wait 'Inventāra nr.'
tui_expect 'Statuss'
tui_expect 'Lietošanā'
tui_keys Escape
tui_keys q
tui_wait 'Ierīces'
tui_keys Down Down Enter
tui_wait 'Mācību gadi —'
tui_keys q
tui_wait 'Ierīces'
tui_quit_from_menu

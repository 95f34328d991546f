# The import wizard with a supplier's wide file: the preview scrolls
# sideways (Right/Left) to the last column; the check shows the ignored
# column's warning and wraps a long problem over several lines instead of
# cutting it (the list of categories ends on screen).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
mkdir -p "$HOME/csv"
{
    printf 'Nr.p.k.,inventory_no,category,os,manufacturer,model,serial,purchase_date,'
    printf 'purchase_cost,funding,project,supplier,warranty_until,room,user_group,status,notes\n'
    printf '1,W-1,toaster,,Dell,Latitude,,2021-08-30,"1,099.00",PF,,SIA,,204,pupils,,LASTCOLUMN\n'
} >"$HOME/csv/wide.csv"

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'No records yet'
tui_keys i
tui_wait 'Import Devices from file'
tui_type '~/csv/wide.csv'
tui_keys Enter
tui_wait 'Import Devices — preview'
tui_expect 'Nr.p.k.'
tui_expect_not 'LASTCOLUMN'
tui_keys Right Right Right Right Right Right Right Right
tui_wait 'LASTCOLUMN'
tui_expect_not 'Nr.p.k.'
tui_expect 'File: '          # the file's name does not scroll away
tui_keys Left Left Left Left Left Left Left Left
tui_wait 'Nr.p.k.'
tui_keys Enter
tui_wait 'Import Devices — problems'
tui_expect 'warning: column “Nr.p.k.” ignored'
# the category list is longer than the screen is wide: wrapped, not cut
tui_expect 'av_recording_equipment'
tui_expect_not 'LASTCOLUMN'
tui_keys Escape
tui_wait 'No records yet'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# The import wizard: file name with Tab completion, preview, a check that
# lists every problem (nothing written), then a clean file imported.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
mkdir -p "$HOME/csv"
cp "$SKOLA_SRCDIR/tests/data/devices-errors.csv" "$HOME/csv/broken-devices.csv"
cp "$SKOLA_SRCDIR/tests/data/devices-clean.csv" "$HOME/csv/supplier-devices.csv"

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait 'No records yet'

# a file with errors: every problem listed, nothing imported
tui_keys i
tui_wait 'Import Devices from file'
tui_type '~/cs'
tui_keys Tab
tui_wait '~/csv/'
tui_type 'br'
tui_keys Tab
tui_wait '~/csv/broken-devices.csv'
tui_keys Enter
tui_wait 'Import Devices — preview'
tui_expect 'Encoding: utf-8'
tui_expect 'inventory_no'
tui_expect 'LVT-0100'
tui_keys Enter
tui_wait 'nothing was imported'
tui_expect 'Import Devices — problems'
tui_expect '2:'
tui_expect '3:'
tui_keys Escape
tui_wait 'No records yet'

# the clean file: preview, check, import
tui_keys i
tui_wait 'Import Devices from file'
tui_type '~/csv/su'
tui_keys Tab
tui_wait '~/csv/supplier-devices.csv'
tui_keys Enter
tui_wait 'Import Devices — preview'
tui_expect 'Chromebook 314'
tui_keys Enter
tui_wait 'The check found no problems in 5 rows.'
tui_keys Enter
tui_wait 'Imported 5 records (5 new, 0 updated).'
tui_wait '1 of 5'
tui_expect 'LVT-0001'

# export the filtered view
tui_keys /
tui_type 'chromebook'
tui_keys Enter
tui_wait 'filter “chromebook”'
tui_keys x
tui_wait 'Export format'
tui_keys Up Enter
tui_wait 'Export to file:'
tui_expect "~/skola-devices-2024-11-15.csv"
tui_keys Enter
tui_wait 'Exported'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
f="$HOME/skola-devices-2024-11-15.csv"
[ -f "$f" ] || { echo "FAIL: no export file" >&2; exit 1; }
head -1 "$f" | grep -q '^uid,inventory_no,' || { echo "FAIL: not the rfc4180 profile" >&2; exit 1; }
n=$(($(cut -d, -f2- "$f" | grep -c '^LVT-')))
[ "$n" -ge 1 ] && [ "$n" -lt 5 ] ||
    { echo "FAIL: export did not follow the filter ($n rows)" >&2; exit 1; }

# `L` on marked devices writes their label sheet (asks the file name first);
# without marks it says to mark them; outside the device list it says so.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait '1 of 4'
tui_keys L
tui_wait 'Mark the devices to label with Space first.'
tui_keys Down Space Space
tui_wait '2 marked'
tui_keys L
tui_wait 'Labels to file (A4, 3 × 8):'
tui_expect '~/skola-labels-2024-11-15.html'
tui_keys Enter
tui_wait 'Wrote 2 labels to'
tui_keys q
tui_wait 'Main menu'
tui_keys Down Enter
tui_wait 'Loans'
tui_keys L                       # not a key of the loans list: nothing happens
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect_not 'Write labels'
tui_keys q
tui_wait_gone 'Keys of this screen'
tui_expect_not 'Labels to file'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

f="$HOME/skola-labels-2024-11-15.html"
[ -f "$f" ] || { echo "FAIL: no label sheet" >&2; exit 1; }
[ "$(grep -c 'class="label"' "$f")" = 2 ] || { echo "FAIL: not 2 labels" >&2; exit 1; }
grep -q 'LVT-0002' "$f" && grep -q 'LVT-0003' "$f" && ! grep -q 'LVT-0001' "$f" ||
    { echo "FAIL: not the marked devices" >&2; exit 1; }
grep -q 'Testa skola' "$f" || { echo "FAIL: no school name" >&2; exit 1; }

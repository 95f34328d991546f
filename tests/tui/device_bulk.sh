# Mark two devices with Space and write them off in one bulk change: they
# are written off today and leave the default list (`a` shows them).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
tui_wait '1 of '
tui_keys b
tui_wait 'Mark records with Space first.'
tui_keys Space Space
tui_wait '2 marked'
tui_keys b
tui_wait 'Change which field of 2 records?'
tui_type 'stat'
tui_keys Enter
tui_wait 'New value of “Status”'
tui_type 'wr'
tui_keys Enter
tui_wait 'Set “Status” to “Written off” in 2 marked records?'
tui_keys y
tui_wait '2 records changed.'
tui_expect_not 'marked'
tui_wait '1 of 2 — without written-off'
tui_keys a
tui_wait ' of 5'
[ "$(tui_screen | grep -c 'Written off')" -eq 3 ] ||
    tui_fail "expected three written-off devices (one was already)"

# reference completion in the editor: "berz" offers "Jānis Bērziņš"
tui_keys Home Enter
tui_wait 'Devices — LVT-0001'
tui_keys PPage
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do tui_keys Down; done
tui_wait '▸ Assigned to'
tui_type 'berz'
tui_keys Enter
tui_wait '─ Assigned to ─'
tui_keys Enter
tui_wait_gone '─ Assigned to ─'
tui_expect 'Jānis Bērziņš'
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
tui_wait ' of 5'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# the change is stored
"$SKOLA_BIN" --db "$DB" export devices - | grep -c ',written_off,' | grep -qx 3 ||
    { echo "FAIL: export does not show three written-off devices" >&2; exit 1; }
# the two written off now got today's date, the one before kept its own
"$SKOLA_BIN" --db "$DB" export devices - | grep -c ',written_off,2024-11-15,' | grep -qx 2 ||
    { echo "FAIL: bulk write-off did not fill today's date" >&2; exit 1; }
"$SKOLA_BIN" --db "$DB" export devices - | grep -q ',written_off,2024-06-01,' ||
    { echo "FAIL: the earlier write-off date changed" >&2; exit 1; }

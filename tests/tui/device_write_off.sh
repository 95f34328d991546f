# Writing a device off in the editor fills "written off on" with today and
# asks for the write-off act number; the device then leaves the default
# list (the title says so) and `a` shows all devices again. A date typed by
# the user is kept and nothing is asked.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys Enter
# LVT-0004 is written off already: left out until `a`
tui_wait '1 of 4 — without written-off (a: all)'
tui_expect_not 'LVT-0004'
tui_keys a
tui_wait '1 of 5'
tui_expect_not 'without written-off'
tui_expect 'LVT-0004'
tui_keys a
tui_wait '1 of 4 — without written-off'

# LVT-0001: status In use -> Written off (Left wraps to the last choice)
tui_keys Enter
tui_wait 'Devices — LVT-0001'
tui_keys PgDn Up Up Up Up
tui_wait '▸ Status'
tui_keys Left
tui_wait '◂ Written off'
tui_keys C-s
tui_wait 'Write-off act no.'
tui_type 'Akts Nr. 7/2024'
tui_keys Enter
tui_wait 'Saved.'
tui_wait '1 of 3 — without written-off'
tui_expect_not 'LVT-0001'

# LVT-0002 with a date of its own: kept, no question
tui_keys Home Enter
tui_wait 'Devices — LVT-0002'
tui_keys PgDn Up Up Up Up
tui_wait '▸ Status'
tui_keys Left
tui_wait '◂ Written off'
tui_keys Down
tui_type '01.10.2024'
tui_keys C-s
tui_wait 'Saved.'
tui_expect_not 'Write-off act no.'
tui_wait '1 of 2 — without written-off'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

out=$("$SKOLA_BIN" --db "$DB" export devices -)
echo "$out" | grep -q '^[0-9a-f-]*,LVT-0001,.*,written_off,2024-11-15,Akts Nr. 7/2024,' ||
    { echo "FAIL: LVT-0001 not written off today with its act: $out" >&2; exit 1; }
echo "$out" | grep -q '^[0-9a-f-]*,LVT-0002,.*,written_off,2024-10-01,,' ||
    { echo "FAIL: LVT-0002 lost its own write-off date: $out" >&2; exit 1; }

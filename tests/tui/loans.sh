# `o` lends the selected device (borrower, borrower kind, due date; the
# device goes on loan), a device on loan cannot be lent again, `r` takes it
# back (in use again, the loan returned today). The loans list, next to
# devices in the menu, shows the loans not returned, an overdue one marked,
# and `a` all of them.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/staff-clean.csv" >/dev/null
# an old loan, due before today (2024-11-15) and never returned
printf 'device,borrower,borrower_kind,out_on,due_on\nLVT-0005,7.b klase,pupil,2024-09-02,2024-10-31\n' \
    >"$TUI_DIR/old.csv"
"$SKOLA_BIN" --db "$DB" import loans "$TUI_DIR/old.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect '2  Loans'
tui_keys Enter
tui_wait '1 of 4'
# LVT-0001 to a teacher (Tab completes the name), due at the end of the year
tui_keys o
tui_wait 'Lend to'
tui_type 'berz'
tui_keys Tab                  # the staff name completes
tui_wait 'Jānis Bērziņš'
tui_keys Enter
tui_wait 'The borrower is'
tui_keys Enter
tui_wait 'Due on'
tui_type '20.12.2024'
tui_keys Enter
tui_wait 'Lent to “Jānis Bērziņš”.'
[ "$(tui_screen | grep 'LVT-0001' | grep -c 'On loan')" -eq 1 ] || tui_fail "LVT-0001 not on loan"
# again: refused, naming the borrower
tui_keys o
tui_wait 'Lend to'
tui_type 'Cits'
tui_keys Enter Enter Enter
tui_wait 'on loan already (to Jānis Bērziņš since 15.11.2024)'
# a device that is not lent cannot be taken back
tui_keys Down r
tui_wait '“LVT-0002” is not on loan.'

tui_keys q
tui_wait 'Main menu'
tui_keys Down Enter
tui_wait 'Loans — 1 of 2 — not returned (a: all)'
[ "$(tui_screen | grep 'LVT-0005' | grep -c 'OVERDUE')" -eq 1 ] || tui_fail "LVT-0005 not overdue"
[ "$(tui_screen | grep 'LVT-0001' | grep -c 'OVERDUE')" -eq 0 ] || tui_fail "LVT-0001 overdue"
tui_keys q
tui_wait 'Main menu'

# r on LVT-0001: back in use, the loan leaves the default loans list
tui_keys Up Enter
tui_wait '1 of 4'
tui_keys r
tui_wait 'Taken back; the device is in use again.'
[ "$(tui_screen | grep 'LVT-0001' | grep -c 'In use')" -eq 1 ] || tui_fail "LVT-0001 not in use"
tui_keys q
tui_wait 'Main menu'
tui_keys Down Enter
tui_wait 'Loans — 1 of 1 — not returned'
tui_expect_not 'LVT-0001'
tui_keys a
tui_wait ' of 2 '
tui_expect_not 'not returned'
tui_expect 'LVT-0001'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

out=$("$SKOLA_BIN" --db "$DB" export loans -)
echo "$out" | grep -qx '[0-9a-f-]*,LVT-0001,Jānis Bērziņš,staff,2024-11-15,2024-12-20,2024-11-15,' ||
    { echo "FAIL: the loan is not stored as lent and returned today: $out" >&2; exit 1; }

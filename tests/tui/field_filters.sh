# Field filters: `f` picks a field, then a choice, a range (from/to) or
# "empty"; they combine with the text filter (AND) and the title shows
# them; the list remembers its sort and filters for this login when it is
# opened again (and after a restart); `F` clears them all.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/dev.csv" <<'CSV'
inventory_no,category,manufacturer,purchase_date,purchase_cost,supplier,status
INV-1,laptop,Lenovo,2021-03-01,700.00,SIA Dators,in_use
INV-2,laptop,Lenovo,2019-03-01,650.00,,in_use
INV-3,laptop,Dell,2022-03-01,800.00,,in_use
INV-4,laptop,Lenovo,2022-05-01,900.00,,broken
INV-5,printer,HP,2023-01-01,300.00,SIA Dators,in_use
CSV
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_resize 120 30   # room for the whole title
tui_keys Home Enter
tui_wait 'Devices — 1 of 5'
tui_keys f
tui_wait 'Filter by which field?'
tui_type 'Status'; tui_keys Enter
tui_wait 'Show records whose “Status” is'
tui_type 'In use'; tui_keys Enter
tui_wait 'Devices — 1 of 4 — without written-off (a: all) — Status: In use'
tui_expect_not 'INV-4'
# a range of dates: from only
tui_keys f; tui_wait 'Filter by which field?'
tui_type 'Purchase d'; tui_keys Enter
tui_wait 'in a range'
tui_keys Enter
tui_wait 'Purchase date from'
tui_type '01.01.2020'; tui_keys Enter
tui_wait 'Purchase date to'
tui_keys Enter
tui_wait 'Status: In use · Purchase date ≥ 01.01.2020'
tui_wait 'Devices — 1 of 3'
tui_expect_not 'INV-2'
# with the text filter: AND
tui_keys /; tui_type 'lenovo'; tui_keys Enter
tui_wait 'Status: In use · Purchase date ≥ 01.01.2020 · filter “lenovo”'
tui_wait 'Devices — 1 of 1'
tui_expect 'INV-1'
# empty supplier, in place of the text filter
tui_keys / C-u Enter
tui_wait_gone 'filter “'
tui_keys f; tui_wait 'Filter by which field?'
tui_type 'Supplier'; tui_keys Enter
tui_wait 'Show records whose “Supplier” is'
tui_type 'empty'; tui_keys Enter
tui_wait 'Devices — 1 of 1 — without written-off (a: all) — Status: In use · Purchase date ≥ 01.01.2020 · Supplier: empty'
tui_expect 'INV-3'
# sorted by the next column, then leave and come back: all remembered
tui_keys s
tui_wait 'Category▲'
tui_keys q
tui_wait 'Main menu'
tui_keys Home Enter
tui_wait 'Devices — 1 of 1 — without written-off (a: all) — Status: In use · Purchase date ≥ 01.01.2020 · Supplier: empty'
tui_expect 'Category▲'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# a new start of skola by the same login: the same view
# a spare session keeps the tmux server up while the old one goes
tui_tmux new-session -d -s spare1 "sleep 600"
tui_tmux kill-session -t t
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_resize 120 30   # room for the whole title
tui_keys Home Enter
tui_wait 'Devices — 1 of 1 — without written-off (a: all) — Status: In use · Purchase date ≥ 01.01.2020 · Supplier: empty'
tui_expect 'Category▲'
# a filter removed through f, then F clears the rest
tui_keys f; tui_wait 'Filter by which field?'
tui_type 'Supplier'; tui_keys Enter
tui_type '(remove'; tui_keys Enter
tui_wait 'Devices — 1 of 3 — without written-off (a: all) — Status: In use · Purchase date ≥ 01.01.2020'
tui_expect_not 'Supplier: empty'
tui_keys F
tui_wait 'Devices — 1 of 5'
tui_expect_not 'Status: In use'
tui_keys q
tui_wait 'Main menu'
tui_keys Home Enter
tui_wait 'Devices — 1 of 5'
tui_expect_not 'Purchase date ≥'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# in Latvian: the field's and the choice's Latvian labels in the title
# a spare session keeps the tmux server up while the old one goes
tui_tmux new-session -d -s spare2 "sleep 600"
tui_tmux kill-session -t t
tui_start "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_resize 120 30
tui_keys Home Enter
tui_wait 'Ierīces — 1 no 5'
tui_keys f; tui_wait 'Pēc kura lauka filtrēt?'
tui_type 'Statuss'; tui_keys Enter
tui_wait 'Rādīt ierakstus, kuru “Statuss” ir'
tui_type 'Lietošanā'; tui_keys Enter
tui_wait 'Ierīces — 1 no 4 — bez norakstītajām (a: visi) — Statuss: Lietošanā'
tui_keys / ; tui_type 'lenovo'; tui_keys Enter
tui_wait 'Statuss: Lietošanā · filtrs “lenovo”'
tui_keys F
tui_wait 'Ierīces — 1 no 5'
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu

#!/usr/bin/env bash
# Ctrl-F on a sheet that lacks what a final sheet needs names every missing
# field at once (Latvian labels in lv), puts the cursor on the first of them
# and keeps the sheet a draft; once they are filled in, Ctrl-F finishes it.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023)'
tui_keys Tab Tab Tab Tab; tui_type 'Māksla'   # subject only
tui_keys Down Down Down Down                  # away, onto the topic
tui_keys C-f
tui_wait 'A final sheet needs: Group, Area, Teacher.'
tui_expect_not 'Saved (final)'
# the cursor is on Group: what is typed now lands there
tui_type '7.b'
tui_keys C-f
tui_wait 'A final sheet needs: Area, Teacher.'
tui_type 'Kultūra'
tui_keys C-f
tui_wait 'A final sheet needs: Teacher.'
tui_type 'Anna'; tui_keys Enter
tui_wait 'Anna Ābele'
tui_keys C-f
tui_wait 'Saved (final).'
tui_wait '1 of 1'
tui_expect '7.b'
tui_expect 'Kultūra'
tui_expect 'Final'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# Latvian labels; a field emptied again counts as missing
tui_restart "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_menu 'Stundu vērošana'
tui_wait 'Anna Ābele'
tui_keys n
tui_wait 'LVT-2023'
tui_keys C-f
tui_wait 'Pabeigtā lapā jāaizpilda: Grupa, Mācību priekšmets/modulis, Joma, Pedagogs.'
tui_expect_not 'Saglabāts'
tui_keys Escape
tui_wait_gone 'LVT-2023'
# the date taken out as well: too long for the message line, so a box
# lists them, and the cursor waits on the date
tui_keys n
tui_wait 'LVT-2023'
tui_keys C-u Down Down Down
tui_keys C-f
tui_wait '─ Pabeigtā lapā jāaizpilda ─'
tui_expect 'Mācību priekšmets/modulis'
tui_expect 'Pedagogs'
tui_keys Escape
tui_wait_gone '─ Pabeigtā lapā jāaizpilda ─'
tui_type '03.10.2024'
tui_keys Tab; tui_type '5.a'
tui_keys C-f
tui_wait 'Pabeigtā lapā jāaizpilda: Mācību priekšmets/modulis, Joma, Pedagogs.'
tui_expect '03.10.2024'
tui_keys Escape
tui_wait_gone 'LVT-2023'
tui_wait '5.a'
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu

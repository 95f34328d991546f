#!/usr/bin/env bash
# On the sheet, an acknowledgement date still to come (SKOLA_TODAY is
# 15.11.2024) is refused with a message that fits the line and says what
# today is; today itself is accepted.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_menu 'Stundu vērošana'
tui_wait 'Ierakstu vēl nav'
tui_keys n
tui_wait 'LVT-2023'
tui_keys Tab; tui_type '7.b'
for i in 1 2 3 4 5 6; do tui_keys PgDn; done
tui_wait 'Pedagogs iepazinās'
tui_type '16.11.2024'
tui_keys C-s
tui_wait 'Pedagogs iepazinās: nevar būt vēl nepienākusi diena (šodien ir 15.11.2024)'
tui_keys C-u; tui_type '15.11.2024'
tui_keys C-s
tui_wait 'Saglabāts kā melnraksts.'
tui_keys Escape
tui_wait '7.b'
ack=$("$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "acknowledged_on") c = i; next } { print $c }')
[ "$ack" = 2024-11-15 ] || tui_fail "the acknowledgement of today was not kept: “$ack”"
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu

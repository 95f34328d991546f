#!/usr/bin/env bash
# A new sheet left with Esc without anything entered is not saved: no
# record, no draft, no question — also when something was typed, saved as
# a draft while idle, and then taken back before leaving. A sheet with
# something in it is still kept as a draft.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
count() { "$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null | tail -n +2 | wc -l; }

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'No records yet'
# 1. opened and left at once
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_keys Escape
tui_wait 'No records yet'
tui_expect_not 'Save the changes'
tui_expect_not 'Draft saved'
# 2. a tick and a group typed, saved as a draft while idle, then taken back
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_keys Tab; tui_type '7.b'
tui_wait 'Draft saved.'
[ "$(count)" -eq 1 ] || tui_fail "the idle draft was not saved"
tui_keys C-u
tui_keys Escape
tui_wait 'No records yet'
tui_expect_not 'Leave'
[ "$(count)" -eq 0 ] || tui_fail "an empty new sheet was left behind"
# 3. something entered: kept as a draft
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_keys Tab; tui_type '7.b'
tui_keys Escape
tui_wait 'Observations — 1 of 1'
tui_expect 'Draft'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
[ "$(count)" -eq 1 ] || tui_fail "the draft with a group was not kept"
[ -z "$(find "$XDG_STATE_HOME" -type f 2>/dev/null)" ] || tui_fail "a draft file was left: $(find "$XDG_STATE_HOME" -type f)"

# 4. SIGTERM on a new sheet whose idle draft was taken back: nothing is kept
T="$TUI_DIR/t"
mkdir -p "$T"
tui_restart sh -c "sh -c 'echo \$\$ >\"$T/pid\"; exec \"\$0\" --db \"\$1\" --lang en' \
'$SKOLA_BIN' '$DB'"
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 1'
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_keys Tab; tui_type '8.c'
tui_wait 'Draft saved.'
[ "$(count)" -eq 2 ] || tui_fail "the idle draft was not saved"
tui_keys C-u
tui_wait 'ticked 0/17 *'
kill -TERM "$(cat "$T/pid")"
tui_wait '[skola exited] 143'
[ "$(count)" -eq 1 ] || tui_fail "SIGTERM left the emptied new sheet behind"
[ -z "$(find "$XDG_STATE_HOME" -type f 2>/dev/null)" ] || tui_fail "a draft file was left: $(find "$XDG_STATE_HOME" -type f)"

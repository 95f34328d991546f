#!/usr/bin/env bash
# The staff picker of the observation sheet finds a person by any word of
# the name, in any order, without capitals or diacritics ("zvirb" finds Rita
# Zvirbule, "kalnina" Anna Kalniņa), and shows each person's role beside the
# name, in Latvian too; a name that is part of a longer one is not lost.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/staff.csv" <<'CSV'
full_name,role,areas
Rita Zvirbule,teacher,Matemātika
Jānis Zvirbulis,deputy_head,
Anna Kalniņa,teacher,Vēsture
Anna Kalniņa-Ozola,special_pedagogue,
"Ieva ""Ziņa"" Rozīte",teacher,
CSV
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023)'
tui_keys Tab; tui_type '7.b'
tui_keys Tab Tab Tab Tab Tab           # the teacher field
tui_type 'zvirb'
# a pause while a name is half typed: the rest of the draft saves itself,
# the name stays as typed and nobody is told it is not a name
tui_wait 'Draft saved.'
tui_expect_not 'Draft not saved'
tui_screen | grep -q '^ Teacher  *zvirb *$' || tui_fail "the half-typed name was lost"
tui_keys Enter
tui_wait 'Rita Zvirbule — Teacher'
tui_expect 'Jānis Zvirbulis — Deputy head'
tui_keys Escape
tui_wait_gone 'Deputy head'
# words in any order, capitals and diacritics folded
tui_keys C-u; tui_type 'ZVIRBULE rit'; tui_keys Enter
tui_wait ' Teacher                       Rita Zvirbule'
tui_keys C-u; tui_type 'kalnina'; tui_keys Enter
tui_wait 'Anna Kalniņa — Teacher'
tui_expect 'Anna Kalniņa-Ozola — Special pedagogue'
tui_keys Enter
tui_wait_gone 'Special pedagogue'
tui_screen | grep -q '^ Teacher  *Anna Kalniņa *$' || tui_fail "Anna Kalniņa was not chosen"
# a quote in a name is no trouble
tui_keys Tab; tui_type 'ziņa'; tui_keys Enter
tui_wait 'Ieva "Ziņa" Rozīte'
tui_keys Escape                         # a draft with a group is kept
tui_wait 'Observations — 1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

# Latvian: the role in Latvian
tui_restart "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_menu 'Stundu vērošana'
tui_wait 'Anna Kalniņa'
tui_keys n
tui_wait 'LVT-2023'
tui_keys Tab Tab Tab Tab Tab Tab
tui_type 'zvirb'; tui_keys Enter
tui_wait 'Rita Zvirbule — Pedagogs'
tui_expect 'Jānis Zvirbulis — Direktora vietnieks'
tui_keys Escape
tui_wait_gone 'Direktora vietnieks'
tui_keys C-u Escape                     # nothing entered: left without a question
tui_wait_gone 'LVT-2023'
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu

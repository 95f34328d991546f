#!/usr/bin/env bash
# The "not observed yet" box counts as `skola summary` does and says it in
# the summary's words; it shows each teacher's subjects/areas, and Enter on
# a teacher opens a new sheet with that teacher filled in (left untouched,
# it is not kept; with a group typed, it is a draft of that teacher).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/staff.csv" <<'CSV'
full_name,role,areas
Anna Ābele,teacher,Tekstils
Bruno Bērziņš,teacher,"Matemātika, fizika"
Bruno Bērziņš-Kalns,teacher,"Vēsture, sociālās zinības, ētika, filozofija"
Ieva Rozīte,deputy_head,
CSV
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null
printf 'year,teachers,observations_per_teacher_target\n2024,5,1\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,group,subject,area,status
2024-10-03,Anna Ābele,7.b,Māksla,Kultūra,final
2024-10-04,Bruno Bērziņš,7.b,Māksla,Kultūra,draft
CSV
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null
# the summary's figures, whatever they are
metric() { "$SKOLA_BIN" --db "$DB" summary --year 2024 --format csv | awk -F, -v m="$1" '$3 == m { print $5 }'; }
OBSERVED=$(metric observations.teachers_observed)
NOT_OBSERVED=$(metric observations.not_observed)
[ "$OBSERVED" = 1 ] && [ "$NOT_OBSERVED" = 2 ] || { echo "summary: $OBSERVED observed, $NOT_OBSERVED not" >&2; exit 1; }

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 2'
tui_keys w
tui_wait 'Teachers not observed yet'
tui_expect "Teachers observed: $OBSERVED"
tui_expect "Teachers observed of the school year's teachers: $OBSERVED / 5"
tui_expect "Teachers not observed yet: $NOT_OBSERVED"
tui_expect 'Bruno Bērziņš (Matemātika, fizika) — not observed yet'
tui_expect 'Bruno Bērziņš-Kalns (Vēsture, sociālās zinības, ēti…) — not observed yet'
tui_expect_not 'Anna Ābele (Tekstils) —'
tui_expect_not 'Ieva Rozīte'
# Enter on the second teacher: a new sheet for Bruno Bērziņš-Kalns
tui_keys Down Enter
tui_wait 'Observation sheet (LVT-2023)'
tui_expect 'Bruno Bērziņš-Kalns'
tui_keys Escape                                  # nothing entered: not kept
tui_wait 'Observations — 1 of 2'
tui_keys w
tui_wait 'Teachers not observed yet'
tui_keys Enter                                   # the first: Bruno Bērziņš
tui_wait 'Observation sheet (LVT-2023)'
tui_keys Tab; tui_type '9.c'
tui_keys Escape
tui_wait 'Observations — 3 of 3'
[ "$("$SKOLA_BIN" --db "$DB" export observations - 2>/dev/null | grep -c ',Bruno Bērziņš,9\.c,')" = 1 ] ||
    tui_fail "no draft of Bruno Bērziņš with group 9.c"
# Esc leaves the box without a sheet
tui_keys w
tui_wait 'Teachers not observed yet'
tui_keys Escape
tui_wait_gone 'Teachers not observed yet'
tui_expect 'Observations — 3 of 3'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

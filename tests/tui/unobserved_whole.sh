#!/usr/bin/env bash
# The "not observed yet" box: F3 or v shows the focused teacher's line
# whole (the subjects/areas cut with "…" in the list are all there), and
# the box's title carries the counts of `skola summary` in its words.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
cat >"$TUI_DIR/staff.csv" <<'CSV'
full_name,role,areas
Anna Ābele,teacher,Tekstils
Bruno Bērziņš,teacher,"Matemātika, fizika"
Bruno Bērziņš-Kalns,teacher,"Vēsture, sociālās zinības, ētika, filozofija, ""politika"""
Ieva Rozīte,deputy_head,
CSV
"$SKOLA_BIN" --db "$DB" import staff "$TUI_DIR/staff.csv" >/dev/null
printf 'year,teachers,observations_per_teacher_target\n2024,5,1\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null
printf 'date,teacher,group,subject,area,status\n2024-10-03,Anna Ābele,7.b,Māksla,Kultūra,final\n' \
    >"$TUI_DIR/obs.csv"
"$SKOLA_BIN" --db "$DB" import observations "$TUI_DIR/obs.csv" >/dev/null
metric() { "$SKOLA_BIN" --db "$DB" summary --year 2024 --format csv | awk -F, -v m="$1" '$3 == m { print $5 }'; }
OBSERVED=$(metric observations.teachers_observed)
NOT_OBSERVED=$(metric observations.not_observed)
BELOW=$(metric observations.below_target)
[ "$OBSERVED" = 1 ] && [ "$NOT_OBSERVED" = 2 ] || { echo "summary: $OBSERVED observed, $NOT_OBSERVED not" >&2; exit 1; }
WHOLE='Bruno Bērziņš-Kalns (Vēsture, sociālās zinības, ētika, filozofija, "politika") — not observed yet'

tui_restart "$SKOLA_BIN" --db "$DB" --lang en
tui_resize 120 24
tui_wait 'Main menu'
tui_menu Observations
tui_wait 'Observations — 1 of 1'
tui_keys w
tui_wait "Teachers not observed yet: $NOT_OBSERVED of $((OBSERVED + NOT_OBSERVED)) · Teachers below the observations-per-teacher target: $BELOW"
tui_expect 'Bruno Bērziņš-Kalns (Vēsture, sociālās zinības, ēti…) — not observed yet'
tui_keys Down F3
tui_wait 'filozofija, "politika") — not observed yet'
tui_expect "$WHOLE"
tui_keys Escape
tui_wait_gone '"politika")'
tui_expect 'ēti…) — not observed yet'
tui_keys v
tui_wait 'filozofija, "politika") — not observed yet'
tui_keys Escape
tui_wait_gone '"politika")'
# 80 columns: the title still says the not-observed count whole
tui_keys Escape
tui_wait_gone 'Teachers not observed yet:'
tui_resize 80 24
tui_keys w
tui_wait "Teachers not observed yet: $NOT_OBSERVED of $((OBSERVED + NOT_OBSERVED))"
tui_keys q
tui_wait_gone 'Teachers not observed yet:'
tui_expect 'Observations — 1 of 1'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu

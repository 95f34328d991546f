#!/usr/bin/env bash
# Observation ticks are rows a standard SQLite program may change: the
# summary reads each sheet's tick bit sets, so `check` names sheets whose
# rows were changed behind skola's back and `check --repair` makes the
# summary agree with the rows again.
. "$(dirname "$0")/../lib/cli.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3"; exit 0; }
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/observations-staff.csv"
cat >"$T/obs.csv" <<'CSV'
date,teacher,group,subject,area,crit_1_1,crit_1_2,status
2024-01-10,Anna Ābele,T-21,Šūšana,Tekstils,1,0,final
2024-01-11,Anna Ābele,T-21,Šūšana,Tekstils,1,1,final
CSV
run import observations "$T/obs.csv"
summary() {
    note "summary: criteria 1.1 and 1.2"
    "$SKOLA_BIN" summary --year 2023 --format csv |
        grep -E '^T1,2023,observations\.criterion,1\.[12],' >>"$ACTUAL"
}
summary
run check
# another program unticks 1.1 on the first sheet and drops 1.2 of the second
sqlite3 "$T/skola.db" "UPDATE observation_tick SET ticked = 0
  WHERE observation_id = 1 AND criterion_id = (SELECT id FROM observation_criterion WHERE code = '1.1');
  DELETE FROM observation_tick WHERE observation_id = 2
  AND criterion_id = (SELECT id FROM observation_criterion WHERE code = '1.2');"
run check
run check --repair
run check
summary
finish

#!/usr/bin/env bash
# Observation sheets: import (ticks as crit_* columns, purpose and
# recommendations |-joined, staff by name, status final by default), every
# error reported, export round trip, and the summary of 2023./2024. with
# drafts and 31 August / 1 September handled (SPEC §5).
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/observations-staff.csv"
printf 'year,teachers,observation_target_pct,observations_per_teacher_target\n2023,2,50,1\n' >"$T/years.csv"
run import school-years "$T/years.csv"
run import observations "$DATA/observations-errors.csv"
run import observations "$DATA/observations-clean.csv"
run export observations -
# only the observation part: the other parts have their own tests
note "summary --year 2023 --format csv (observation rows)"
"$SKOLA_BIN" summary --year 2023 --format csv | grep -E '^(school_code|T1,2023,observations\.)' >>"$ACTUAL"
note "summary --year 2023 (observation part)"
"$SKOLA_BIN" summary --year 2023 | sed -n '1,/^Devices/p' | grep -v '^Devices' >>"$ACTUAL"
"$SKOLA_BIN" export observations "$T/one.csv" 2>/dev/null
"$SKOLA_BIN" --db "$T/two.db" init --school-code T1 --school-name X >/dev/null
"$SKOLA_BIN" --db "$T/two.db" import staff "$DATA/observations-staff.csv" >/dev/null
run --db "$T/two.db" import observations "$T/one.csv"
"$SKOLA_BIN" --db "$T/two.db" export observations "$T/two.csv" 2>/dev/null
if cmp "$T/one.csv" "$T/two.csv"; then note "round trip: identical"; else note "round trip: DIFFERENT"; fi
finish

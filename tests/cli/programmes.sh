#!/usr/bin/env bash
# programmes: a kind described only by its descriptor (forms/kind_programme.c;
# its table is generated). Errors with line:column (an impossible date, a
# missing name, a negative count, a year out of range, the natural key
# year + code twice), clean import, both profiles, round trip, upsert on
# year + code, a code that is the start of another code.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import programmes "$DATA/programmes-errors.csv"
run import programmes "$DATA/programmes-clean.csv" --dry-run
run import programmes "$DATA/programmes-clean.csv"
run export programmes
run export programmes --year 2022
round_trip programmes
cat >"$T/up.csv" <<'CSV'
year,code,name,pupils_start,pupils_completed
2023,33484011,Programmēšana,120,117
2023,3348401,Programmēšana (cits kods),5,0
CSV
run import programmes "$T/up.csv"
run import programmes "$T/up.csv" --mode upsert
run export programmes --profile excel
run check
finish

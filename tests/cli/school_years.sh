#!/usr/bin/env bash
# school-years: the denominators; Latvian headers with ';'; errors with
# line:column (year range, negative pupils, a percentage over 100, a year
# twice); round trip; upsert on year keeps the columns left out.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import school-years "$DATA/school-years-errors.csv"
run import school-years "$DATA/school-years-clean.csv"
run export school-years
round_trip school-years
cat >"$T/up.csv" <<'CSV'
year,pupils
2024,1380
2025,1402
CSV
run import school-years "$T/up.csv"
run import school-years "$T/up.csv" --mode upsert
run export school-years
finish

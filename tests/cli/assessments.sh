#!/usr/bin/env bash
# assessments: indicator codes from the IKVD list, long texts over lines;
# errors with line:column (unknown code, year out of range, the same year and
# indicator twice, a missing code); round trip; upsert on year + indicator.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import assessments "$DATA/assessments-errors.csv"
run import assessments "$DATA/assessments-clean.csv"
run export assessments --year 2023
round_trip assessments
cat >"$T/up.csv" <<'CSV'
year,indicator_code,development_needs
2023,4.1.3,Mentoru sistēma un atgriezeniskā saite
2023,4.2.3,
CSV
run import assessments "$T/up.csv"
run import assessments "$T/up.csv" --mode upsert
run export assessments
finish

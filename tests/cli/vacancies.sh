#!/usr/bin/env bash
# vacancies: errors with line:column (closed before opened, a missing or
# impossible date, a negative number, the natural key subject + open_since
# twice), clean import, round trip, upsert on subject + open_since.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import vacancies "$DATA/vacancies-errors.csv"
run import vacancies "$DATA/vacancies-clean.csv" --dry-run
run import vacancies "$DATA/vacancies-clean.csv"
run export vacancies
run export vacancies --year 2023
round_trip vacancies
cat >"$T/up.csv" <<'CSV'
subject,open_since,closed_on
Autovadītāja apmācība,2024-08-26,2024-11-04
Fizika,2024-11-01,
CSV
run import vacancies "$T/up.csv"
run import vacancies "$T/up.csv" --mode upsert
run export vacancies
finish

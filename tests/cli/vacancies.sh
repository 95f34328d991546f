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
printf 'subject,open_since,closed_on\nAutovadītāja apmācība,2024-08-26,2024-11-04\nFizika,2024-11-01,\n' >"$T/up.csv"
run import vacancies "$T/up.csv"
run import vacancies "$T/up.csv" --mode upsert
run export vacancies
finish

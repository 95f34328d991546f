#!/usr/bin/env bash
# trainings: staff named by full_name (case and diacritics may differ); an
# unknown name is an error naming the closest names, unless
# --create-references creates the person (role teacher); errors with
# line:column; round trip; upsert on staff + date + title; a staff member
# with trainings cannot be deleted (checked in the unit tests).
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-clean.csv"
run import trainings "$DATA/trainings-errors.csv"
run import trainings "$DATA/trainings-clean.csv"
run export trainings
round_trip trainings staff
cat >"$T/new.csv" <<'CSV'
staff,date,title,hours
Pēteris Ozols,2024-01-10,Pirmā palīdzība,8
CSV
run import trainings "$T/new.csv"
run import trainings "$T/new.csv" --create-references --dry-run
run import trainings "$T/new.csv" --create-references
run export staff
cat >"$T/up.csv" <<'CSV'
staff,date,title,hours
Jānis Bērziņš,2024-03-15,Formatīvā vērtēšana,14
CSV
run import trainings "$T/up.csv"
run import trainings "$T/up.csv" --mode upsert
run export trainings
finish

#!/usr/bin/env bash
# consultations: consultant by full_name, choices by key or label, a note
# over two lines; errors with line:column; round trip; consultations have no
# natural key, so --mode upsert cannot update them: rows identical to stored
# ones are skipped as duplicates.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-clean.csv"
run import consultations "$DATA/consultations-errors.csv"
run import consultations "$DATA/consultations-clean.csv"
run export consultations
round_trip consultations staff
run import consultations "$DATA/consultations-clean.csv" --mode upsert
run export consultations --year 2024
finish

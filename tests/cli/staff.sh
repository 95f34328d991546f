#!/usr/bin/env bash
# staff: every error of a Latvian-headed Excel file with its line:column,
# dry run, clean import (roles by key or label, FTE with 3 places), round
# trip in both profiles, upsert on full_name, and deleting is refused while
# trainings refer to the person (through the import of a training).
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-errors.csv"
run import staff "$DATA/staff-clean.csv" --dry-run
run import staff "$DATA/staff-clean.csv"
run export staff
round_trip staff
cat >"$T/up.csv" <<'CSV'
full_name,role,fte
Jānis Bērziņš,deputy_head,1
Inga Vītola,teacher,"0,333"
CSV
run import staff "$T/up.csv"
run import staff "$T/up.csv" --mode upsert
run export staff
finish

#!/usr/bin/env bash
# priorities: status by key or Latvian label (default in_progress); errors
# with line:column; round trip; upsert on year + priority.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import priorities "$DATA/priorities-errors.csv"
run import priorities "$DATA/priorities-clean.csv"
run export priorities
round_trip priorities
cat >"$T/up.csv" <<'CSV'
year,priority,status,result
2023,Drošība un labsajūta,achieved,Sasniegts
2025,Digitālā pratība,Procesā,
CSV
run import priorities "$T/up.csv"
run import priorities "$T/up.csv" --mode upsert
run export priorities --year 2023
finish

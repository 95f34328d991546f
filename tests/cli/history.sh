#!/usr/bin/env bash
# skola history KIND KEY: a record's audit trail, newest first — field
# changes as old → new with labels and display values, then "created by
# import of FILE on DATE by LOGIN" (or "created"); the natural key, a key of
# two parts joined by "/", "#N" (the record number; kinds without a natural
# key); Latvian; an unknown kind or key exits 1 with a clear message, a key
# that is a part of a longer key is not it. A record is found by its uid
# too (a deleted record's history: test_core_history).
. "$(dirname "$0")/../lib/cli.sh"
ME=$(id -un)
MASK="s/  $ME  /  LOGIN  /; s/ by $ME\$/ by LOGIN/; s/ veica $ME\$/ veica LOGIN/"
run init --school-code T1 --school-name "Testa skola"
cat >"$T/dev.csv" <<'CSV'
inventory_no,category,manufacturer,serial,supplier,status
INV-1,laptop,Dell,SN-1,SIA “Dators”,in_use
INV-10,laptop,HP,SN-10,,in_use
CSV
run import devices "$T/dev.csv"
# a later change of two fields (upsert at another time)
cat >"$T/dev2.csv" <<'CSV'
inventory_no,category,manufacturer,serial,supplier,status
INV-1,laptop,Dell,SN-1,SIA Baltic IT,written_off
CSV
SKOLA_NOW=2024-11-20T08:30:00Z run import devices "$T/dev2.csv" --mode upsert
run history devices INV-1
run --lang lv history devices INV-1
run history devices INV-10
run history devices '#2'
# by its uid (the export's first column); a uid no record has
UID1=$("$SKOLA_BIN" export devices | grep ',INV-1,' | cut -d, -f1)
run history devices "$UID1"
run history devices 0f8fad5b-d9cb-469f-a165-70867728950e
run --lang lv history devices 0f8fad5b-d9cb-469f-a165-70867728950e
# not there: a part of a longer key, a wrong kind, a missing key
run history devices INV
run history gadgets INV-1
run --lang lv history devices NAV-TĀDA
run history devices
# a kind without a natural key: by record number only
run import staff "$DATA/observations-staff.csv"
cat >"$T/obs.csv" <<'CSV'
date,teacher,group,subject,area,status
2024-01-10,Anna Ābele,T-21,Šūšana,Tekstils,final
CSV
run import observations "$T/obs.csv"
run history observations 1
run history observations Ābele
# a key of two fields: year/indicator
cat >"$T/as.csv" <<'CSV'
year,indicator_code,strengths,development_needs
2023,2.5.1,Laba sistēma,
CSV
run import assessments "$T/as.csv"
run history assessments 2023/2.5.1
run history assessments 2.5.1
# a record created one by one (the demo inserts them): "created"
run --db "$T/demo.db" demo
run --db "$T/demo.db" history devices LVT-000001
finish

#!/usr/bin/env bash
# loans: a kind described only by its descriptor (forms/kind_loan.c). Errors
# with line:column (a device that does not exist, a due date before the day
# it was lent, an unknown borrower kind, a missing borrower), clean import,
# both profiles, round trip (after the devices it refers to), upsert on
# device + out_on, and the summary's loans.open and loans.overdue on the
# reference date (SKOLA_TODAY 15.11.2024) in text and CSV. An imported
# open loan follows the interface's rules (no written-off device, one open
# loan per device, in the database or the file).
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-clean.csv"
cat >"$T/errors.csv" <<'CSV'
device,borrower,borrower_kind,out_on,due_on,returned_on,notes
LVT-9999,Jānis Bērziņš,staff,2024-10-01,,,
LVT-0001,Jānis Bērziņš,staff,2024-10-01,2024-09-30,,
LVT-0002,7.b,class,2024-10-01,,,
LVT-0003,,pupil,2024-10-01,,,
CSV
run import loans "$T/errors.csv"
cat >"$T/loans.csv" <<'CSV'
device,borrower,borrower_kind,out_on,due_on,returned_on,notes
LVT-0001,Jānis Bērziņš,staff,2024-10-01,2024-11-14,,"lādētājs, soma"
LVT-0002,7.b klase,Izglītojamais,2024-10-01,2024-11-15,,
LVT-0003,Anna Ābele,staff,2024-09-02,2024-10-01,2024-11-15,
LVT-0005,Pupil-0417,pupil,2024-09-02,2024-11-01,,
CSV
run import loans "$T/loans.csv" --dry-run
run import loans "$T/loans.csv"
run export loans
run export loans --year 2024
round_trip loans devices
cat >"$T/up.csv" <<'CSV'
device,out_on,borrower,returned_on
LVT-0001,2024-10-01,Jānis Bērziņš,2024-11-15
LVT-0001,2024-11-15,Rita Zvirbule,
CSV
run import loans "$T/up.csv"
run import loans "$T/up.csv" --mode upsert
run export loans --profile excel
run summary --year 2024
run summary --year 2024 --format csv
# the interface's rules hold for imports too: no loan of a written-off
# device (LVT-0004), no second open loan of a device, whether the first is
# stored (LVT-0002) or on an earlier line of the file (LVT-0003); a
# returned loan is history and passes (LVT-0004 before its write-off)
cat >"$T/rules.csv" <<'CSV'
device,borrower,borrower_kind,out_on,due_on,returned_on,notes
LVT-0004,Jānis Bērziņš,staff,2024-10-01,,,
LVT-0002,Anna Ābele,staff,2024-10-02,,,
LVT-0003,Anna Ābele,staff,2024-10-02,,,
LVT-0003,Rita Zvirbule,staff,2024-10-03,,,
LVT-0004,Rita Zvirbule,staff,2024-01-03,,2024-02-01,
CSV
run import loans "$T/rules.csv"
run --lang lv import loans "$T/rules.csv"
sed -i '/^LVT-0004,J/d; /^LVT-0002/d; /^LVT-0003,Rita/d' "$T/rules.csv"
run import loans "$T/rules.csv"
run check
finish

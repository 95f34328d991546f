#!/bin/bash
# A field added to a descriptor (devices' write_off_act) reaches a file made
# before it: opening the file adds the column (storage_kinds_sync), the data
# stays, and `skola check` then finds the table just like a new file's.
. "$(dirname "$0")/../lib/reliability.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
"$SKOLA_BIN" --db "$DB" init --school-code T1 --school-name "Testa skola" >/dev/null ||
    fail "init"
"$SKOLA_BIN" --db "$DB" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null ||
    fail "import"
# the file as an older skola left it: no write_off_act, no fingerprint
sqlite3 "$DB" 'ALTER TABLE device DROP COLUMN write_off_act; DELETE FROM generated_schema;' ||
    fail "could not make the older file"
printf 'inventory_no,category,status,write_off_act\nLVT-9,laptop,written_off,A-1\n' >"$T/new.csv"
"$SKOLA_BIN" --db "$DB" import devices "$T/new.csv" >/dev/null || fail "import into the older file"
"$SKOLA_BIN" --db "$DB" export devices - | grep -q '^[0-9a-f-]*,LVT-9,.*,written_off,,A-1,' ||
    fail "the new column did not take the act number"
"$SKOLA_BIN" --db "$DB" export devices - | grep -q '^[0-9a-f-]*,LVT-0004,.*,written_off,2024-06-01,,' ||
    fail "the old rows changed"
"$SKOLA_BIN" --db "$DB" check >"$T/check.out" 2>&1 || { cat "$T/check.out" >&2; fail "check"; }
check_db

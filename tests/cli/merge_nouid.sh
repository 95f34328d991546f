#!/usr/bin/env bash
# skola merge and rows another program (sqlite3) inserted without a uid:
# a backup first gives the file's rows theirs, so the copy's merge base
# names them and the merge takes the copy's edit of such a row; rows the
# other program inserts into the copy afterwards stop the merge (named)
# until `check --repair` gives them uids, and nothing is matched by ''.
. "$(dirname "$0")/../lib/cli.sh"
L="$T/laptop.db"
ins() { sqlite3 "$1" "INSERT INTO device(school_id, inventory_no, category, status, search, version) VALUES (1, '$2', 'laptop', 'in_use', '', 1)"; }
count() { sqlite3 "$1" "SELECT count(*) || ' EXT rows, ' || count(DISTINCT uid) || ' uids, ' || sum(uid = '') || ' without' FROM device WHERE inventory_no LIKE 'EXT-%'"; }
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-clean.csv"
ins "$SKOLA_DB" EXT-1
ins "$SKOLA_DB" EXT-2
note "here before the backup: $(count "$SKOLA_DB")"
run backup "$L"
note "here: $(count "$SKOLA_DB"); the copy: $(count "$L")"
note "here and in the copy the same uids: $([ "$(sqlite3 "$SKOLA_DB" "SELECT group_concat(uid) FROM device WHERE inventory_no LIKE 'EXT-%'")" = "$(sqlite3 "$L" "SELECT group_concat(uid) FROM device WHERE inventory_no LIKE 'EXT-%'")" ] && echo yes || echo NO)"
note "# in the copy: EXT-1 edited by skola, EXT-3 and EXT-4 inserted by sqlite3"
printf 'inventory_no,category,room\nEXT-1,laptop,Klase 9\n' >"$T/e.csv"
run --db "$L" import devices "$T/e.csv" --mode upsert
ins "$L" EXT-3
ins "$L" EXT-4
run merge "$L"
run --db "$L" check --repair
run merge "$L"
note "here: $(count "$SKOLA_DB")"
note "EXT-1 room: $("$SKOLA_BIN" export devices | grep ',EXT-1,' | cut -d, -f14)"
run merge "$L"
note "here: $(count "$SKOLA_DB")"
finish

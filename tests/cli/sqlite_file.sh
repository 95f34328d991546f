#!/usr/bin/env bash
# The file is a standard SQLite database: the sqlite3 CLI checks, reads and
# writes a demo file (no "no such collation sequence"); `skola check` then
# names the rows whose Latvian sort keys the other program left outdated,
# `check --repair` refreshes them, and the lists are in order again. Rows
# it inserts without a uid are listed, named by check and given uids.
. "$(dirname "$0")/../lib/cli.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing"; exit 1; }
# sq SQL — runs the sqlite3 CLI on the database, appends the transcript.
sq() {
    local out rc
    out=$(sqlite3 -bail "$SKOLA_DB" "$1" 2>&1)
    rc=$?
    note "\$ sqlite3 skola.db \"$1\""
    [ -z "$out" ] || note "$out"
    note "[exit $rc]"
}
# column KIND — the first column of `skola export KIND` without its header:
# the list order (natural key, Latvian).
column() {
    "$SKOLA_BIN" export "$1" | tail -n +2 | cut -d, -f2 >"$T/col" # f1: the uid
    note "first: $(head -2 "$T/col" | tr '\n' '|') last: $(tail -1 "$T/col")"
}
run demo
sq "PRAGMA integrity_check"
sq "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%COLLATE%'"
sq "SELECT count(*) > 0 FROM device"
column devices
column staff
# another program renames the first device and adds a person
sq "UPDATE device SET inventory_no = 'Ž-001' WHERE id = (SELECT id FROM device ORDER BY inventory_no__sk LIMIT 1)"
sq "INSERT INTO staff(school_id, full_name, role, search, version, uid) VALUES (1, 'Žubure Zane', 'teacher', '', 1, 'a1b2c3d4-0000-7000-8000-000000000001')"
sq "INSERT INTO staff(school_id, full_name, role, search, version, full_name__sk, uid) VALUES (1, 'Ābele Anna', 'teacher', '', 1, NULL, 'a1b2c3d4-0000-7000-8000-000000000002')"
sq "PRAGMA integrity_check"
# until the repair the rows keep their old place (a new row without a key: first)
column devices
column staff
run check
run check --repair
run check
run check --repair
column devices
column staff
# rows another program inserts without a uid (two of a kind: both '', no
# UNIQUE failure): check names them, --repair gives them distinct uids
ins_dev() { sq "INSERT INTO device(school_id, inventory_no, category, status, search, version) VALUES (1, '$1', 'laptop', 'in_use', '', 1)"; }
ins_dev EXT-1
ins_dev EXT-2
sq "INSERT INTO staff(school_id, full_name, role, search, version) VALUES (1, 'Ārējā Alise', 'teacher', '', 1)"
sq "INSERT INTO staff(school_id, full_name, role, search, version) VALUES (1, 'Ārējais Ansis', 'teacher', '', 1)"
sq "SELECT count(*) FROM device WHERE uid = ''"
run check
run check --repair
# canonical UUID version 7 text, lower case
V7="(length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*' AND substr(uid, 9, 1) || substr(uid, 14, 2) || substr(uid, 19, 1) || substr(uid, 24, 1) = '--7--')"
sq "SELECT count(DISTINCT uid) FROM staff WHERE full_name LIKE 'Ārēj%' AND $V7"
sq "SELECT count(DISTINCT uid) FROM device WHERE inventory_no LIKE 'EXT-%' AND $V7"
# an export gives such rows their uids first: no empty uid cell
ins_dev EXT-3
ins_dev EXT-4
"$SKOLA_BIN" export devices >"$T/dev.csv"
note "empty uid cells: $(grep -c '^,' "$T/dev.csv")"
sq "SELECT count(*) FROM device WHERE uid = '' OR NOT $V7"
"$SKOLA_BIN" export devices >"$T/dev2.csv"
cmp -s "$T/dev.csv" "$T/dev2.csv" && note "a second export: the same uids"
# imported again (one row's uid cell emptied: matched by its natural key):
# updates, no second EXT-1 or EXT-3
sed -i 's/^[^,]*,EXT-1,/,EXT-1,/' "$T/dev.csv"
run import devices "$T/dev.csv" --mode upsert
sq "SELECT count(*), count(DISTINCT uid) FROM device WHERE inventory_no LIKE 'EXT-%'"
run check --repair
run check
# uids another program changed into something skola never makes (upper
# case, too short, not hex): check names them, --repair gives new ones
sq "UPDATE device SET uid = upper(uid) WHERE inventory_no = 'EXT-1'"
sq "UPDATE device SET uid = 'xyz' WHERE inventory_no = 'EXT-2'"
sq "UPDATE staff SET uid = 'g1b2c3d4-0000-7000-8000-000000000009' WHERE full_name = 'Ārējā Alise'"
run check
run check --repair
run check
sq "SELECT count(*) FROM device WHERE inventory_no IN ('EXT-1', 'EXT-2') AND $V7"
run check --frobnicate
run check --repair extra
finish

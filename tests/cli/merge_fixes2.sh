#!/usr/bin/env bash
# skola merge, the second black-box report (attack of issue 14 §4): the copy
# is only read, never written or migrated; a cp copy of a copy keeps its own
# changes; a decision with --prefer other is the base of the next merge.
. "$(dirname "$0")/../lib/cli.sh"
uid_of() { "$SKOLA_BIN" --db "$1" export "$2" | grep ",$3," | cut -d, -f1; }
field_of() { "$SKOLA_BIN" --db "$1" export devices | grep ",$2," | cut -d, -f"$3"; }
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-clean.csv"
run import devices "$DATA/devices-clean.csv"
cp "$SKOLA_DB" "$T/base.db"
reset() { cp "$T/base.db" "$SKOLA_DB"; rm -f "$T"/lap*.db*; "$SKOLA_BIN" backup "$T/lap.db" >/dev/null; }
U1=$(uid_of "$SKOLA_DB" devices LVT-0001)

note "# A (#9): an empty file is not a skola database and stays empty"
: >"$T/e.db"
run merge "$T/e.db" --dry-run
note "e.db bytes: $(wc -c <"$T/e.db")"
note "# a file that is no database at all"
printf 'inventory_no\nLVT-1\n' >"$T/t.db"
run merge "$T/t.db"
note "# a copy of another schema version is refused and not migrated"
reset
sqlite3 "$T/lap.db" "pragma user_version=20"
run merge "$T/lap.db" --dry-run
note "copy's schema after: $(sqlite3 "$T/lap.db" 'pragma user_version')"
note "# (#10) a copy in a folder nobody may write is merged (read as it is)"
reset
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Ro room\n' "$U1" >"$T/ro.csv"
run --db "$T/lap.db" import devices "$T/ro.csv" --mode upsert
mkdir "$T/ro"
"$SKOLA_BIN" --db "$T/lap.db" backup "$T/ro/c.db" >/dev/null
cp "$T/lap.db" "$T/ro/lap.db"
rm -f "$T/ro/c.db"
# root may write anything: the merge runs as nobody then
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$T"
    chmod 0755 "$T"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
chmod 555 "$T/ro"
# the merge's transcript as `run` writes it, run by as_user
{
    echo "\$ skola merge $T/ro/lap.db"
    "${as_user[@]}" "$SKOLA_BIN" merge "$T/ro/lap.db" 2>&1 </dev/null
    echo "[exit $?]"
} | sed -e "s#$T#\$T#g" -e 's/^skola: /! skola: /' >>"$ACTUAL"
chmod 755 "$T/ro"
note "LVT-0001 room here: $(field_of "$SKOLA_DB" LVT-0001 14)"
note "files in the folder: $(ls "$T/ro" | tr '\n' ' ')"

note "# B (#3): a cp copy of the copy and the copy, each changed: both changes kept"
reset
cp "$T/lap.db" "$T/lapcp.db"
printf 'uid,inventory_no,category,status\n%s,LVT-0001,laptop,in_repair\n' "$U1" >"$T/b.csv"
run --db "$T/lapcp.db" import devices "$T/b.csv" --mode upsert
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 42\n' "$U1" >"$T/b3.csv"
run --db "$T/lap.db" import devices "$T/b3.csv" --mode upsert
run merge "$T/lapcp.db"
run merge "$T/lap.db"
note "LVT-0001 status, room here: $(field_of "$SKOLA_DB" LVT-0001 17), $(field_of "$SKOLA_DB" LVT-0001 14)"
run history devices LVT-0001
note "# the same field changed to different values in the two: a conflict"
reset
cp "$T/lap.db" "$T/lapcp.db"
run --db "$T/lapcp.db" import devices "$T/b3.csv" --mode upsert
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 43\n' "$U1" >"$T/b4.csv"
run --db "$T/lap.db" import devices "$T/b4.csv" --mode upsert
run merge "$T/lapcp.db"
run merge "$T/lap.db"
note "LVT-0001 room here: $(field_of "$SKOLA_DB" LVT-0001 14)"

note "# C (#7): decided for the copy, then changed again only in the copy: taken, no conflict"
reset
printf 'uid,inventory_no,category,status\n%s,LVT-0001,laptop,broken\n' "$U1" >"$T/c1.csv"
printf 'uid,inventory_no,category,status\n%s,LVT-0001,laptop,in_storage\n' "$U1" >"$T/c2.csv"
run --db "$T/lap.db" import devices "$T/b.csv" --mode upsert
run import devices "$T/c1.csv" --mode upsert
run merge "$T/lap.db" --prefer other
run --db "$T/lap.db" import devices "$T/c2.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-0001 status here: $(field_of "$SKOLA_DB" LVT-0001 17)"
note "# changed on both sides after that merge: a true conflict still"
run import devices "$T/c1.csv" --mode upsert
run --db "$T/lap.db" import devices "$T/b.csv" --mode upsert
run merge "$T/lap.db"

note "# E (#2): the same inventory number added on both sides: a conflict, decided by --prefer"
reset
printf 'inventory_no,category,room\nLVT-9001,laptop,Here\n' >"$T/e1.csv"
printf 'inventory_no,category,room\nLVT-9001,laptop,There\nLVT-9002,printer,There\n' >"$T/e2.csv"
run import devices "$T/e1.csv"
run --db "$T/lap.db" import devices "$T/e2.csv"
run merge "$T/lap.db"
run merge "$T/lap.db" --prefer this
note "LVT-9001 here: $(field_of "$SKOLA_DB" LVT-9001 14), LVT-9002: $(field_of "$SKOLA_DB" LVT-9002 14)"
run merge "$T/lap.db"
reset
run import devices "$T/e1.csv"
run --db "$T/lap.db" import devices "$T/e2.csv"
run merge "$T/lap.db" --prefer other
note "LVT-9001 here: $(field_of "$SKOLA_DB" LVT-9001 14), uid the copy's: $([ "$(uid_of "$SKOLA_DB" devices LVT-9001)" = "$(uid_of "$T/lap.db" devices LVT-9001)" ] && echo yes || echo no), devices: $("$SKOLA_BIN" export devices | grep -c ',LVT-')"
run history devices LVT-9001
run merge "$T/lap.db"
note "# the same new person added on both sides"
reset
printf 'full_name,role\nIeva Jauna,teacher\n' >"$T/p.csv"
run import staff "$T/p.csv"
run --db "$T/lap.db" import staff "$T/p.csv"
run merge "$T/lap.db"
run merge "$T/lap.db" --prefer other
note "Ieva Jauna here: $("$SKOLA_BIN" export staff | grep -c 'Ieva Jauna')"

note "# F (#8): one device lent in each file: the merge would leave two open loans, refused"
reset
printf 'device,borrower,borrower_kind,out_on\nLVT-0002,Jānis Bērziņš,staff,2024-11-10\n' >"$T/l1.csv"
printf 'device,borrower,borrower_kind,out_on\nLVT-0002,7.b klase,other,2024-11-12\n' >"$T/l2.csv"
run import loans "$T/l1.csv"
run --db "$T/lap.db" import loans "$T/l2.csv"
run merge "$T/lap.db" --prefer other
note "open loans of LVT-0002 here: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM loan WHERE returned_on IS NULL")"
note "# a device written off here, lent in the copy: refused"
reset
printf 'uid,inventory_no,category,status,written_off_on\n%s,LVT-0001,laptop,written_off,2024-11-14\n' "$U1" >"$T/w.csv"
printf 'device,borrower,borrower_kind,out_on\nLVT-0001,Jānis Bērziņš,staff,2024-11-10\n' >"$T/l3.csv"
run import devices "$T/w.csv" --mode upsert
run --db "$T/lap.db" import loans "$T/l3.csv"
run merge "$T/lap.db"
note "open loans here: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM loan WHERE returned_on IS NULL")"

note "# G (#4): audit rows another program added to the copy (dated before the copy was taken,"
note "# or of a record the copy did not change) are not brought in"
reset
run --db "$T/lap.db" import devices "$T/b3.csv" --mode upsert
sqlite3 "$T/lap.db" "INSERT INTO audit(at, os_user, school_id, kind, record_id, action, field, old_value, new_value)
    SELECT '2020-01-01T00:00:00Z', 'mallory', school_id, 'devices', id, 'update', 'room', '204', 'Forged' FROM device WHERE inventory_no = 'LVT-0001';
    INSERT INTO audit(at, os_user, school_id, kind, record_id, action, field, old_value, new_value)
    SELECT '2024-11-15T10:00:00Z', 'mallory', school_id, 'devices', id, 'update', 'room', 'Bibliotēka', 'Forged' FROM device WHERE inventory_no = 'LVT-0002'"
run merge "$T/lap.db"
run history devices LVT-0001
run history devices LVT-0002
note "mallory's rows here: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM audit WHERE os_user = 'mallory'")"

note "# H (#12): a record deleted here, changed in the copy, restored with --prefer other:"
note "# the copy's audit rows name the restored record"
reset
run --db "$T/lap.db" import devices "$T/b3.csv" --mode upsert
sqlite3 "$SKOLA_DB" "DELETE FROM device WHERE inventory_no = 'LVT-0001'"
run merge "$T/lap.db" --prefer other
run history devices LVT-0001
note "audit rows naming no device: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM audit a WHERE kind = 'devices' AND action <> 'delete' AND NOT EXISTS (SELECT 1 FROM device d WHERE d.id = a.record_id)")"

note "# minor (#13): a device file, a folder; --prefer given twice; Latvian conflicts name choices"
run merge /dev/null
run merge "$T/ro"
run merge "$T/lap.db" --prefer this --prefer other
reset
run --db "$T/lap.db" import devices "$T/b.csv" --mode upsert
run import devices "$T/c1.csv" --mode upsert
run --lang lv merge "$T/lap.db"
note "# mergefix3 1: the same new person added on both sides, a training of her on each side"
printf 'staff,date,title,hours\nIeva Jauna,2026-01-10,Kurss A,8\n' >"$T/pt1.csv"
printf 'staff,date,title,hours\nIeva Jauna,2026-01-11,Kurss "B",8\n' >"$T/pt2.csv"
reset
run import staff "$T/p.csv"
run import trainings "$T/pt1.csv"
run --db "$T/lap.db" import staff "$T/p.csv"
run --db "$T/lap.db" import trainings "$T/pt2.csv"
note "# undecided: the message names the duplicate, not a deletion"
run merge "$T/lap.db"
run merge "$T/lap.db" --prefer this
note "Ieva Jauna here: $("$SKOLA_BIN" export staff | grep -c 'Ieva Jauna'), her trainings: $("$SKOLA_BIN" export trainings | grep -c ',Ieva Jauna,')"
note "staff of the copy's training here is ours: $([ "$(sqlite3 "$SKOLA_DB" "SELECT s.uid FROM training t JOIN staff s ON s.id = t.staff WHERE t.title LIKE 'Kurss %B%'")" = "$(uid_of "$SKOLA_DB" staff 'Ieva Jauna')" ] && echo yes || echo no)"
run merge "$T/lap.db"
note "# mergefix3 2: --prefer this is remembered per field value when the copy changes another field"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,"Kab ""999"""\n' "$U1" >"$T/r1.csv"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 555\n' "$U1" >"$T/r2.csv"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 5555\n' "$U1" >"$T/r3.csv"
reset
run import devices "$T/r1.csv" --mode upsert
run --db "$T/lap.db" import devices "$T/r2.csv" --mode upsert
run merge "$T/lap.db" --prefer this
run --db "$T/lap.db" import devices "$T/c1.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-0001 status, room here: $(field_of "$SKOLA_DB" LVT-0001 17), $(field_of "$SKOLA_DB" LVT-0001 14)"
run history devices LVT-0001
note "# the copy's field changed again to another value: a new conflict"
run --db "$T/lap.db" import devices "$T/r3.csv" --mode upsert
run merge "$T/lap.db"
note "# mergefix3 3: two cp copies of one copy, each changed in another field, settle"
reset
cp "$T/lap.db" "$T/lapcp.db"
run --db "$T/lapcp.db" import devices "$T/b3.csv" --mode upsert
run --db "$T/lap.db" import devices "$T/c1.csv" --mode upsert
run merge "$T/lapcp.db"
run merge "$T/lap.db"
v1=$(sqlite3 "$SKOLA_DB" "SELECT version FROM device WHERE inventory_no = 'LVT-0001'")
run merge "$T/lapcp.db"
run merge "$T/lap.db"
run merge "$T/lapcp.db"
v2=$(sqlite3 "$SKOLA_DB" "SELECT version FROM device WHERE inventory_no = 'LVT-0001'")
note "LVT-0001 status, room here: $(field_of "$SKOLA_DB" LVT-0001 17), $(field_of "$SKOLA_DB" LVT-0001 14); version unchanged by the later merges: $([ "$v1" = "$v2" ] && echo yes || echo "no ($v1 -> $v2)")"
note "# mergefix3 4: a damaged copy: nothing is made beside it, even with --dry-run"
reset
mkdir -p "$T/dmg"
head -c 100 "$T/lap.db" >"$T/dmg/t.db"
run merge "$T/dmg/t.db" --dry-run
run merge "$T/dmg/t.db"
note "files in its folder: $(ls -A "$T/dmg" | tr '\n' ' ')"
note "# a copy the user may not write, in a folder that may be written: nothing left beside it"
mkdir -p "$T/ro4"
cp "$T/lap.db" "$T/ro4/lap.db"
chmod 0444 "$T/ro4/lap.db"
if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$T/ro4" "$SKOLA_DB"; fi
{
    echo "\$ skola merge $T/ro4/lap.db"
    "${as_user[@]}" "$SKOLA_BIN" merge "$T/ro4/lap.db" 2>&1 </dev/null
    echo "[exit $?]"
} | sed -e "s#$T#\$T#g" -e 's/^skola: /! skola: /' >>"$ACTUAL"
note "files in its folder: $(ls -A "$T/ro4" | tr '\n' ' ')"
note "# mergefix3 5: a field taken from the copy whose change is dated before the copy (clock behind)"
note "# gets the merge's own audit row"
reset
SKOLA_NOW=2020-01-01T00:00:00Z "$SKOLA_BIN" --db "$T/lap.db" import devices "$T/c1.csv" --mode upsert >/dev/null
run import devices "$T/b3.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-0001 status, room here: $(field_of "$SKOLA_DB" LVT-0001 17), $(field_of "$SKOLA_DB" LVT-0001 14)"
run history devices LVT-0001
run merge "$T/lap.db"
note "# mergefix3 4b: a copy too large for the check at open, damaged where only the merge reads:"
note "# this file is not marked damaged, the copy is named"
reset
sqlite3 "$T/lap.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
    INSERT INTO audit(at, os_user, school_id, kind, record_id, action, field, old_value, new_value)
    SELECT '2020-01-01T00:00:00Z', 'pad', 1, 'settings', 0, 'update', 'x', '', printf('%.900c', 'x') FROM n"
python3 - "$T/lap.db" <<'PY'
import os, sys
p = sys.argv[1]; ps = 4096; n = os.path.getsize(p) // ps
with open(p, 'r+b') as f:
    for i in range(n - 400, n - 390):
        f.seek(i * ps); f.write(b'\xff' * ps)
PY
run merge "$T/lap.db"
note "files beside this file: $(cd "$(dirname "$SKOLA_DB")" && ls -A | grep -c '\.damaged$')"
run check
note "# mergefix4 1: one field changed on both sides, another only here: only the first is a"
note "# conflict; --prefer decides it, each side's one-sided fields stay"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 999\n' "$U1" >"$T/f1.csv"
printf 'uid,inventory_no,category,status\n%s,LVT-0001,laptop,broken\n' "$U1" >"$T/f2.csv"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 555\n' "$U1" >"$T/f3.csv"
printf 'uid,inventory_no,category,notes\n%s,LVT-0001,laptop,"a ""noted"" one, here"\n' "$U1" >"$T/f4.csv"
for side in other this; do
    reset
    run import devices "$T/f1.csv" --mode upsert
    run import devices "$T/f2.csv" --mode upsert
    run --db "$T/lap.db" import devices "$T/f3.csv" --mode upsert
    run --db "$T/lap.db" import devices "$T/f4.csv" --mode upsert
    run merge "$T/lap.db" --dry-run
    run merge "$T/lap.db" --prefer $side
    note "LVT-0001 room, status, notes here: $(field_of "$SKOLA_DB" LVT-0001 14), $(field_of "$SKOLA_DB" LVT-0001 17), $(field_of "$SKOLA_DB" LVT-0001 21-22)"
    run merge "$T/lap.db"
    note "# then the copy changes the decided field again, this file the other"
    printf 'uid,inventory_no,category,status\n%s,LVT-0001,laptop,in_storage\n' "$U1" >"$T/f5.csv"
    printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Kab 556\n' "$U1" >"$T/f6.csv"
    run import devices "$T/f5.csv" --mode upsert
    run --db "$T/lap.db" import devices "$T/f6.csv" --mode upsert
    run merge "$T/lap.db"
    note "LVT-0001 room, status here: $(field_of "$SKOLA_DB" LVT-0001 14), $(field_of "$SKOLA_DB" LVT-0001 17)"
done
note "# mergefix4 2: a record added in the copy and merged, then changed and deleted in the copy"
# a device deleted in the copy with its delete row, as the interface deletes
lapdel() {
    sqlite3 "$T/lap.db" "INSERT INTO audit(at, os_user, school_id, kind, record_id, action, field, old_value, new_value)
        SELECT '2024-11-15T10:00:00Z', 'root', school_id, 'devices', id, 'delete', '*', inventory_no, NULL FROM device WHERE inventory_no = '$1';
        DELETE FROM device WHERE inventory_no = '$1'"
}
printf 'inventory_no,category,room\nLVT-900001,laptop,101\n' >"$T/nd.csv"
reset
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
N1=$(uid_of "$T/lap.db" devices LVT-900001)
printf 'uid,inventory_no,category,room\n%s,LVT-900001,laptop,444\n' "$N1" >"$T/nd2.csv"
run --db "$T/lap.db" import devices "$T/nd2.csv" --mode upsert
run merge "$T/lap.db" --dry-run
run merge "$T/lap.db"
note "LVT-900001 room here: $(field_of "$SKOLA_DB" LVT-900001 14)"
note "# changed here too (another field), then in the copy: both kept"
printf 'uid,inventory_no,category,status\n%s,LVT-900001,laptop,broken\n' "$N1" >"$T/nd3.csv"
printf 'uid,inventory_no,category,room\n%s,LVT-900001,laptop,445\n' "$N1" >"$T/nd4.csv"
run import devices "$T/nd3.csv" --mode upsert
run --db "$T/lap.db" import devices "$T/nd4.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-900001 room, status here: $(field_of "$SKOLA_DB" LVT-900001 14), $(field_of "$SKOLA_DB" LVT-900001 17)"
note "# deleted in the copy while changed here: a conflict, not a silent deletion"
lapdel LVT-900001
run merge "$T/lap.db"
run merge "$T/lap.db" --prefer this
note "LVT-900001 here: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,')"
run merge "$T/lap.db"
note "# the same decided for the copy: deleted here"
reset
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
printf 'inventory_no,category,status\nLVT-900001,laptop,broken\n' >"$T/nd5.csv"
run import devices "$T/nd5.csv" --mode upsert
lapdel LVT-900001
run merge "$T/lap.db" --prefer other
note "LVT-900001 here: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,')"
run history devices LVT-900001
note "# a cp copy of the copy made before the copy added a record lacks it: it stays here"
reset
cp "$T/lap.db" "$T/lapcp.db"
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
run --db "$T/lapcp.db" import devices "$T/b3.csv" --mode upsert
run merge "$T/lapcp.db"
note "LVT-900001 here: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,'), LVT-0001 room: $(field_of "$SKOLA_DB" LVT-0001 14)"
note "# deleted in the copy, not changed here since: deleted here"
reset
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
N1=$(uid_of "$T/lap.db" devices LVT-900001)
lapdel LVT-900001
run merge "$T/lap.db"
note "LVT-900001 here: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,')"
note "# a person added in the copy, merged, renamed in the copy"
reset
printf 'full_name,role\nIeva Jauna,teacher\n' >"$T/pn.csv"
run --db "$T/lap.db" import staff "$T/pn.csv"
run merge "$T/lap.db"
P1=$(uid_of "$T/lap.db" staff 'Ieva Jauna')
printf 'uid,full_name,role\n%s,Ieva Jaunā,teacher\n' "$P1" >"$T/pn2.csv"
run --db "$T/lap.db" import staff "$T/pn2.csv" --mode upsert
run merge "$T/lap.db"
note "staff named Ieva here: $("$SKOLA_BIN" export staff | grep -c 'Ieva')"
note "# a record from the copy, deleted here and changed in the copy since: a conflict, not a comeback"
herdel() {
    sqlite3 "$SKOLA_DB" "INSERT INTO audit(at, os_user, school_id, kind, record_id, action, field, old_value, new_value)
        SELECT '2024-11-15T10:00:00Z', 'root', school_id, 'devices', id, 'delete', '*', inventory_no, NULL FROM device WHERE inventory_no = '$1';
        DELETE FROM device WHERE inventory_no = '$1'"
}
reset
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
N5=$(uid_of "$T/lap.db" devices LVT-900001)
herdel LVT-900001
printf 'uid,inventory_no,category,notes\n%s,LVT-900001,laptop,copy-edit\n' "$N5" >"$T/nd5.csv"
run --db "$T/lap.db" import devices "$T/nd5.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-900001 here after the refused merge: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,')"
run merge "$T/lap.db" --prefer this
note "LVT-900001 here after --prefer this: $("$SKOLA_BIN" export devices | grep -c ',LVT-900001,')"
run merge "$T/lap.db"
note "# the same, decided for the copy: the record comes back with the copy's change"
reset
run --db "$T/lap.db" import devices "$T/nd.csv"
run merge "$T/lap.db"
N6=$(uid_of "$T/lap.db" devices LVT-900001)
herdel LVT-900001
printf 'uid,inventory_no,category,notes\n%s,LVT-900001,laptop,copy-edit\n' "$N6" >"$T/nd6.csv"
run --db "$T/lap.db" import devices "$T/nd6.csv" --mode upsert
run merge "$T/lap.db" --prefer other
note "LVT-900001 notes here: $("$SKOLA_BIN" export devices | grep ',LVT-900001,' | grep -c 'copy-edit')"
note "# mergefix4 3: added on both sides, decided --prefer other, then changed in the copy: taken"
reset
run import devices "$T/e1.csv"
run --db "$T/lap.db" import devices "$T/e1.csv"
run merge "$T/lap.db" --prefer other
D1=$(uid_of "$T/lap.db" devices LVT-9001)
printf 'uid,inventory_no,category,status\n%s,LVT-9001,laptop,broken\n' "$D1" >"$T/a1.csv"
run --db "$T/lap.db" import devices "$T/a1.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-9001 status here: $(field_of "$SKOLA_DB" LVT-9001 17)"
note "# decided --prefer this: the copy's duplicate changed or renamed later is not asked again"
reset
run import staff "$T/p.csv"
run --db "$T/lap.db" import staff "$T/p.csv"
run merge "$T/lap.db" --prefer this
P2=$(uid_of "$T/lap.db" staff 'Ieva Jauna')
printf 'uid,full_name,role\n%s,Ieva Jauna,head\n' "$P2" >"$T/a2.csv"
run --db "$T/lap.db" import staff "$T/a2.csv" --mode upsert
run merge "$T/lap.db"
printf 'uid,full_name,role\n%s,Ieva Jaunā-Ozola,head\n' "$P2" >"$T/a3.csv"
run --db "$T/lap.db" import staff "$T/a3.csv" --mode upsert
run merge "$T/lap.db"
note "staff named Ieva here: $("$SKOLA_BIN" export staff | grep -c 'Ieva'); with the copy's uid: $("$SKOLA_BIN" export staff | grep -c "^$P2,")"
finish

#!/usr/bin/env bash
# Damage that the quick check at open does not see (a file over 4 MiB
# damaged in the middle): `check` finds it, `backup` does not copy it but
# rescues, writes are refused until the file is replaced; a rescued file has
# every table, index and trigger of skola's schema; `check` names a missing,
# changed or foreign schema object.
. "$(dirname "$0")/../lib/reliability.sh"
"$SKOLA_BIN" --db "$T/fresh.db" demo >/dev/null || fail "demo"
"$SKOLA_BIN" --db "$T/big.db" demo --scale 5 >/dev/null || fail "demo --scale 5"
sqlite3 "$T/big.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$T/big.db")
[ "$size" -gt $((4 * 1024 * 1024)) ] || fail "the big demo is only $size bytes"
n_devices=$("$SKOLA_BIN" --db "$T/big.db" export devices - | wc -l)

# schema_objects DB TYPE — names of skola's objects of TYPE, sorted
schema_objects() {
    sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = '$2'
        AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name"
}

# damage DB — seeded random bytes over a page in the middle of the file: the
# middle leaf page of the devices' table, so that rows are lost whatever
# else the schema holds (the middle page of the whole file may be free space
# of a leaf of long audit rows, which loses nothing)
damage() {
    local page
    page=$(sqlite3 "$1" "SELECT pageno FROM dbstat WHERE name = 'device' AND pagetype = 'leaf'
        ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat
        WHERE name = 'device' AND pagetype = 'leaf')")
    [ -n "$page" ] || fail "no leaf page of the devices' table (dbstat)"
    LC_ALL=C awk -v seed="$RANDOM" 'BEGIN { srand(seed)
        for (i = 0; i < 3000; i++) printf "%c", int(rand() * 256) }' >"$T/junk"
    dd if="$T/junk" of="$1" bs=1 seek=$(((page - 1) * 4096 + 100)) conv=notrunc 2>/dev/null
}

# --- backup of a damaged big file, before anything else saw the damage:
# the copy is verified, found damaged, and a rescue is made instead
cp "$T/big.db" "$T/bad.db"
# a name changed by another program: its sort key is stale in the damaged
# file, and the rescued copy must still pass `check` (defect 17)
sqlite3 "$T/bad.db" "UPDATE staff SET full_name = 'Ābele Zane' WHERE id = (SELECT min(id) FROM staff)" ||
    fail "sqlite3 could not change a name"
damage "$T/bad.db"
# parts could not be read: the copy is not whole, and the status says so (1)
expect_exit 1 "$SKOLA_BIN" --db "$T/bad.db" backup "$T/copy.db"
no_crash
expect_err 'could not be read'
grep -q 'Backup written' "$T/out" && fail "backup says “Backup written” of a damaged file"
grep -q 'Rescued' "$T/out" || { cat "$T/out" "$T/err"; fail "backup of a damaged file did not rescue"; }
expect_exit 0 "$SKOLA_BIN" --db "$T/copy.db" check
expect_exit 0 "$SKOLA_BIN" --db "$T/copy.db" export devices -
n=$(wc -l <"$T/out")
[ "$n" -gt 1 ] && [ "$n" -le "$n_devices" ] || fail "rescued $n lines of $n_devices"
ls "$T" | grep -q 'copy.db.tmp' && fail "a temporary file of the backup was left"
# every table, index and trigger of a fresh file is in the rescued one
for type in table index trigger; do
    schema_objects "$T/fresh.db" $type >"$T/want"
    schema_objects "$T/copy.db" $type >"$T/got"
    [ -s "$T/want" ] || [ $type = trigger ] || fail "no ${type}s in a fresh file?"
    diff "$T/want" "$T/got" >&2 || fail "the rescued file's ${type}s differ from a fresh file's"
done
[ "$(sqlite3 "$T/copy.db" .schema | grep -c 'CREATE INDEX')" -eq \
    "$(sqlite3 "$T/fresh.db" .schema | grep -c 'CREATE INDEX')" ] || fail "rescue lost indexes"

# --- the backup found the damage: writes are refused now
batch_csv 1 5 R0 >"$T/b1.csv"
expect_exit 3 "$SKOLA_BIN" --db "$T/bad.db" import devices "$T/b1.csv"
expect_err 'skola backup FILE'
expect_err 'is damaged'
[ "$("$SKOLA_BIN" --db "$T/bad.db" export devices - 2>/dev/null | grep -c ',B1-')" -eq 0 ] ||
    fail "an import was written into a damaged file"

# --- check of a damaged big file (no marker yet): the full integrity check
cp "$T/big.db" "$T/bad2.db"
damage "$T/bad2.db"
expect_exit 3 "$SKOLA_BIN" --db "$T/bad2.db" check
no_crash
expect_err 'is damaged'
expect_exit 3 "$SKOLA_BIN" --db "$T/bad2.db" import devices "$T/b1.csv"
expect_err 'skola backup FILE'
# the damage is named beside the file, not written into it
[ -f "$T/bad2.db.damaged" ] || fail "no damage mark beside the file"
# another name of the file does not get past the mark (defect 6): a
# symlink, a symlink in another folder, a hard link beside it
ln -s bad2.db "$T/s-link.db"
mkdir -p "$T/elsewhere"
ln -s "$T/bad2.db" "$T/elsewhere/far.db"
ln "$T/bad2.db" "$T/h-link.db"
for other in "$T/s-link.db" "$T/elsewhere/far.db" "$T/h-link.db"; do
    expect_exit 3 "$SKOLA_BIN" --db "$other" import devices "$T/b1.csv"
    expect_err 'is damaged'
done
# the refusal names the mark that exists (second report, N10)
expect_exit 3 "$SKOLA_BIN" --db "$T/h-link.db" import devices "$T/b1.csv"
expect_err "see $T/bad2.db.damaged"
# the mark is never an output (N10)
expect_exit 2 "$SKOLA_BIN" --db "$T/h-link.db" export devices "$T/h-link.db.damaged"
[ -f "$T/h-link.db.damaged" ] && fail "an export wrote over the damage mark"
# the mark of the other name, reached through the hard link (third report,
# N10), and a mark under any name: refused like -wal and -shm
expect_exit 2 "$SKOLA_BIN" --db "$T/h-link.db" export school-years "$T/bad2.db.damaged"
grep -q '^file: ' "$T/bad2.db.damaged" || fail "an export through a hard link replaced the mark"
cp "$T/bad2.db.damaged" "$T/copied-mark.txt"
expect_exit 2 "$SKOLA_BIN" --db "$T/fresh.db" export school-years "$T/copied-mark.txt"
expect_err 'damage mark'
grep -q '^file: ' "$T/copied-mark.txt" || fail "an export replaced a copied damage mark"
rm -f "$T/copied-mark.txt"
expect_exit 2 "$SKOLA_BIN" --db "$T/bad2.db" export devices "$T/bad2.db.damaged"
grep -q '^file: ' "$T/bad2.db.damaged" || fail "an export replaced the damage mark"
[ "$("$SKOLA_BIN" --db "$T/h-link.db" export devices - 2>/dev/null | grep -c ',B1-')" -eq 0 ] ||
    fail "an import was written into the damaged file through another name"
# replaced by a good copy: a clean check clears the mark and writing works
cp "$T/big.db" "$T/bad2.db"
rm -f "$T/bad2.db-wal" "$T/bad2.db-shm"
expect_exit 3 "$SKOLA_BIN" --db "$T/bad2.db" import devices "$T/b1.csv"
# a clean check through the hard link clears the mark of the other name
expect_exit 0 "$SKOLA_BIN" --db "$T/h-link.db" check
[ -f "$T/bad2.db.damaged" ] && fail "a clean check through a hard link left the damage mark"
rm -f "$T/h-link.db" "$T/h-link.db-wal" "$T/h-link.db-shm"
expect_exit 0 "$SKOLA_BIN" --db "$T/bad2.db" check
[ -f "$T/bad2.db.damaged" ] && fail "a clean check left the damage mark"
expect_exit 0 "$SKOLA_BIN" --db "$T/bad2.db" import devices "$T/b1.csv"
# a new file of the same name does not inherit an old mark
touch "$T/new.db.damaged"
expect_exit 0 "$SKOLA_BIN" --db "$T/new.db" init --school-code N1 --school-name Jauna
expect_exit 0 "$SKOLA_BIN" --db "$T/new.db" import devices "$T/b1.csv"

# --- a healthy backup is verified and says so
expect_exit 0 "$SKOLA_BIN" --db "$T/big.db" backup "$T/good.db"
[ -s "$T/err" ] && { cat "$T/err"; fail "a healthy backup has something to say"; }
grep -q 'Backup written' "$T/out" || fail "healthy backup"
cmp <(sqlite3 "$T/big.db" "SELECT count(*) FROM device; SELECT count(*) FROM audit") \
    <(sqlite3 "$T/good.db" "SELECT count(*) FROM device; SELECT count(*) FROM audit") ||
    fail "the backup lost rows"

# --- check compares the schema with the expected one
cp "$T/fresh.db" "$T/s.db"
expect_exit 0 "$SKOLA_BIN" --db "$T/s.db" check
idx=$(schema_objects "$T/s.db" index | grep '_list_' | tail -1)
trg=$(schema_objects "$T/s.db" trigger | head -1)
sqlite3 "$T/s.db" "DROP INDEX \"$idx\"" || fail "sqlite3 could not drop $idx"
expect_exit 3 "$SKOLA_BIN" --db "$T/s.db" check
expect_err "index $idx is missing"
grep -q 'is damaged' "$T/err" && fail "a missing index is called damage"
expect_exit 0 "$SKOLA_BIN" --db "$T/s.db" import devices "$T/b1.csv" # not damage: writable
cp "$T/fresh.db" "$T/s.db"
sqlite3 "$T/s.db" "DROP TRIGGER \"$trg\"; CREATE INDEX device_list_roomx ON device(room);
    CREATE TRIGGER \"$trg\" AFTER DELETE ON device BEGIN SELECT 1; END;" ||
    fail "sqlite3 could not change the schema"
expect_exit 3 "$SKOLA_BIN" --db "$T/s.db" check
expect_err "trigger $trg differs"
expect_err "index device_list_roomx is not part of skola's schema"
# a name that is part of a longer one is not taken for it
grep -q "index device_list_room is" "$T/err" && fail "device_list_room taken for device_list_roomx"
# --- a trigger skola did not make would run with skola's writes (defect 7):
# writes are refused, reading commands and check still work
cp "$T/fresh.db" "$T/trg.db"
sqlite3 "$T/trg.db" "CREATE TRIGGER evil AFTER INSERT ON device BEGIN DELETE FROM audit; END;
    CREATE TRIGGER evil_staff AFTER UPDATE ON staff BEGIN DELETE FROM audit; END;" ||
    fail "sqlite3 could not add a trigger"
n_audit=$(sqlite3 "$T/trg.db" "SELECT count(*) FROM audit")
expect_exit 3 "$SKOLA_BIN" --db "$T/trg.db" import devices "$T/b1.csv"
expect_err 'evil'
expect_err 'skola check'
person=$(sqlite3 "$T/trg.db" "SELECT full_name FROM staff LIMIT 1")
expect_exit 3 "$SKOLA_BIN" --db "$T/trg.db" forget-person "$person"
[ "$(sqlite3 "$T/trg.db" "SELECT count(*) FROM audit")" -eq "$n_audit" ] ||
    fail "a foreign trigger wiped the audit log"
expect_exit 0 "$SKOLA_BIN" --db "$T/trg.db" export devices -
expect_exit 3 "$SKOLA_BIN" --db "$T/trg.db" check
expect_err 'trigger evil is not part'
# one of skola's own trigger names with another body is foreign too
sqlite3 "$T/trg.db" "DROP TRIGGER evil; DROP TRIGGER evil_staff; DROP TRIGGER observation_template_keep;
    CREATE TRIGGER observation_template_keep AFTER UPDATE OF template ON observation
    BEGIN DELETE FROM audit; END;" || fail "sqlite3 could not replace a trigger"
expect_exit 3 "$SKOLA_BIN" --db "$T/trg.db" import devices "$T/b1.csv"
expect_err 'observation_template_keep'
# removed again (the fresh file's text): writing works
sqlite3 "$T/trg.db" "DROP TRIGGER observation_template_keep"
sqlite3 "$T/fresh.db" "SELECT sql || ';' FROM sqlite_schema WHERE name = 'observation_template_keep'" |
    sqlite3 "$T/trg.db" || fail "sqlite3 could not restore the trigger"
expect_exit 0 "$SKOLA_BIN" --db "$T/trg.db" import devices "$T/b1.csv"
echo ok

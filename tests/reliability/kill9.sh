#!/usr/bin/env bash
# kill -9 at random moments (seeded) during imports of a few thousand rows,
# upserts of whole batches and bulk status changes: after every kill the file
# passes integrity_check, the audit log replays to the data (an import is one
# entry, import_batch, and its row count is the number of records naming it),
# and every batch is wholly there or wholly absent, wholly changed or not at all.
# SKOLA_KILLS (default 200) kills; SKOLA_SEED another sequence.
. "$(dirname "$0")/../lib/reliability.sh"
KILLS=${SKOLA_KILLS:-200}
ROWS=${SKOLA_KILL_ROWS:-2500}
kills=0 survived=0 rounds=0 batch=0

fresh_db() {
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null ||
        fail "init failed"
    batch=1
    batch_csv 1 "$ROWS" R0 >"$T/b.csv"
    "$SKOLA_BIN" import devices "$T/b.csv" >/dev/null || fail "first import failed"
}

# a batch that is in the database
some_batch() {
    local n
    n=$(sqlite3 "$DB" "SELECT count(DISTINCT model) FROM device" 2>/dev/null) || n=0
    [ "$n" -gt 0 ] || { echo ""; return; }
    sqlite3 "$DB" "SELECT DISTINCT model FROM device ORDER BY model
                   LIMIT 1 OFFSET $((RANDOM % n))"
}

fresh_db
# the checker itself notices a broken promise: a lost audit row (of a change,
# or the import's one entry), half an import, a change without its audit row
"$SKOLA_TORTURE" bulk "$DB" B1-of-"$ROWS" in_repair >/dev/null || fail "bulk change failed"
"$SKOLA_TORTURE" bulk "$DB" B1-of-"$ROWS" in_storage >/dev/null || fail "bulk change failed"
check_db "$DB"
cp "$DB" "$T/bad.db"
sqlite3 "$T/bad.db" "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)"
"$SKOLA_TORTURE" verify "$T/bad.db" >/dev/null 2>&1 && fail "the checker missed a lost audit row"
cp "$DB" "$T/bad.db"
"$SKOLA_TORTURE" sql "$T/bad.db" "PRAGMA foreign_keys = OFF; DELETE FROM import_batch"
"$SKOLA_TORTURE" verify "$T/bad.db" >/dev/null 2>&1 && fail "the checker missed a lost import entry"
cp "$DB" "$T/bad.db"
"$SKOLA_TORTURE" sql "$T/bad.db" "DELETE FROM device WHERE id = (SELECT max(id) FROM device)"
"$SKOLA_TORTURE" verify "$T/bad.db" >/dev/null 2>&1 && fail "the checker missed half an import"
cp "$DB" "$T/bad.db"
"$SKOLA_TORTURE" sql "$T/bad.db" "UPDATE device SET status = 'broken' WHERE id = 1"
"$SKOLA_TORTURE" verify "$T/bad.db" >/dev/null 2>&1 && fail "the checker missed an unaudited change"

while [ "$kills" -lt "$KILLS" ]; do
    rounds=$((rounds + 1))
    [ $((rounds % 40)) -eq 0 ] && fresh_db
    op=$((RANDOM % 3))
    b=$(some_batch)
    [ -n "$b" ] || op=0
    case $op in
    0)  batch=$((batch + 1))
        batch_csv "$batch" "$ROWS" R0 >"$T/in.csv"
        "$SKOLA_BIN" import devices "$T/in.csv" >/dev/null 2>&1 &
        ;;
    1)  k=${b#B}; k=${k%%-of-*}
        batch_csv "$k" "$ROWS" "U$RANDOM" >"$T/in.csv"
        "$SKOLA_BIN" import devices "$T/in.csv" --mode upsert >/dev/null 2>&1 &
        ;;
    2)  statuses=(in_use broken in_storage in_repair)
        "$SKOLA_TORTURE" bulk "$DB" "$b" "${statuses[$((RANDOM % 4))]}" >/dev/null 2>&1 &
        ;;
    esac
    pid=$!
    sleep "0.$(printf %03d $((RANDOM % 120)))"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    else
        survived=$((survived + 1))
    fi
    wait "$pid" 2>/dev/null
    check_db "$DB" --batches
    if [ $((kills % 50)) -eq 0 ]; then
        "$SKOLA_BIN" check >/dev/null 2>&1 || fail "skola check failed after $kills kills"
    fi
done
echo "ok: $kills kills (and $survived operations that finished first), every one consistent"

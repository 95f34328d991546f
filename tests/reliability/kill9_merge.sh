#!/usr/bin/env bash
# kill -9 at random moments (seeded) during `skola merge` of a copy with
# thousands of changes (updates, additions, deletions): after every kill
# the file passes integrity_check, its audit log replays to the data, and
# the merge is wholly there or wholly absent; merging again then finishes
# it. SKOLA_KILLS (default 25) kills.
. "$(dirname "$0")/../lib/reliability.sh"
KILLS=${SKOLA_KILLS:-25}
ROWS=${SKOLA_KILL_ROWS:-1500}
kills=0 survived=0

"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init failed"
batch_csv 1 "$ROWS" R0 >"$T/b1.csv"
"$SKOLA_BIN" import devices "$T/b1.csv" >/dev/null || fail "first import failed"
batch_csv 3 200 R3 >"$T/b3.csv"
"$SKOLA_BIN" import devices "$T/b3.csv" >/dev/null || fail "second import failed"
"$SKOLA_BIN" backup "$T/copy.db" >/dev/null || fail "backup failed"
# in the copy: every device of batch 1 moved (an upsert), a new batch, batch 3 deleted
{ echo uid,inventory_no,category,model,room
  "$SKOLA_BIN" --db "$T/copy.db" export devices | tail -n +2 | grep ',B1-' |
      awk -F, '{ printf "%s,%s,%s,%s,COPY\n", $1, $2, $3, $6 }'; } >"$T/move.csv"
"$SKOLA_BIN" --db "$T/copy.db" import devices "$T/move.csv" --mode upsert >/dev/null ||
    fail "upsert in the copy failed"
batch_csv 2 "$ROWS" R2 >"$T/b2.csv"
"$SKOLA_BIN" --db "$T/copy.db" import devices "$T/b2.csv" >/dev/null || fail "import in the copy failed"
"$SKOLA_TORTURE" sql "$T/copy.db" "DELETE FROM device WHERE inventory_no LIKE 'B3-%'"
cp "$DB" "$T/host0.db"

state() { sqlite3 "$DB" "SELECT count(*) || ' ' || sum(room = 'COPY') FROM device"; }
before=$(state)
"$SKOLA_BIN" merge "$T/copy.db" >/dev/null || fail "the merge failed"
check_db "$DB" --batches
after=$(state)
[ "$before" != "$after" ] || fail "the merge changed nothing"

while [ "$kills" -lt "$KILLS" ]; do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    cp "$T/host0.db" "$DB"
    "$SKOLA_BIN" merge "$T/copy.db" >/dev/null 2>&1 &
    pid=$!
    # from before the transaction to after the commit (a merge here takes about half a second)
    sleep "0.$(printf %03d $((RANDOM % 700)))"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    else
        survived=$((survived + 1))
    fi
    wait "$pid" 2>/dev/null
    check_db "$DB" --batches
    now=$(state)
    [ "$now" = "$before" ] || [ "$now" = "$after" ] ||
        fail "after a kill the devices are “$now”: neither “$before” nor “$after”"
    if [ $((kills % 5)) -eq 0 ]; then
        "$SKOLA_BIN" merge "$T/copy.db" >/dev/null 2>&1 || fail "the merge after a kill failed"
        [ "$(state)" = "$after" ] || fail "the merge after a kill gave “$(state)”"
        check_db "$DB" --batches
    fi
done
echo "ok: $kills kills (and $survived merges that finished first), every one all or nothing"

#!/usr/bin/env bash
# Two and then eight processes import and edit the same database at once:
# every import arrives whole, no edit is lost (read-modify-write with the
# optimistic version: a conflict is detected and retried, never overwritten),
# no "database is locked" reaches the user; a writer that holds the lock too
# long gets the clear "busy" message after the bounded retry.
. "$(dirname "$0")/../lib/reliability.sh"
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init"
printf 'year,pupils\n2024,0\n' >"$T/y.csv"
"$SKOLA_BIN" import school-years "$T/y.csv" >/dev/null || fail "school year"

batch=0 expected_pupils=0
for n in 2 8; do
    pids=()
    for i in $(seq "$n"); do
        batch=$((batch + 1))
        batch_csv "$batch" 4000 R0 >"$T/b$batch.csv"
        "$SKOLA_BIN" import devices "$T/b$batch.csv" >"$T/imp$batch.out" 2>"$T/imp$batch.err" &
        pids+=($!)
        "$SKOLA_TORTURE" edit "$DB" 25 >"$T/edit$batch.out" 2>"$T/edit$batch.err" &
        pids+=($!)
        expected_pupils=$((expected_pupils + 25))
    done
    for p in "${pids[@]}"; do wait "$p" || fail "a writer failed: $(cat "$T"/*.err)"; done
    if grep -l 'locked\|busy' "$T"/*.err; then fail "a lock error reached the user"; fi
    check_db "$DB" --batches
    got=$("$SKOLA_TORTURE" pupils "$DB")
    [ "$got" = "$expected_pupils" ] || fail "lost edits: pupils is $got, expected $expected_pupils"
    rows=$("$SKOLA_BIN" export devices - | tail -n +2 | wc -l)
    [ "$rows" -eq $((batch * 4000)) ] || fail "$rows devices, expected $((batch * 4000))"
done
conflicts=$(cat "$T"/edit*.out | awk '{ s += $2 } END { print s + 0 }')
echo "edits interleaved with $conflicts version conflicts, all detected and retried"

# a writer that holds the lock longer than the retries: the clear message
export SKOLA_BUSY_TIMEOUT=100
(
    printf 'BEGIN IMMEDIATE;\n'
    sleep 3
    printf 'COMMIT;\n'
) | sqlite3 "$DB" &
holder=$!
sleep 0.5
batch_csv 99 10 R0 >"$T/late.csv"
expect_exit 3 "$SKOLA_BIN" import devices "$T/late.csv"
expect_err 'The database is busy (another skola is saving); try again.'
grep -q 'database is locked' "$T/err" && fail "SQLite's raw message reached the user"
wait "$holder"
unset SKOLA_BUSY_TIMEOUT
expect_exit 0 "$SKOLA_BIN" import devices "$T/late.csv"
check_db "$DB" --batches
echo ok

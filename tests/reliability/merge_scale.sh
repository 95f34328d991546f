#!/usr/bin/env bash
# A merge is near linear in the records (it joined each record's uid by a
# scan of the other table: the uid indexes are partial, uid <> ''): a
# no-op merge of a `skola demo --scale 10` copy (about 4 000 devices,
# 5 000 consultations, 2 000 observations) took 9.5 s of CPU time, now
# about 0.1 s. Bound: 3 s (12 s under AddressSanitizer).
. "$(dirname "$0")/../lib/reliability.sh"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "skip: GNU time (/usr/bin/time) is not installed"; exit 0; }
max_cs=300
grep -qa __asan_init "$SKOLA_BIN" && max_cs=1200
"$SKOLA_BIN" demo --scale 10 >/dev/null 2>&1 || fail "demo"
"$SKOLA_BIN" backup "$T/l0.db" >/dev/null || fail "backup"
"$TIME" -f "%U %S" -o "$T/cpu" "$SKOLA_BIN" merge "$T/l0.db" --dry-run >"$T/out" 2>"$T/err" ||
    { cat "$T/out" "$T/err"; fail "merge --dry-run failed"; }
grep -q "added 0, updated 0, deleted 0; conflicts 0" "$T/out" || { cat "$T/out"; fail "not a no-op"; }
cs=$(tail -1 "$T/cpu" | awk '{ printf "%d", ($1 + $2) * 100 }')
[ "$cs" -lt "$max_cs" ] || fail "a no-op merge took $cs cs of CPU time, expected < $max_cs"
# the same, the copy merged for real: nothing changes in this file
sum() { sqlite3 "$DB" "SELECT count(*), max(id) FROM audit"; }
before=$(sum)
"$TIME" -f "%U %S" -o "$T/cpu" "$SKOLA_BIN" merge "$T/l0.db" >"$T/out" 2>"$T/err" ||
    { cat "$T/out" "$T/err"; fail "merge failed"; }
cs=$(tail -1 "$T/cpu" | awk '{ printf "%d", ($1 + $2) * 100 }')
[ "$cs" -lt "$max_cs" ] || fail "a no-op merge took $cs cs of CPU time, expected < $max_cs"
[ "$(sum)" = "$before" ] || fail "a no-op merge wrote audit rows"
check_db "$DB"
echo "ok: $cs cs"

#!/usr/bin/env bash
# An import's memory does not grow with the rows it keeps for the duplicate
# check (kinds without a natural key): 60 000 observations, every one new,
# and then all of them again (each found identical to a stored record), in
# less than 15 MB peak RSS (the check held every row's encoding before:
# 20.6 MB at 60 000 rows, 187 MB at 1 000 000). The import is one audit
# entry, and the second import skipped every row.
. "$(dirname "$0")/../lib/reliability.sh"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "skip: GNU time (/usr/bin/time) is not installed"; exit 0; }
# AddressSanitizer's shadow memory and quarantine make RSS meaningless: the
# bound is checked in the plain build only (the rest runs in both)
max_kb=15360
grep -qa __asan_init "$SKOLA_BIN" && max_kb=$((4 * 1024 * 1024))
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init"
printf 'full_name,role\nAnna Bērziņa,teacher\nJānis Ozols,deputy_head\n' >"$T/staff.csv"
"$SKOLA_BIN" import staff "$T/staff.csv" >/dev/null || fail "staff"
awk 'BEGIN { print "date,teacher,observer,group,subject,comment_1,status"
    for (i = 1; i <= 60000; i++)
        printf "2024-%02d-%02d,Anna Bērziņa,Jānis Ozols,G-%d,Fizika,\"Piezīme %d, \"\"labi\"\"\",draft\n",
            i % 12 + 1, i % 28 + 1, i, i }' >"$T/obs.csv"
for round in new again; do
    "$TIME" -f %M -o "$T/rss" "$SKOLA_BIN" import observations "$T/obs.csv" >"$T/out" 2>"$T/err" ||
        { cat "$T/err"; fail "import ($round) failed"; }
    rss=$(tail -1 "$T/rss")
    [ "$rss" -lt "$max_kb" ] || fail "import ($round): peak RSS $rss kB, expected < 15 MB"
done
grep -q "60000 rows skipped" "$T/out" || { cat "$T/out"; fail "the second import did not skip every row"; }
[ "$(sqlite3 "$DB" "SELECT count(*) || ' ' || sum(rows) FROM import_batch WHERE kind = 'observations'")" = "2 60000" ] ||
    fail "not one audit entry per import"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE kind = 'observations'")" = 0 ] ||
    fail "the import wrote audit rows per record"
check_db "$DB"
echo "ok: peak RSS $rss kB"

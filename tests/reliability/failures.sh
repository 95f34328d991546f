#!/usr/bin/env bash
# When the world fails: a full disk (ulimit -f), a read-only database file, a
# database whose folder is missing, a file with random bytes written over it.
# Every time: a clear message, the documented exit status, no crash, and
# nothing half-written; `skola check` says what is wrong and `skola backup`
# rescues what can still be read.
. "$(dirname "$0")/../lib/reliability.sh"
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init"
batch_csv 1 3000 R0 >"$T/b1.csv"
"$SKOLA_BIN" import devices "$T/b1.csv" >/dev/null || fail "import"

# --- disk full: the file may not grow past 600 KiB (SIGXFSZ ignored, so the
# write fails with EFBIG as on a full disk)
awk 'BEGIN { print "inventory_no,category,model,notes"
    for (i = 1; i <= 20000; i++) printf "D-%05d,laptop,B9-of-20000,%s\n", i, "notes to fill pages 0123456789" }' \
    >"$T/big.csv"
(
    trap '' XFSZ
    ulimit -f 600
    exec "$SKOLA_BIN" import devices "$T/big.csv"
) >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 3 ] || { cat "$T/err"; fail "disk full: exit $rc, expected 3"; }
expect_err 'The disk is full; nothing was saved.'
no_crash
check_db "$DB" --batches
[ "$("$SKOLA_BIN" export devices - | grep -c ',B9-of-')" -eq 0 ] || fail "disk full: half an import"
expect_exit 0 "$SKOLA_BIN" check

# --- a read-only database file (root may write anything: run as nobody)
mkdir -p "$T/ro"
cp "$DB" "$T/ro/skola.db"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || fail "setpriv is needed to test as non-root"
    chown -R nobody "$T/ro"
    chmod 0755 "$T" "$T/ro"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
chmod 0400 "$T/ro/skola.db"
batch_csv 2 10 R0 >"$T/ro/b2.csv"
chmod 0644 "$T/ro/b2.csv"
expect_exit 3 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" import devices "$T/ro/b2.csv"
expect_err 'The database is open read-only (or the file is not writable).'
no_crash
expect_exit 0 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" export devices -
[ "$(wc -l <"$T/out")" -eq 3001 ] || fail "read-only: export lost rows"

# --- a path whose folder is missing
expect_exit 3 "$SKOLA_BIN" --db "$T/missing/folder/skola.db" import devices "$T/b1.csv"
expect_err "there is no database at $T/missing/folder/skola.db."
expect_exit 3 "$SKOLA_BIN" --db "$T/missing/folder/skola.db" check
expect_exit 3 "$SKOLA_BIN" backup "$T/missing/folder/copy.db"
expect_err "Cannot create “$T/missing/folder/copy.db”: No such file or directory"
no_crash
: >"$T/plainfile"
expect_exit 3 "$SKOLA_BIN" --db "$T/plainfile/sub/skola.db" init --school-code X --school-name Y
expect_err "Cannot create the folder $T/plainfile/sub: Not a directory"

# --- random bytes over a page of the file (seeded; pages 1, a middle one, the last)
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
pages=$(($(stat -c %s "$DB") / 4096))
for page in 0 $((pages / 3)) $((pages / 2)) $((pages - 1)); do
    cp "$DB" "$T/bad.db"
    LC_ALL=C awk -v seed="$RANDOM" 'BEGIN { srand(seed)
        for (i = 0; i < 1500; i++) printf "%c", int(rand() * 256) }' >"$T/junk"
    dd if="$T/junk" of="$T/bad.db" bs=1 seek=$((page * 4096 + 100)) conv=notrunc 2>/dev/null
    "$SKOLA_BIN" --db "$T/bad.db" check >"$T/out" 2>"$T/err"
    rc=$?
    no_crash
    [ "$rc" -eq 3 ] || { cat "$T/err"; fail "check of page $page damage: exit $rc, expected 3"; }
    grep -qiE 'is damaged|not a skola database' "$T/err" ||
        { cat "$T/err"; fail "check does not say what is wrong (page $page)"; }
    rm -f "$T/rescued.db"
    "$SKOLA_BIN" --db "$T/bad.db" backup "$T/rescued.db" >"$T/out" 2>"$T/err"
    rc=$?
    no_crash
    if [ "$page" -eq 0 ] && [ "$rc" -ne 0 ]; then
        # the header and the table list are gone: nothing to rescue, say so
        [ "$rc" -eq 3 ] || fail "backup of a destroyed header: exit $rc"
        continue
    fi
    [ "$rc" -eq 0 ] || { cat "$T/err"; fail "backup of page $page damage: exit $rc"; }
    grep -q 'Rescued' "$T/out" || { cat "$T/out"; fail "backup did not rescue (page $page)"; }
    [ "$(stat -c %a "$T/rescued.db")" = 600 ] || fail "the rescued copy is not 0600"
    expect_exit 0 "$SKOLA_BIN" --db "$T/rescued.db" check
    expect_exit 0 "$SKOLA_BIN" --db "$T/rescued.db" export devices -
    n=$(($(wc -l <"$T/out") - 1))
    [ "$n" -gt 0 ] && [ "$n" -le 3000 ] || fail "rescued $n devices of 3000 (page $page)"
    echo "page $page damaged: $n of 3000 devices rescued"
done
echo ok

#!/usr/bin/env bash
# When the world fails: a full disk (ulimit -f), a read-only database file
# (then also its folder: reading commands work, writing ones name the
# permission problem), a database whose folder is missing, a file with random
# bytes written over it.
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
expect_err "No permission to write $T/ro/skola.db"
no_crash
expect_exit 0 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" export devices -
[ "$(wc -l <"$T/out")" -eq 3001 ] || fail "read-only: export lost rows"
# the folder read-only too (0500): WAL's -shm cannot be made there; reading
# commands still work, writing ones name the permission problem
chmod 0500 "$T/ro"
for cmd in "export devices -" "summary --year 2024" check; do
    # shellcheck disable=SC2086
    expect_exit 0 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" $cmd
    no_crash
done
expect_exit 0 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" export devices -
[ "$(wc -l <"$T/out")" -eq 3001 ] || fail "read-only folder: export lost rows"
mkdir -p "$T/elsewhere"
[ "$(id -u)" -eq 0 ] && chown nobody "$T/elsewhere"
expect_exit 0 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" backup "$T/elsewhere/copy.db"
expect_exit 0 "$SKOLA_BIN" --db "$T/elsewhere/copy.db" check
expect_exit 3 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" import devices "$T/ro/b2.csv"
expect_err "No permission to write $T/ro/skola.db"
chmod 0600 "$T/ro/skola.db"
expect_exit 3 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" import devices "$T/ro/b2.csv"
expect_err "No permission to write in the folder $T/ro"
grep -qF 'unable to open database file' "$T/err" && fail "raw SQLite message"
chmod 0000 "$T/ro/skola.db"
expect_exit 3 "${as_user[@]}" "$SKOLA_BIN" --db "$T/ro/skola.db" summary
expect_err "No permission to read $T/ro/skola.db"
chmod 0755 "$T/ro"
# changes still in a -wal (a writer was killed) without its -shm, in a
# read-only folder: reading it would need the folder; said, not ignored
mkdir -p "$T/walsrc" "$T/walro"
cp "$DB" "$T/walsrc/skola.db"
(echo "BEGIN; SELECT count(*) FROM device;"; sleep 2) | sqlite3 "$T/walsrc/skola.db" >/dev/null &
holder=$!
sleep 0.5
sqlite3 "$T/walsrc/skola.db" "PRAGMA wal_autocheckpoint = 0;
    UPDATE device SET notes = 'in-the-wal' WHERE id = 1" || fail "sqlite3 update"
cp "$T/walsrc/skola.db" "$T/walsrc/skola.db-wal" "$T/walro/"
wait "$holder"
[ -s "$T/walro/skola.db-wal" ] || fail "no -wal to test with"
[ "$(id -u)" -eq 0 ] && chown -R nobody "$T/walro"
chmod 0400 "$T/walro"/*
chmod 0500 "$T/walro"
expect_exit 3 "${as_user[@]}" "$SKOLA_BIN" --db "$T/walro/skola.db" export devices -
expect_err "its latest changes are in $T/walro/skola.db-wal"
chmod 0700 "$T/walro"

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

# --- random bytes over a page of the file (seeded; pages 1, a middle one, the
# last full page of the devices: the file's last page may be a nearly empty
# one, where the bytes land in unused space)
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# (0-based page numbers; the middle ones are leaf pages of the device table,
# since a page chosen by position alone may hold only free space or an index
# skola re-creates, and the schema's layout changes between releases)
leaf_at() {
    sqlite3 "$DB" "SELECT pageno - 1 FROM dbstat WHERE name = 'device' AND pagetype = 'leaf'
        ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) * $1 / $2 FROM dbstat
        WHERE name = 'device' AND pagetype = 'leaf')"
}
last=$(sqlite3 "$DB" "SELECT max(pageno) - 1 FROM dbstat WHERE name = 'device' AND unused < 500")
for page in 0 "$(leaf_at 1 3)" "$(leaf_at 1 2)" "$last"; do
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
    # exit 1 when parts of the file could not be read (and it says so)
    [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && grep -q 'could not be read' "$T/err"; } ||
        { cat "$T/err"; fail "backup of page $page damage: exit $rc"; }
    grep -q 'Rescued' "$T/out" || { cat "$T/out"; fail "backup did not rescue (page $page)"; }
    [ "$(stat -c %a "$T/rescued.db")" = 600 ] || fail "the rescued copy is not 0600"
    expect_exit 0 "$SKOLA_BIN" --db "$T/rescued.db" check
    expect_exit 0 "$SKOLA_BIN" --db "$T/rescued.db" export devices -
    n=$(($(wc -l <"$T/out") - 1))
    [ "$n" -gt 0 ] && [ "$n" -le 3000 ] || fail "rescued $n devices of 3000 (page $page)"
    echo "page $page damaged: $n of 3000 devices rescued"
done
echo ok

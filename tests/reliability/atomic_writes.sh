#!/usr/bin/env bash
# The one atomic writer (issue 12): every file skola writes (export, report,
# package files, consolidate, backup) is mode 0600 whatever the umask; a
# writer stopped in the middle of a large export leaves the old target
# intact and only its own locked ".NAME.tmp-XXXXXX"; a second writer of the
# same target does not touch the temporary file of a writer that is still
# alive; once that writer is killed (kill -9), the next run removes its
# temporary file. Stale files of exactly our pattern (and SQLite's -journal
# beside them) are removed; look-alike names, symlinks and other targets'
# files are left alone.
. "$(dirname "$0")/../lib/reliability.sh"
ROWS=${SKOLA_ATOMIC_ROWS:-60000}
umask 000
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init failed"
printf 'year,pupils,teachers,teacher_fte\n2023,400,32,30\n' >"$T/years.csv"
"$SKOLA_BIN" import school-years "$T/years.csv" >/dev/null || fail "import school-years failed"
batch_csv 1 "$ROWS" R0 >"$T/b.csv"
"$SKOLA_BIN" import devices "$T/b.csv" >/dev/null || fail "import failed"

mode_is_600() {
    local m
    m=$(stat -c %a "$1") || fail "$1 was not written"
    [ "$m" = 600 ] || fail "$1 has mode $m under umask 000, expected 600"
}
expect_exit 0 "$SKOLA_BIN" export devices "$T/out.csv"
mode_is_600 "$T/out.csv"
expect_exit 0 "$SKOLA_BIN" export devices --profile excel "$T/out-excel.csv"
mode_is_600 "$T/out-excel.csv"
expect_exit 0 "$SKOLA_BIN" report --year 2023 -o "$T/report.html"
mode_is_600 "$T/report.html"
expect_exit 0 "$SKOLA_BIN" export-municipality "$T/pkg" --year 2023
for f in "$T"/pkg/*; do mode_is_600 "$f"; done
[ -f "$T/pkg/manifest.json" ] || fail "the package has no manifest"
expect_exit 0 "$SKOLA_BIN" consolidate "$T/city" "$T/pkg"
for f in "$T"/city/*; do mode_is_600 "$f"; done
expect_exit 0 "$SKOLA_BIN" backup "$T/copy.db"
mode_is_600 "$T/copy.db"
# an existing target of another mode becomes 0600 too
printf 'old\n' >"$T/open.csv" && chmod 666 "$T/open.csv"
expect_exit 0 "$SKOLA_BIN" export devices "$T/open.csv"
mode_is_600 "$T/open.csv"

tmps() { find "$T" -maxdepth 1 -name '.big.csv.tmp-*' | wc -l; }
# start_stopped — a large export to big.csv, stopped (SIGSTOP) while its
# temporary file exists; sets $pid. Retries when the export was too quick.
start_stopped() {
    local try
    for try in 1 2 3 4 5 6 7 8 9 10; do
        "$SKOLA_BIN" export devices "$T/big.csv" >/dev/null 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null && [ "$(tmps)" -eq 0 ]; do :; done
        if kill -STOP "$pid" 2>/dev/null && [ "$(tmps)" -eq 1 ]; then
            # stopped with its lock taken (not in the instant between create and lock)
            flock -n "$(find "$T" -maxdepth 1 -name '.big.csv.tmp-*')" true || return 0
        fi
        kill -CONT "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        printf 'OLD TARGET\n' >"$T/big.csv"
    done
    fail "could not catch the export in the middle ($ROWS rows)"
}
printf 'OLD TARGET\n' >"$T/big.csv"
start_stopped
live=$(find "$T" -maxdepth 1 -name '.big.csv.tmp-*')
[ "$(cat "$T/big.csv")" = "OLD TARGET" ] || fail "the target changed before the writer finished"
mode_is_600 "$live"
# a second writer of the same target while the first is alive (stopped)
expect_exit 0 "$SKOLA_BIN" export devices "$T/big.csv"
[ -e "$live" ] || fail "a live writer's temporary file was removed"
[ "$(($(wc -l <"$T/big.csv") - 1))" -eq "$ROWS" ] || fail "the second export is not whole"
printf 'OLD TARGET\n' >"$T/big.csv"
kill -9 "$pid"
wait "$pid" 2>/dev/null
[ -e "$live" ] || fail "expected the killed writer's temporary file (test setup)"
[ "$(cat "$T/big.csv")" = "OLD TARGET" ] || fail "a killed writer changed the target"
# the next run of another target leaves it (it is not its file) ...
expect_exit 0 "$SKOLA_BIN" export devices "$T/other.csv"
[ -e "$live" ] || fail "a run for another target removed big.csv's temporary file"
# ... the next run of the same target removes it
expect_exit 0 "$SKOLA_BIN" export devices "$T/big.csv"
[ "$(tmps)" -eq 0 ] || fail "the killed writer's temporary file is still there"
[ "$(($(wc -l <"$T/big.csv") - 1))" -eq "$ROWS" ] || fail "the export after the kill is not whole"

# stale files of a backup (a temporary database and its journal), look-alikes
echo precious >"$T/precious"
for n in .copy.db.tmp-AbC123 .copy.db.tmp-AbC123-journal .copy.db.tmp-Zz9999-journal; do
    echo stale >"$T/$n"
done
for n in .copy.db.tmp-AbC12 copy.db.tmp-AbC123 .copy.db.tmp-AbC123.keep .copy.dbx.tmp-AbC123 \
    .xcopy.db.tmp-AbC123 .copy.db.tmp-AbC1234; do
    echo keep >"$T/$n"
done
ln -s "$T/precious" "$T/.copy.db.tmp-Sym123"
expect_exit 0 "$SKOLA_BIN" backup "$T/copy.db"
for n in .copy.db.tmp-AbC123 .copy.db.tmp-AbC123-journal .copy.db.tmp-Zz9999-journal; do
    [ -e "$T/$n" ] && fail "the stale $n was not removed"
done
for n in .copy.db.tmp-AbC12 copy.db.tmp-AbC123 .copy.db.tmp-AbC123.keep .copy.dbx.tmp-AbC123 \
    .xcopy.db.tmp-AbC123 .copy.db.tmp-AbC1234 .copy.db.tmp-Sym123; do
    [ -e "$T/$n" ] || fail "$n is not ours to remove, but was removed"
done
[ "$(cat "$T/precious")" = precious ] || fail "a symlink's target was touched"
"$SKOLA_BIN" --db "$T/copy.db" check >/dev/null 2>&1 || fail "the backup does not check clean"
check_db
echo "atomic writes: 0600 everywhere, stopped and killed writers handled ($ROWS rows)"

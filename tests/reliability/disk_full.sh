#!/usr/bin/env bash
# Reading commands on a full disk and on a read-only mount: check, summary,
# export and a backup to another disk still work (the file is opened
# read-only; SQLite's -shm cannot be made there), and a write says the disk
# is full or read-only. Needs root to mount a small tmpfs; skipped (77)
# where that is not possible.
. "$(dirname "$0")/../lib/reliability.sh"
mkdir -p "$T/mnt"
if ! mount -t tmpfs -o size=16m,mode=0755 skola-test "$T/mnt" 2>/dev/null; then
    echo "SKIP: cannot mount a tmpfs here (needs root): disk-full and read-only mount untested"
    exit 77
fi
cleanup() {
    umount "$T/mnt" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
"$SKOLA_BIN" --db "$T/mnt/skola.db" demo >/dev/null || fail "demo on the tmpfs"
"$SKOLA_BIN" --db "$T/mnt/skola.db" export devices - >"$T/want.csv" || fail "export"
ls "$T/mnt" | grep -qE -- '-(wal|shm)$' && fail "a clean close left -wal/-shm"

# fill the disk to the last byte
dd if=/dev/zero of="$T/mnt/filler" bs=64k 2>/dev/null
dd if=/dev/zero of="$T/mnt/filler2" bs=1 2>/dev/null
[ "$(df --output=avail "$T/mnt" | tail -1)" -eq 0 ] || fail "the tmpfs is not full"

reading_commands_work() {
    expect_exit 0 "$SKOLA_BIN" --db "$T/mnt/skola.db" check
    no_crash
    expect_exit 0 "$SKOLA_BIN" --db "$T/mnt/skola.db" summary --year 2024
    [ -s "$T/out" ] || fail "$1: empty summary"
    expect_exit 0 "$SKOLA_BIN" --db "$T/mnt/skola.db" export devices -
    cmp -s "$T/out" "$T/want.csv" || fail "$1: the export differs"
    rm -f "$T/copy.db"
    expect_exit 0 "$SKOLA_BIN" --db "$T/mnt/skola.db" backup "$T/copy.db"
    expect_exit 0 "$SKOLA_BIN" --db "$T/copy.db" export devices -
    cmp -s "$T/out" "$T/want.csv" || fail "$1: the backup differs"
}
reading_commands_work "full disk"
batch_csv 1 2000 R0 >"$T/b1.csv"
expect_exit 3 "$SKOLA_BIN" --db "$T/mnt/skola.db" import devices "$T/b1.csv"
expect_err 'The disk is full; nothing was saved.'
grep -qF 'unable to open database file' "$T/err" && fail "raw SQLite message"
# a workbook onto the full disk: refused, nothing and no temporary file left
expect_exit 3 "$SKOLA_BIN" --db "$T/mnt/skola.db" export devices "$T/mnt/out.xlsx"
expect_err 'No space left on device'
grep -qF '[ERROR]' "$T/err" && fail "libxlsxwriter's own message reached the terminal"
[ ! -e "$T/mnt/out.xlsx" ] || fail "a partial workbook on the full disk"
ls -a "$T/mnt" | grep -q 'tmp-' && fail "a temporary workbook was left on the full disk"

# a read-only mount
rm -f "$T/mnt/filler" "$T/mnt/filler2" "$T/mnt"/skola.db-*
mount -o remount,ro "$T/mnt" || fail "remount read-only"
reading_commands_work "read-only mount"
expect_exit 3 "$SKOLA_BIN" --db "$T/mnt/skola.db" import devices "$T/b1.csv"
expect_err 'is on a read-only disk'
echo ok

#!/usr/bin/env bash
# A shared file (users registered) lives on the host's own disk: on a
# network file system (NFS, SMB/CIFS, 9p, FUSE such as sshfs, AFS, Ceph…)
# opening it for writing is refused naming the file system, reading still
# works, and a personal file there still works (DELETE journal); on a local
# disk the shared file opens. The "network" file system is skola_netfs (a
# FUSE file system the build makes: root and /dev/fuse needed), else a
# network file system mounted on this machine; without either the test ends
# as skipped (77) after the local half (the magic numbers themselves are
# checked by unit.test_storage_fs).
. "$(dirname "$0")/../lib/reliability.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: needs sqlite3"; exit 77; }
me=$(id -un)

# make_shared DB — a file with one school and the runner registered as head
make_shared() {
    expect_exit 0 "$SKOLA_BIN" --db "$1" init --school-code T1 --school-name "Testa skola"
    sqlite3 "$1" "INSERT INTO app_user (login, role, created_at, created_by)
                  VALUES ('$me', 'head', '2024-11-15', 'test')"
}
printf 'inventory_no,category,status\nN-1,laptop,in_use\n' >"$T/dev.csv"

# the local disk: a shared file opens for writing
make_shared "$T/local.db"
expect_exit 0 "$SKOLA_BIN" --db "$T/local.db" import devices "$T/dev.csv"
grep -q 'network file system' "$T/err" && fail "a local shared file was taken for a network one"

# skola_netfs: a FUSE file system over a folder of $T, mounted by the test
net=""
if [ -n "${SKOLA_NETFS:-}" ] && [ "$(id -u)" -eq 0 ] && [ -c /dev/fuse ]; then
    mkdir -p "$T/backing" "$T/mnt"
    "$SKOLA_NETFS" "$T/backing" "$T/mnt" 2>"$T/netfs.err" &
    netfs_pid=$!
    for _ in $(seq 100); do
        [ "$(stat -f -c %t "$T/mnt" 2>/dev/null)" = 65735546 ] && break
        kill -0 "$netfs_pid" 2>/dev/null || break
        sleep 0.05
    done
    if [ "$(stat -f -c %t "$T/mnt" 2>/dev/null)" = 65735546 ]; then
        net="$T/mnt/shared"
        trap 'umount "$T/mnt" 2>/dev/null; wait "$netfs_pid"; cleanup' EXIT
    else
        echo "note: skola_netfs could not mount: $(cat "$T/netfs.err")"
    fi
fi
# else a network file system mounted here, writable by this user
[ -z "$net" ] && while read -r _ dir type _; do
    case "$type" in
    nfs | nfs4 | cifs | smb3 | smbfs | 9p | afs | ceph | fuse.sshfs | fuse.glusterfs | fuse.s3fs)
        dir=$(printf '%b' "$dir") # /proc/mounts escapes spaces as \040
        if d=$(mktemp -d "$dir/skola-netfs.XXXXXX" 2>/dev/null); then
            net=$d
            trap 'rm -rf "$net"; cleanup' EXIT
            break
        fi
        ;;
    esac
done </proc/mounts
if [ -z "$net" ]; then
    echo "SKIP: no network file system here (skola_netfs needs root and /dev/fuse, and none" \
        "is mounted); the local half passed and the file-system classification is tested by" \
        "unit.test_storage_fs"
    exit 77
fi
# skola_netfs shows one folder level: the files are made beside it, then seen through it
if [ "$net" = "$T/mnt/shared" ]; then
    make_shared "$T/backing/skola.db"
    net="$T/mnt"
    expect_exit 0 "$SKOLA_BIN" --db "$T/backing/personal.db" init --school-code P1 --school-name P
    # made on the local disk in WAL mode; a file made on the network is in
    # DELETE mode from the start (storage/db.c)
    for f in skola personal; do
        sqlite3 "$T/backing/$f.db" "PRAGMA journal_mode = DELETE" >/dev/null
    done
else
    make_shared "$net/skola.db"
    expect_exit 0 "$SKOLA_BIN" --db "$net/personal.db" init --school-code P1 --school-name P
fi
# a personal file there still works (the DELETE journal)
expect_exit 0 "$SKOLA_BIN" --db "$net/personal.db" import devices "$T/dev.csv"
[ "$("$SKOLA_BIN" --db "$net/personal.db" export devices - | grep -cE '(^|,)N-1,')" -eq 1 ] ||
    fail "the personal file on $net lost its import"
expect_exit 3 "$SKOLA_BIN" --db "$net/skola.db" import devices "$T/dev.csv"
grep -q 'lies on a network file system' "$T/err" || { cat "$T/err" >&2; fail "no refusal on $net"; }
grep -q "host's own disk" "$T/err" || fail "the refusal does not say where a shared file lives"
# reading still works (a rescue, a backup to the local disk)
expect_exit 0 "$SKOLA_BIN" --db "$net/skola.db" export devices -
[ "$(grep -cE '(^|,)N-1,' "$T/out")" -eq 0 ] || fail "the refused import wrote into the shared file"
# sharing a personal file there is refused too, before anything changes
mode_before=$(stat -c %a "$net/personal.db")
expect_exit 3 "$SKOLA_BIN" --db "$net/personal.db" share --group "$(id -gn)"
grep -q 'lies on a network file system' "$T/err" || { cat "$T/err" >&2; fail "share was not refused"; }
[ "$(stat -c %a "$net/personal.db")" = "$mode_before" ] || fail "the refused share changed the mode"
expect_exit 0 "$SKOLA_BIN" --db "$net/personal.db" import devices "$T/dev.csv" --mode upsert
# and so is a new shared file there: nothing is created
expect_exit 3 "$SKOLA_BIN" --db "$net/new.db" init --school-code N1 --school-name N --group "$(id -gn)"
grep -q 'lies on a network file system' "$T/err" || { cat "$T/err" >&2; fail "init --group was not refused"; }
[ ! -e "$net/new.db" ] || fail "the refused init --group left a file"
echo "ok: a shared file on $(stat -f -c %T "$net") is refused, on the local disk it opens"

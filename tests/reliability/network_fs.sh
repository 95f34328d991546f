#!/usr/bin/env bash
# A shared file (users registered) lives on the host's own disk: on a
# network file system (NFS, SMB/CIFS, 9p, FUSE such as sshfs, AFS, Ceph…)
# opening it for writing is refused naming the file system, reading still
# works; on a local disk the same file opens. The real refusal needs a
# network file system mounted on this machine: without one the test ends
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

# a network file system mounted here, writable by this user
net=""
while read -r _ dir type _; do
    case "$type" in
    nfs | nfs4 | cifs | smb3 | smbfs | 9p | afs | ceph | fuse.sshfs | fuse.glusterfs | fuse.s3fs)
        dir=$(printf '%b' "$dir") # /proc/mounts escapes spaces as \040
        if d=$(mktemp -d "$dir/skola-netfs.XXXXXX" 2>/dev/null); then
            net=$d
            break
        fi
        ;;
    esac
done </proc/mounts
if [ -z "$net" ]; then
    echo "SKIP: no writable network file system is mounted on this machine (CI has no NFS," \
        "CIFS or 9p module and no FUSE server to mount one); the local half passed and the" \
        "file-system classification is tested by unit.test_storage_fs"
    exit 77
fi
trap 'rm -rf "$net"; cleanup' EXIT
make_shared "$net/skola.db"
expect_exit 3 "$SKOLA_BIN" --db "$net/skola.db" import devices "$T/dev.csv"
grep -q 'lies on a network file system' "$T/err" || { cat "$T/err" >&2; fail "no refusal on $net"; }
grep -q "host's own disk" "$T/err" || fail "the refusal does not say where a shared file lives"
# reading still works (a rescue, a backup to the local disk)
expect_exit 0 "$SKOLA_BIN" --db "$net/skola.db" export devices -
echo "ok: a shared file on $(stat -f -c %T "$net") is refused, on the local disk it opens"

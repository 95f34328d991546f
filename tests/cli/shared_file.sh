#!/usr/bin/env bash
# A shared file with real OS users (issue 14 §1–2): the test creates a group
# and seven logins (unique names, removed on exit) and runs skola as each
# with umask 077. Covered: `init --group` and `share --group` give the file
# 0660 and its folder 2770 of the group; user A writes, then B (whose open
# connection made the -wal and -shm), then A again: every file stays group
# read-write; backups and rescue copies of the shared file are the group's,
# exports stay 0600; the role table on the command line for each role
# (refusals exit 1 naming the role needed); the users commands (only a
# head, one head remains, --staff by name); an unregistered login is
# refused with the command to ask for; a personal file stays as it was.
# Needs root (useradd); exits 77 (skipped) otherwise.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: needs root (creates OS users and a group to share the file with)"
    exit 77
fi
for tool in useradd userdel groupadd groupdel runuser stat; do
    command -v "$tool" >/dev/null || { echo "SKIP: needs $tool"; exit 77; }
done
P="sk$$"
GROUP="${P}g"
HEAD="${P}a" IT="${P}b" DEPUTY="${P}c" SUPPORT="${P}d" VIEWER="${P}e" STRANGER="${P}f" OUTSIDER="${P}o"
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-shared.XXXXXX")
cleanup() {
    for u in "$HEAD" "$IT" "$DEPUTY" "$SUPPORT" "$VIEWER" "$STRANGER" "$OUTSIDER"; do
        userdel "$u" >/dev/null 2>&1
    done
    groupdel "$GROUP" >/dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT
chmod 0755 "$T"
# the test's users read the CSV files from here (the source may be closed to them)
DATA="$T/data"
mkdir "$DATA" && cp "$SKOLA_SRCDIR"/tests/data/*.csv "$DATA" && chmod 0755 "$DATA" &&
    chmod 0644 "$DATA"/*.csv
export LANG=C.UTF-8 LC_ALL= LANGUAGE= TZ=UTC SKOLA_TODAY=2024-11-15
groupadd "$GROUP" || { echo "SKIP: groupadd failed"; exit 77; }
for u in "$HEAD" "$IT" "$DEPUTY" "$SUPPORT" "$VIEWER" "$STRANGER"; do
    useradd -M -N -g "$GROUP" -s /bin/sh "$u" || { echo "FAIL: useradd $u"; exit 1; }
done
useradd -M -N -s /bin/sh "$OUTSIDER" || { echo "FAIL: useradd $OUTSIDER"; exit 1; }
# the binary must be reachable by the test's users: a build in a closed
# folder (/root/…) is copied into the test's folder, with the real binary
# behind a wrapper (tests/tools/valgrind-skola)
if ! runuser -u "$OUTSIDER" -- test -x "$SKOLA_BIN"; then
    mkdir "$T/bin" && chmod 0755 "$T/bin"
    cp "$SKOLA_BIN" "$T/bin/skola" && SKOLA_BIN="$T/bin/skola"
    if [ -n "${SKOLA_REAL_BIN:-}" ]; then
        cp "$SKOLA_REAL_BIN" "$T/bin/skola-real" && export SKOLA_REAL_BIN="$T/bin/skola-real"
    fi
    chmod 0755 "$T/bin"/*
fi
if ! runuser -u "$OUTSIDER" -- test -x "$SKOLA_BIN"; then
    echo "SKIP: $SKOLA_BIN cannot be run by other users"
    exit 77
fi

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# as USER skola ARGS... — runs skola as USER with umask 077; output in
# $T/out, status in $rc
as() {
    local who=$1
    shift
    mkdir -p "$T/home/$who"
    chown "$who" "$T/home/$who"
    runuser -u "$who" -- sh -c 'umask 077; cd /; exec "$@"' sh \
        env HOME="$T/home/$who" "$SKOLA_BIN" "$@" >"$T/out" 2>&1 </dev/null
    rc=$?
}
# expect RC TEXT USER ARGS... — skola as USER exits RC with TEXT in its output
expect() {
    local want=$1 text=$2
    shift 2
    as "$@"
    if [ "$rc" != "$want" ] || ! grep -qF -- "$text" "$T/out"; then
        fail "skola ${*:2} as $1: exit $rc (want $want), output lacks “$text”:"
        sed 's/^/    /' "$T/out"
    fi
}
# mode FILE WANT — "MODE OWNER GROUP" of FILE
mode() {
    local got
    got=$(stat -c '%a %G' "$1" 2>/dev/null)
    [ "$got" = "$2" ] || fail "$(basename "$1"): mode and group “$got”, want “$2”"
}
# every file of folder D is the group's, read-write
all_group_rw() {
    local f
    for f in "$1"/* "$1"/.[!.]*; do
        [ -e "$f" ] || continue
        mode "$f" "660 $GROUP"
    done
}

# ------------------------------------------------------- init --group
S="$T/school"
mkdir "$S" && chown "$HEAD" "$S" && chmod 0700 "$S"
DB="$S/skola.db"
expect 0 "shared with the group" "$HEAD" --db "$DB" init --school-code 4513900001 \
    --school-name "Testa skola" --group "$GROUP"
mode "$S" "2770 $GROUP"
mode "$DB" "660 $GROUP"
expect 0 "$HEAD" "$HEAD" --db "$DB" users list

# --------------------------------------- A writes, then B, then A again
expect 0 "Added" "$HEAD" --db "$DB" users add "$IT" --role it
expect 0 "Added" "$HEAD" --db "$DB" users add "$DEPUTY" --role deputy
expect 0 "Added" "$HEAD" --db "$DB" users add "$SUPPORT" --role support
expect 0 "Added" "$HEAD" --db "$DB" users add "$VIEWER" --role viewer
expect 0 "imported" "$HEAD" --db "$DB" import staff "$DATA/staff-clean.csv"
all_group_rw "$S"
# B's import opens the file (making -wal and -shm, with umask 077) and then
# waits for its CSV on a pipe; meanwhile A writes through B's files
mkfifo "$T/pipe" && chmod 0666 "$T/pipe"
mkdir -p "$T/home/$IT" && chown "$IT" "$T/home/$IT"
runuser -u "$IT" -- sh -c 'umask 077; cd /; exec "$@"' sh env HOME="$T/home/$IT" \
    "$SKOLA_BIN" --db "$DB" import devices "$T/pipe" >"$T/b.out" 2>&1 &
bpid=$!
for _ in $(seq 100); do [ -e "$DB-shm" ] && break; sleep 0.1; done
[ -e "$DB-shm" ] || fail "B's open made no -shm"
[ -e "$DB-shm" ] && [ "$(stat -c %U "$DB-shm")" = "$IT" ] || fail "the -shm is not B's"
mode "$DB-wal" "660 $GROUP"
mode "$DB-shm" "660 $GROUP"
expect 0 "imported" "$HEAD" --db "$DB" import vacancies "$DATA/vacancies-clean.csv"
cat "$DATA/devices-clean.csv" >"$T/pipe"
wait "$bpid" || { fail "B's import failed:"; cat "$T/b.out"; }
grep -q "imported" "$T/b.out" || fail "B's import said: $(cat "$T/b.out")"
expect 0 "imported" "$HEAD" --db "$DB" import trainings "$DATA/trainings-clean.csv"
all_group_rw "$S"
mode "$S" "2770 $GROUP"
# two users importing at the same moment: each waits for the other's write
# lock (the busy timeout) and both imports land whole, in either order
mkdir -p "$T/csv" && chmod 0755 "$T/csv"
awk 'BEGIN { print "inventory_no,category,status"
    for (i = 1; i <= 3000; i++) printf "P-%05d,laptop,in_use\n", i }' >"$T/csv/dev.csv"
awk 'BEGIN { print "staff,date,title,provider,hours,digital"
    for (i = 1; i <= 3000; i++) printf "Anna Kalniņa,2024-10-01,Kursi %05d,VISC,%d,0\n", i, 1 + i % 8 }' >"$T/csv/tr.csv"
chmod 0644 "$T/csv/dev.csv" "$T/csv/tr.csv"
before_dev=$(sqlite3 "$DB" "SELECT count(*) FROM device")
before_tr=$(sqlite3 "$DB" "SELECT count(*) FROM training")
runuser -u "$IT" -- sh -c 'umask 077; cd /; exec "$@"' sh env HOME="$T/home/$IT" \
    "$SKOLA_BIN" --db "$DB" import devices "$T/csv/dev.csv" >"$T/c1.out" 2>&1 &
c1=$!
runuser -u "$HEAD" -- sh -c 'umask 077; cd /; exec "$@"' sh env HOME="$T/home/$HEAD" \
    "$SKOLA_BIN" --db "$DB" import trainings "$T/csv/tr.csv" >"$T/c2.out" 2>&1 &
c2=$!
wait "$c1" || fail "IT's import at the same time failed: $(cat "$T/c1.out")"
wait "$c2" || fail "the head's import at the same time failed: $(cat "$T/c2.out")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM device")" -eq $((before_dev + 3000)) ] ||
    fail "devices after two imports at once: $(sqlite3 "$DB" "SELECT count(*) FROM device")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM training")" -eq $((before_tr + 3000)) ] ||
    fail "trainings after two imports at once: $(sqlite3 "$DB" "SELECT count(*) FROM training")"
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "integrity after two imports at once"
all_group_rw "$S"
# two members opening the file at the same moment, again and again, each
# after the last connection closed (the -wal and -shm were removed): the
# first one's open creates them, and with umask 077 SQLite made them 0600
# for an instant before giving them the file's mode, so the other was
# refused ("unable to open database file", or "read-only"): about one
# round in three failed before skola opened a shared file with a umask
# that keeps the group's bits
races=0
for i in $(seq 30); do
    printf 'inventory_no,category,status\nR-%05d,laptop,in_use\n' "$i" >"$T/csv/r$i.csv"
    printf 'inventory_no,category,status\nS-%05d,laptop,in_use\n' "$i" >"$T/csv/s$i.csv"
    chmod 0644 "$T/csv/r$i.csv" "$T/csv/s$i.csv"
    sqlite3 "$DB" "SELECT 1" >/dev/null # the last connection closes: no -wal, no -shm
    runuser -u "$IT" -- sh -c 'umask 077; cd /; exec "$@"' sh env HOME="$T/home/$IT" \
        "$SKOLA_BIN" --db "$DB" import devices "$T/csv/r$i.csv" >"$T/r.out" 2>&1 &
    r1=$!
    runuser -u "$HEAD" -- sh -c 'umask 077; cd /; exec "$@"' sh env HOME="$T/home/$HEAD" \
        "$SKOLA_BIN" --db "$DB" import devices "$T/csv/s$i.csv" >"$T/s.out" 2>&1 &
    r2=$!
    wait "$r1" || { races=$((races + 1)); fail "round $i, IT's open: $(cat "$T/r.out")"; }
    wait "$r2" || { races=$((races + 1)); fail "round $i, the head's open: $(cat "$T/s.out")"; }
    [ "$races" -gt 3 ] && break
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM device WHERE inventory_no LIKE 'R-%' OR inventory_no LIKE 'S-%'")" = 60 ] ||
    fail "devices after 30 rounds of two opens at once"
all_group_rw "$S"
# the audit log names each real login
expect 0 "imported" "$SUPPORT" --db "$DB" import consultations "$DATA/consultations-clean.csv"
sqlite3 "$DB" "SELECT DISTINCT login FROM import_batch ORDER BY login" >"$T/logins" 2>/dev/null &&
    { [ "$(tr '\n' ' ' <"$T/logins")" = "$HEAD $IT $SUPPORT " ] ||
        fail "import logins: $(cat "$T/logins")"; }

# backups and rescue copies of a shared file are the group's; exports stay private
expect 0 "Backup written" "$DEPUTY" --db "$DB" backup "$S/copy.db"
grep -q "same login name" "$T/out" || fail "the backup of a shared file gives no hint about logins"
mode "$S/copy.db" "660 $GROUP"
mkdir "$T/own" && chown "$DEPUTY" "$T/own" && chmod 0700 "$T/own"
expect 0 "Backup written" "$DEPUTY" --db "$DB" backup "$T/own/copy.db"
mode "$T/own/copy.db" "660 $GROUP"
expect 0 "" "$DEPUTY" --db "$DB" export staff "$T/own/staff.csv"
mode "$T/own/staff.csv" "600 $GROUP"
expect 0 "" "$HEAD" --db "$S/copy.db" export devices -
# a damaged shared file: the rescued copy is the group's too
cp "$S/copy.db" "$S/broken.db" && chgrp "$GROUP" "$S/broken.db" && chmod 0660 "$S/broken.db"
printf 'garbage' | dd of="$S/broken.db" bs=1 seek=4096 conv=notrunc 2>/dev/null
printf 'garbage' | dd of="$S/broken.db" bs=1 seek=8192 conv=notrunc 2>/dev/null
as "$DEPUTY" --db "$S/broken.db" backup "$S/rescued.db"
[ -e "$S/rescued.db" ] && mode "$S/rescued.db" "660 $GROUP"

# ---------------------------------------------------- the role table
# head: everything
expect 0 "" "$HEAD" --db "$DB" export consultations -
# it: devices rw, staff r, nothing else
expect 0 "" "$IT" --db "$DB" export staff -
expect 1 "needs the role “head”" "$IT" --db "$DB" import staff "$DATA/staff-clean.csv"
grep -qF "has the role “it”" "$T/out" || fail "the refusal does not name the role it"
expect 1 "“head” or “support”" "$IT" --db "$DB" export consultations -
expect 1 "“head” or “deputy”" "$IT" --db "$DB" export observations -
as "$IT" --db "$DB" summary --year 2024 --format csv
grep -q "devices\.count" "$T/out" || fail "it's summary lacks the devices"
grep -q "consultations\.\|observations\.\|staff\." "$T/out" && fail "it's summary shows other areas"
expect 1 "“head”, “deputy” or “viewer”" "$IT" --db "$DB" report --year 2024 -o "$T/it.html"
# deputy: observations and self-assessment rw, devices and staff r, no consultations
expect 0 "" "$DEPUTY" --db "$DB" export devices -
expect 1 "“head” or “it”" "$DEPUTY" --db "$DB" import devices "$DATA/devices-clean.csv"
expect 0 "imported" "$DEPUTY" --db "$DB" import assessments "$DATA/assessments-clean.csv"
expect 1 "“head” or “support”" "$DEPUTY" --db "$DB" export consultations -
expect 1 "needs the role “head”" "$DEPUTY" --db "$DB" forget-person "Anna Kalniņa"
expect 0 "" "$DEPUTY" --db "$DB" report --year 2024 -o "$T/own/report.html"
# support: consultations rw, staff r, nothing else
expect 0 "" "$SUPPORT" --db "$DB" export consultations -
expect 1 "“head”, “deputy” or “it”" "$SUPPORT" --db "$DB" export devices -
expect 1 "“head” or “deputy”" "$SUPPORT" --db "$DB" import priorities "$DATA/priorities-clean.csv"
as "$SUPPORT" --db "$DB" summary --year 2024 --format csv
grep -q "consultations\.count" "$T/out" || fail "support's summary lacks the consultations"
grep -q "devices\.\|observations\.\|staff\." "$T/out" && fail "support's summary shows other areas"
# viewer: figures only
expect 1 "viewer" "$VIEWER" --db "$DB" export devices -
expect 1 "viewer" "$VIEWER" --db "$DB" export staff -
expect 1 "viewer" "$VIEWER" --db "$DB" import devices "$DATA/devices-clean.csv"
as "$VIEWER" --db "$DB" summary --year 2024 --format csv
grep -q "devices\.count" "$T/out" && grep -q "staff\.persons" "$T/out" ||
    fail "the viewer's summary lacks figures"
mkdir "$T/pkg" && chown "$VIEWER" "$T/pkg"
expect 0 "" "$VIEWER" --db "$DB" export-municipality "$T/pkg/out" --year 2024
[ -s "$T/pkg/out/devices.csv" ] || fail "the viewer's package lacks devices.csv"
expect 1 "needs the role “head”" "$VIEWER" --db "$DB" templates list

# check --repair rewrites records: per kind, only a role that may change it
# (the rows made stale by another program, run as the head's login)
sq_head() { runuser -u "$HEAD" -- sqlite3 "$DB" "$1" >/dev/null; }
stale_staff() { runuser -u "$HEAD" -- sqlite3 "$DB" "SELECT count(*) FROM staff WHERE full_name__sk IS NULL"; }
sq_head "UPDATE staff SET full_name__sk = NULL"
n_stale=$(stale_staff)
[ "$n_stale" -gt 0 ] || fail "no staff row made stale for the repair checks"
expect 1 "outdated sort keys" "$VIEWER" --db "$DB" check
for who in "$VIEWER" "$IT" "$SUPPORT" "$DEPUTY"; do
    expect 1 "changing “Staff” needs the role “head”" "$who" --db "$DB" check --repair
    grep -q "Refreshed" "$T/out" && fail "check --repair as $who refreshed something"
done
[ "$(stale_staff)" = "$n_stale" ] || fail "a refused check --repair changed staff rows"
expect 0 "Refreshed the sort keys of $n_stale rows" "$HEAD" --db "$DB" check --repair
[ "$(stale_staff)" = 0 ] || fail "the head's check --repair left stale staff rows"
# it may change devices: their stale search texts are its to refresh
sq_head "UPDATE device SET search = 'x'"
expect 1 "changing “Devices” needs the role “head” or “it”" "$VIEWER" --db "$DB" check --repair
expect 0 "Refreshed the search texts of" "$IT" --db "$DB" check --repair
expect 0 "no problems found" "$VIEWER" --db "$DB" check
# the ticks summary of observation sheets: head or deputy
expect 0 "imported" "$HEAD" --db "$DB" import staff "$DATA/observations-staff.csv"
expect 0 "imported" "$DEPUTY" --db "$DB" import observations "$DATA/observations-clean.csv"
sq_head "UPDATE observation SET ticks_on = 0"
expect 1 "changing “lesson observations and their templates” needs the role “head” or “deputy”" \
    "$IT" --db "$DB" check --repair
expect 0 "Refreshed the ticks summary of" "$DEPUTY" --db "$DB" check --repair
# consolidate opens no database: any role (and the refusals name skola merge)
mkdir "$T/cons" && chown "$VIEWER" "$T/cons"
expect 0 "" "$VIEWER" --db "$DB" consolidate "$T/cons/out" "$T/pkg/out"
[ -d "$T/cons/out" ] || fail "the viewer's consolidate wrote nothing"
expect 1 "merging a copy (skola merge)" "$DEPUTY" --db "$DB" users list

# ------------------------------------------------------------- users
expect 1 "needs the role “head”" "$DEPUTY" --db "$DB" users add "$STRANGER" --role viewer
expect 1 "needs the role “head”" "$DEPUTY" --db "$DB" users list
expect 1 "needs the role “head”" "$DEPUTY" --db "$DB" users role "$DEPUTY" head
expect 1 "last head" "$HEAD" --db "$DB" users remove "$HEAD"
expect 1 "last head" "$HEAD" --db "$DB" users role "$HEAD" viewer
expect 2 "head, deputy, it, support or viewer" "$HEAD" --db "$DB" users role "$IT" boss
expect 1 "is a user already" "$HEAD" --db "$DB" users add "$IT" --role viewer
expect 0 "is not a member of the group" "$HEAD" --db "$DB" users add "$OUTSIDER" --role viewer
expect 0 "Removed" "$HEAD" --db "$DB" users remove "$OUTSIDER"
expect 0 "Added" "$HEAD" --db "$DB" users add "$STRANGER" --role viewer
grep -q "not a member" "$T/out" && fail "a member of the group was told to join it"
expect 0 "Removed" "$HEAD" --db "$DB" users remove "$STRANGER"
expect 1 "no login" "$HEAD" --db "$DB" users add "${P}zz" --role viewer
expect 1 "not a user" "$HEAD" --db "$DB" users remove "${P}zz"
# --staff: by full name, case and diacritics folded; unknown named
expect 1 "No staff record" "$HEAD" --db "$DB" users add "$STRANGER" --role deputy --staff "Nobody Here"
# a name that fits two records once folded is an error naming both
printf 'full_name,role\nJānis Berziņš,teacher\n' >"$T/twin.csv" && chmod 0644 "$T/twin.csv"
expect 0 "imported" "$HEAD" --db "$DB" import staff "$T/twin.csv"
expect 1 "Jānis Berziņš" "$HEAD" --db "$DB" users add "$STRANGER" --role deputy --staff "janis berzins"
grep -qF "Jānis Bērziņš" "$T/out" || fail "the ambiguous --staff does not name both records"
expect 0 "linked" "$HEAD" --db "$DB" users add "$STRANGER" --role deputy --staff "Jānis Bērziņš"
expect 0 "Jānis Bērziņš" "$HEAD" --db "$DB" users list
expect 0 "has the role “head” now" "$HEAD" --db "$DB" users role "$STRANGER" head
expect 0 "Removed" "$STRANGER" --db "$DB" users remove "$HEAD"
expect 1 "skola users add $HEAD --role" "$HEAD" --db "$DB" export devices -
expect 0 "Added" "$STRANGER" --db "$DB" users add "$HEAD" --role head
expect 0 "Removed" "$HEAD" --db "$DB" users remove "$STRANGER"

# an unregistered login (a member of the group) is refused with what to ask
expect 1 "skola users add $STRANGER --role" "$STRANGER" --db "$DB" summary --year 2024
expect 1 "skola users add $STRANGER --role" "$STRANGER" --db "$DB" export devices -
# a login outside the group cannot even read the file, and is told why
# (not that there is none)
for args in "summary --year 2024" "export staff -" "check" "backup $T/x.db"; do
    # shellcheck disable=SC2086
    expect 3 "lack permission" "$OUTSIDER" --db "$DB" $args
    grep -qF "“$GROUP”" "$T/out" || fail "$args as an outsider does not name the group"
    grep -q "skola init\|no database" "$T/out" && fail "$args as an outsider: $(cat "$T/out")"
done
# the folder open, the file the group's: the same words
chmod 0755 "$S"
expect 3 "lack permission" "$OUTSIDER" --db "$DB" export staff -
grep -qF "“$GROUP”" "$T/out" || fail "an outsider reaching the file is not told its group"
chmod 2770 "$S"

# ------------------------------------------- share an existing file
P2="$T/personal"
mkdir "$P2" && chown "$HEAD" "$P2" && chmod 0700 "$P2"
expect 0 "Created" "$HEAD" --db "$P2/own.db" init --school-code 1 --school-name P
mode "$P2/own.db" "600 $(id -gn "$HEAD")"
# a personal file works as before: everything, for whoever may open it
expect 0 "personal file" "$HEAD" --db "$P2/own.db" users list
expect 0 "imported" "$HEAD" --db "$P2/own.db" import devices "$DATA/devices-clean.csv"
expect 1 "personal file" "$HEAD" --db "$P2/own.db" users add "$IT" --role it
expect 0 "Backup" "$HEAD" --db "$P2/own.db" backup "$P2/own-copy.db"
grep -q "same login name" "$T/out" && fail "the backup of a personal file speaks of logins"
mode "$P2/own-copy.db" "600 $(id -gn "$HEAD")"
rm "$P2/own-copy.db"
# refused: a group the runner is not in, a folder with other files, a closed folder above
groupadd "${P}x" && expect 1 "not a member of the group" "$HEAD" --db "$P2/own.db" share --group "${P}x"
groupdel "${P}x"
expect 1 "no group" "$HEAD" --db "$P2/own.db" share --group "${P}nogroup"
touch "$P2/notes.txt" && chown "$HEAD" "$P2/notes.txt"
expect 1 "holds other files too" "$HEAD" --db "$P2/own.db" share --group "$GROUP"
rm "$P2/notes.txt"
mode "$P2/own.db" "600 $(id -gn "$HEAD")"
mkdir -p "$T/closed/inner" && chown "$HEAD" "$T/closed" "$T/closed/inner" && chmod 0700 "$T/closed"
cp "$P2/own.db" "$T/closed/inner/x.db" && chown "$HEAD" "$T/closed/inner/x.db"
expect 1 "cannot reach" "$HEAD" --db "$T/closed/inner/x.db" share --group "$GROUP"
chmod 0755 "$T/closed"
expect 0 "shared with the group" "$HEAD" --db "$P2/own.db" share --group "$GROUP"
mode "$P2" "2770 $GROUP"
mode "$P2/own.db" "660 $GROUP"
expect 0 "head" "$HEAD" --db "$P2/own.db" users list
expect 1 "skola users add $IT" "$IT" --db "$P2/own.db" export devices -
# sharing again: only the head (it mends the modes)
expect 0 "Added" "$HEAD" --db "$P2/own.db" users add "$IT" --role it
expect 1 "needs the role “head”" "$IT" --db "$P2/own.db" share --group "$GROUP"
chmod 0600 "$P2/own.db"
expect 0 "shared with the group" "$HEAD" --db "$P2/own.db" share --group "$GROUP"
mode "$P2/own.db" "660 $GROUP"

if [ "$failures" -ne 0 ]; then
    echo "FAILED: $failures checks of the shared file"
    exit 1
fi
echo "shared file: all checks passed"

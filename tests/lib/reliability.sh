# reliability.sh — shared by the reliability tests (tests/reliability/*.sh): a temp
# dir with pinned environment, a seeded PRNG, failure reporting and the
# consistency check after every mishap. Sourced, not run.
set -u
: "${SKOLA_BIN:?SKOLA_BIN must name the skola binary}"
: "${SKOLA_TORTURE:?SKOLA_TORTURE must name the skola_torture helper}"
: "${SKOLA_SRCDIR:?}"
CASE=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-rel-$CASE.XXXXXX")
cleanup() { rm -rf "$T"; }
trap cleanup EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" SKOLA_DB="$T/skola.db"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= TZ=UTC SKOLA_TODAY=2024-11-15
mkdir -p "$HOME"
DB="$SKOLA_DB"
# A fixed seed makes every run the same; SKOLA_SEED=N tries another.
RANDOM=${SKOLA_SEED:-20241115}

fail() {
    echo "FAIL ($CASE): $*" >&2
    exit 1
}

# check_db [DB] [--batches] — integrity, audit log = data, whole batches.
check_db() {
    local db=${1:-$DB}
    shift || true
    "$SKOLA_TORTURE" verify "$db" "$@" >"$T/verify.out" 2>&1 ||
        { cat "$T/verify.out" >&2; fail "the database is not consistent"; }
}

# expect_exit CODE CMD... — runs CMD, its exit status must be CODE; stderr in $T/err.
expect_exit() {
    local want=$1 rc
    shift
    "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    [ "$rc" -eq "$want" ] ||
        { head -20 "$T/out" "$T/err" >&2; fail "“$*” exited $rc, expected $want"; }
}

# expect_err TEXT — TEXT (fixed string) is in the last command's stderr.
expect_err() {
    grep -qF -- "$1" "$T/err" || { head -20 "$T/err" >&2; fail "expected “$1” on stderr"; }
}

# no_crash — the last command's stderr has no sanitizer report or abort.
no_crash() {
    if grep -qE 'AddressSanitizer|runtime error|LeakSanitizer|Aborted|Segmentation' "$T/err"; then
        cat "$T/err" >&2
        fail "crashed"
    fi
}

# batch_csv K N ROOM — a CSV of devices of batch K (N rows) in room ROOM.
batch_csv() {
    awk -v k="$1" -v n="$2" -v room="$3" 'BEGIN {
        print "inventory_no,category,model,room"
        for (i = 1; i <= n; i++) printf "B%d-%05d,laptop,B%d-of-%d,%s\n", k, i, k, n, room
    }'
}

# Shared by the CLI golden tests (tests/cli/*.sh). Sourced, not run.
# Pins the environment, keeps every file in a temp dir, records each command's
# stdout, stderr and exit status in one transcript, and diffs it against
# tests/cli/expected/<case>.out. UPDATE_GOLDEN=1 rewrites the expected file.
set -u
: "${SKOLA_BIN:?SKOLA_BIN must name the skola binary}"
: "${SKOLA_SRCDIR:?}"
CASE=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-cli-$CASE.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" SKOLA_DB="$T/skola.db"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= TZ=UTC SKOLA_TODAY=2024-11-15 SKOLA_NOW=2024-11-15T10:00:00Z
export USER=tester
# skola.conf files (cli/config.c) come from the temp dir, never the user's
export XDG_CONFIG_HOME="$T/config" XDG_CONFIG_DIRS="$T/xdg"
mkdir -p "$HOME"
DATA="$SKOLA_SRCDIR/tests/data"
ACTUAL="$T/actual"
: >"$ACTUAL"

# Record ids (uid) are random: every one in a transcript is shown as <uid>
# (a uid a test writes itself, not of version 7, stays visible).
UID_MASK='s/[0-9a-f]\{8\}-[0-9a-f]\{4\}-7[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}/<uid>/g'

# A new uid in SQL, for rows a test writes with sqlite3 as another program
# would (skola makes the uid of every record it creates).
SQL_UID="lower(printf('%s-%s-7%s-%s%s-%s', hex(randomblob(4)), hex(randomblob(2)),
 substr(hex(randomblob(2)), 2), substr('89ab', 1 + abs(random()) % 4, 1),
 substr(hex(randomblob(2)), 2), hex(randomblob(6))))"

# run ARGS... — runs skola with ARGS, appends the transcript. MASK, when set,
# is one more sed expression for the transcript (a value that changes with
# every release, such as the schema version). Paths under $T
# are shown as $T so the transcript does not depend on the temp dir.
run() {
    local out="$T/.out" err="$T/.err" rc
    "$SKOLA_BIN" "$@" >"$out" 2>"$err" </dev/null
    rc=$?
    {
        printf '$ skola'
        printf ' %s' "$@"
        printf '\n'
        cat "$out"
        sed 's/^/! /' "$err"
        printf '[exit %d]\n' "$rc"
    } | sed -e "s#$T#\$T#g" -e "s#$SKOLA_SRCDIR/tests/data#\$DATA#g" -e "$UID_MASK" -e "${MASK:-b}" >>"$ACTUAL"
    return 0
}

# note TEXT — a line of commentary or of shell output in the transcript.
note() {
    printf '%s\n' "$*" | sed -e "s#$T#\$T#g" -e "$UID_MASK" >>"$ACTUAL"
}

# show FILE — appends a file's content (made visible: CR as <CR>, BOM as <BOM>).
show() {
    note "--- $(basename "$1")"
    sed -e 's/\r/<CR>/g' -e '1s/^\xef\xbb\xbf/<BOM>/' -e "$UID_MASK" "$1" >>"$ACTUAL"
    note "---"
}

# finish — compares the transcript with the golden file; exit status of the test.
finish() {
    local expected="$SKOLA_SRCDIR/tests/cli/expected/$CASE.out"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$ACTUAL" "$expected"
        echo "updated $expected"
        exit 0
    fi
    if diff -u "$expected" "$ACTUAL"; then
        exit 0
    fi
    echo "FAILED: $CASE differs from its golden file"
    exit 1
}

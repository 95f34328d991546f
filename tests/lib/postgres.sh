# A private PostgreSQL server for a test (issue 16's load.sql tests).
# Sourced, not run. Needs T (the test's temp dir) and fail/skip functions.
# pg_start installs PostgreSQL when missing and apt can be used (root or
# sudo), then makes a cluster in $T/pg (initdb), starts it on a private
# socket in $T/pg and no TCP port, and sets PSQL; as root the server runs as
# nobody (PostgreSQL refuses root). Where it cannot, the test is skipped
# (exit 77, ctest's skip code), never passed. pg_stop (called by the
# caller's EXIT trap) stops it. pgq ARGS... runs psql on it.
PGBIN=""
AS=""
find_pg() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
pg_start() {
    if [ -z "$(find_pg)" ] || ! command -v psql >/dev/null 2>&1; then
        local sudo=""
        [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null && sudo="sudo -n"
        if { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; } && command -v apt-get >/dev/null 2>&1; then
            echo "installing postgresql"
            $sudo apt-get update -qq >/dev/null 2>&1
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
                postgresql >/dev/null 2>&1
        fi
    fi
    PGBIN=$(find_pg)
    [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || skip "PostgreSQL is not installed and could not be installed"
    PSQL=$(command -v psql || echo "$PGBIN/psql")
    if [ "$(id -u)" = 0 ]; then
        command -v runuser >/dev/null 2>&1 || skip "running as root without runuser: PostgreSQL refuses root"
        AS="runuser -u nobody --"
    fi
    mkdir -p "$T/pg"
    [ -n "$AS" ] && chown nobody "$T/pg" && chmod 755 "$T"
    $AS "$PGBIN/initdb" -D "$T/pg/data" -U skola -A trust -E UTF8 --locale=C.UTF-8 >"$T/initdb.log" 2>&1 ||
        { cat "$T/initdb.log"; skip "initdb cannot make a cluster here"; }
    $AS "$PGBIN/pg_ctl" -D "$T/pg/data" -l "$T/pg/server.log" -w -t 60 \
        -o "-k $T/pg -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1 ||
        { cat "$T/pg/server.log"; skip "the PostgreSQL server cannot start here"; }
}
pg_stop() {
    [ -n "$PGBIN" ] && [ -f "$T/pg/data/postmaster.pid" ] &&
        $AS "$PGBIN/pg_ctl" -D "$T/pg/data" -m immediate stop >/dev/null 2>&1
    return 0
}
pgq() { "$PSQL" -h "$T/pg" -U skola -d "${PGDATABASE_NAME:-postgres}" -v ON_ERROR_STOP=1 -qAtX "$@"; }

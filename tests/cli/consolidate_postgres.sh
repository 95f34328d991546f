#!/usr/bin/env bash
# consolidate's load.sql against a real PostgreSQL (issue 16): 600 packages
# (a few real schools' packages, each cloned under many school codes with
# its checksums rewritten, as the municipality would receive them) are
# merged; a private server (initdb in a temporary folder, a private socket,
# stopped by a trap) loads the city tables with `psql -f load.sql`, and the
# pooled figures queried in SQL equal consolidate's own summary.csv. Run as
# root, the server runs as nobody (PostgreSQL refuses root). PostgreSQL and
# python3 are installed when missing and apt can be used; where the server
# cannot run the test says SKIPPED (ctest's skip code 77), never passes.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
export LANG=C.UTF-8 TZ=UTC SKOLA_TODAY=2024-11-15 SKOLA_NOW=2024-11-15T10:00:00Z
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-pg.XXXXXX")
fail() { echo "FAILED: $*"; exit 1; }
skip() { echo "SKIPPED: $*"; exit 77; }
. "$SKOLA_SRCDIR/tests/lib/postgres.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
export HOME="$T/home"
mkdir -p "$HOME"

# --- 600 packages from three real schools
P="$SKOLA_SRCDIR/tests/data/package"
mkdir -p "$T/src" "$T/pkgs"
for s in 1 2 3; do
    db="$T/s$s.db"
    "$SKOLA_BIN" --db "$db" init --school-code "SRC-$s" --school-name "Avots $s" >/dev/null || fail init
    sed "s/^2023,400,/2023,$((100 * s + 50)),/" "$P/school-years.csv" >"$T/years$s.csv"
    "$SKOLA_BIN" --db "$db" import school-years "$T/years$s.csv" >/dev/null || fail "import years"
    for k in staff trainings vacancies consultations devices assessments priorities; do
        [ "$s" = 3 ] && [ "$k" = devices ] && continue # one school without devices
        "$SKOLA_BIN" --db "$db" import "$k" "$P/$k.csv" >/dev/null || fail "import $k"
    done
    "$SKOLA_BIN" --db "$db" export-municipality "$T/src/$s" --year 2023 >/dev/null || fail export
done
/usr/bin/python3 - "$T/src" "$T/pkgs" 600 <<'PY' || fail "cloning the packages"
import hashlib, json, os, shutil, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    s = str(i % 3 + 1)
    code = f"S{i:04d}"
    d = os.path.join(dst, code)
    os.makedirs(d)
    m = json.load(open(os.path.join(src, s, "manifest.json"), encoding="utf-8"))
    old = m["school_code"]
    for f in m["files"]:
        data = open(os.path.join(src, s, f["name"]), "rb").read()
        if f["name"] == "summary.csv":
            lines = data.split(b"\n")
            data = b"\n".join([lines[0]] + [(code.encode() + l[len(old):]) if l else l for l in lines[1:]])
        open(os.path.join(d, f["name"]), "wb").write(data)
        f["sha256"] = hashlib.sha256(data).hexdigest()
    m["school_code"] = code
    m["school_name"] = f"Skola “{code}”, Rīga"
    open(os.path.join(d, "manifest.json"), "w", encoding="utf-8").write(json.dumps(m, ensure_ascii=False, indent=2))
PY
"$SKOLA_BIN" consolidate "$T/city" "$T/pkgs"/S* >"$T/cons.out" 2>&1 || { cat "$T/cons.out"; fail consolidate; }
head -1 "$T/cons.out"
[ -s "$T/city/load.sql" ] || fail "no load.sql"

# --- a private server (tests/lib/postgres.sh)
pg_start
q() { pgq "$@"; }
(cd "$T/city" && q -f load.sql) >"$T/load.out" 2>&1 || { cat "$T/load.out"; fail "load.sql did not load"; }
echo "load.sql loaded: $(q -c 'SELECT count(*) FROM schools') schools, $(q -c 'SELECT count(*) FROM devices') devices, $(q -c 'SELECT count(*) FROM staff') staff rows"

# --- the pooled figures in SQL equal consolidate's own
ok=true
# consolidate's summary.csv row: metric,dimension -> value,numerator,denominator
fig() { awk -F, -v m="$1" -v d="$2" '$3 == m && $4 == d { print $5 "|" $6 "|" $7 }' "$T/city/summary.csv"; }
check() { # what sql expected
    local got
    got=$(q -c "$2") || { echo "query failed: $2"; ok=false; return; }
    if [ "$got" = "$3" ]; then echo "ok: $1 = $got"; else echo "DIFFERS: $1: SQL $got, consolidate $3"; ok=false; fi
}
check "schools" "SELECT count(*) FROM schools" 600
check "every figure loaded" "SELECT count(*) FROM summary" "$(($(wc -l <"$T/city/summary.csv") - 1))"
num() { fig "$1" "$2" | cut -d'|' -f2; }
val() { fig "$1" "$2" | cut -d'|' -f1; }
check "devices.count from the schools' headline figures" \
    "SELECT sum(devices_count)::bigint FROM schools" "$(num devices.count '')"
check "devices.count from the device rows (in use on 1 Sept 2023)" \
    "SELECT count(*) FROM devices WHERE status IS DISTINCT FROM 'written_off' AND (purchase_date IS NULL OR purchase_date <= DATE '2023-09-01')" \
    "$(num devices.count '')"
check "devices.by_category laptop" \
    "SELECT count(*) FROM devices WHERE category = 'laptop' AND status IS DISTINCT FROM 'written_off' AND (purchase_date IS NULL OR purchase_date <= DATE '2023-09-01')" \
    "$(num devices.by_category laptop)"
check "staff.persons from the staff rows" "SELECT count(*) FROM staff" "$(num staff.persons '')"
check "staff.fte from the staff rows" \
    "SELECT trim_scale(sum(fte))::text FROM staff" "$(num staff.fte '')"
check "pupils per computer, pooled in SQL" \
    "SELECT round(numerator / denominator, 1)::text FROM summary WHERE metric = 'devices.pupils_per_computer' AND dimension = ''" \
    "$(val devices.pupils_per_computer '')"
check "support staff per 100 pupils, pooled in SQL" \
    "SELECT round(numerator / denominator, 1)::text FROM summary WHERE metric = 'staff.support_per_100_pupils' AND dimension = ''" \
    "$(val staff.support_per_100_pupils '')"
check "priorities" "SELECT count(*) FROM priorities" "$(num assessment.priorities '')"
check "teachers with 36 h of PD, a pooled percentage in SQL" \
    "SELECT round(numerator / denominator * 100, 1)::text FROM summary WHERE metric = 'staff.pd_36h' AND dimension = ''" \
    "$(val staff.pd_36h '')"
check "the percentage's numerator from the staff rows (teachers with >= 36 h)" \
    "SELECT count(*) FROM staff WHERE role IN ('teacher', 'vocational_teacher') AND pd_hours_3y >= 36" \
    "$(num staff.pd_36h '')"
check "Latvian text round-trips" "SELECT count(*) FROM schools WHERE school_name LIKE 'Skola “S%”, Rīga'" 600
check "a key holds: one device per school and inventory number" \
    "SELECT count(*) FROM (SELECT school_code, inventory_no FROM devices GROUP BY 1, 2 HAVING count(*) > 1) d" 0
check "types" \
    "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ' ' ORDER BY table_name, column_name) FROM information_schema.columns WHERE (table_name, column_name) IN (('devices','purchase_date'),('devices','purchase_cost'),('staff','fte'),('summary','numerator'),('schools','devices_count'))" \
    "devices.purchase_cost:numeric devices.purchase_date:date schools.devices_count:numeric staff.fte:numeric summary.numerator:numeric"
$ok || fail "the figures in PostgreSQL differ from consolidate's"
echo "PASSED"

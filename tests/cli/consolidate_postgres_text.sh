#!/usr/bin/env bash
# consolidate's load.sql carries every text exactly into PostgreSQL: the
# schools' self-assessment and priorities with quotes, apostrophes,
# backslashes, tabs, line breaks, a line that is just “\.” (psql's and
# COPY's end-of-data mark), “\N” (COPY's NULL), formula-like text, Latvian
# letters and emoji, and school names and municipalities from the packages'
# manifests with the same. Every text cell of the loaded tables equals the
# city CSV's cell (read back with Python's csv module), row by row. A
# private PostgreSQL server (tests/lib/postgres.sh) is started and stopped
# by the test; where it cannot run, the test says SKIPPED (exit 77).
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
export LANG=C.UTF-8 LC_ALL= TZ=UTC SKOLA_TODAY=2024-11-15 SKOLA_NOW=2024-11-15T10:00:00Z
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-pgtext.XXXXXX")
fail() { echo "FAILED: $*"; exit 1; }
skip() { echo "SKIPPED: $*"; exit 77; }
. "$SKOLA_SRCDIR/tests/lib/postgres.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
export HOME="$T/home"
mkdir -p "$HOME"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "python3 is not installed"

/usr/bin/python3 - "$T" <<'PY' || fail "writing the fixtures"
import csv, os, sys
t = sys.argv[1]
texts = ["line one\n\\.\nafter the mark", "\\.", "\\N", "it's \"quoted\" \\ back\\\\slash\\",
         "tab\there\tand\tthere", "=cmd|' /C calc'!A0", "@SUM(1)\n+1+2\n-3",
         "Ēdnīca “Ķīši” 😀 ĀČĒĢĪĶĻŅŠŪŽ", "\\.\n\\.", "end\\"]
codes = ["2.5.1", "2.5.2", "2.5.3", "4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.3.1", "2.2.1", "2.2.2"]
with open(os.path.join(t, "assess.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["year", "indicator_code", "strengths", "development_needs"])
    for i, s in enumerate(texts):
        w.writerow([2023, codes[i], s, texts[-1 - i]])
with open(os.path.join(t, "prio.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["year", "priority", "qualitative_targets", "quantitative_targets", "result", "status"])
    for i, s in enumerate(texts):
        w.writerow([2023, f"P{i} " + s.replace("\n", " ").replace("\t", " "), s, texts[-1 - i], s, "achieved"])
PY
for s in A B; do
    db="$T/$s.db"
    "$SKOLA_BIN" --db "$db" init --school-code "SK-$s" --school-name "Skola $s" >/dev/null || fail init
    "$SKOLA_BIN" --db "$db" import school-years "$SKOLA_SRCDIR/tests/data/package/school-years.csv" >/dev/null || fail years
    "$SKOLA_BIN" --db "$db" import assessments "$T/assess.csv" --multiline-ok >/dev/null || fail assessments
    "$SKOLA_BIN" --db "$db" import priorities "$T/prio.csv" --multiline-ok >/dev/null || fail priorities
    "$SKOLA_BIN" --db "$db" export-municipality "$T/pkg-$s" --year 2023 >/dev/null || fail export
done
# names as another program (or another school's hand) may write them
"$PY" - "$T/pkg-A/manifest.json" "$T/pkg-B/manifest.json" <<'PY' || fail "editing the manifests"
import json, sys
for path, name, mun in ((sys.argv[1], "O'Brien \\ skola\t“A” 😀", "\\N"),
                        (sys.argv[2], "=HYPERLINK(\"x\") \\.", "Rīga\\")):
    m = json.load(open(path, encoding="utf-8"))
    m["school_name"], m["municipality"] = name, mun
    open(path, "w", encoding="utf-8").write(json.dumps(m, ensure_ascii=False))
PY
"$SKOLA_BIN" consolidate "$T/city" "$T/pkg-A" "$T/pkg-B" >"$T/cons.out" 2>&1 || { cat "$T/cons.out"; fail consolidate; }

pg_start
(cd "$T/city" && pgq -f load.sql) >"$T/load.out" 2>&1 || { cat "$T/load.out"; fail "load.sql did not load"; }
echo "load.sql loaded"
dump() { pgq -c "COPY ($1) TO STDOUT WITH (FORMAT csv, HEADER true)" >"$T/pg-$2.csv" || fail "query $2"; }
dump "SELECT school_code, school_name, municipality FROM schools ORDER BY school_code" schools
dump "SELECT school_code, indicator_code, strengths, development_needs FROM self_assessment ORDER BY id" self-assessment
dump "SELECT school_code, priority, qualitative_targets, quantitative_targets, result FROM priorities ORDER BY id" priorities
"$PY" - "$T" <<'PY' || fail "the texts in PostgreSQL differ from the city CSV files"
import csv, os, sys
t = sys.argv[1]
bad = 0
for name in ("schools", "self-assessment", "priorities"):
    pg = list(csv.DictReader(open(os.path.join(t, f"pg-{name}.csv"), encoding="utf-8", newline="")))
    city = list(csv.DictReader(open(os.path.join(t, "city", f"{name}.csv"), encoding="utf-8", newline="")))
    if len(pg) != len(city):
        print(f"{name}: {len(pg)} rows in PostgreSQL, {len(city)} in the CSV"); bad += 1; continue
    cells = 0
    for p, c in zip(pg, city):
        for col, v in p.items():
            cells += 1
            if v != c[col]:
                print(f"{name}.{col}: PostgreSQL {v!r}, CSV {c[col]!r}"); bad += 1
    print(f"{name}: {len(pg)} rows, {cells} text cells equal to the CSV's")
sys.exit(1 if bad else 0)
PY
echo "PASSED"

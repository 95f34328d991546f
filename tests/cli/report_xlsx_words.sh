#!/usr/bin/env bash
# The report's workbook read back with openpyxl: every figure is a number,
# never text holding several figures. Table 1's pupils and teachers are one
# row per date; table 12's counts followed by words ("57 pedagogi no 111")
# keep the words in the number format; the trainings' hours have a row of
# their own; table 13's pupils who started and graduates are two cells;
# P9's pupils per computer keeps its fraction in the format.
# The same figures in the HTML for comparison.
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
"$SKOLA_BIN" demo >/dev/null || note "demo failed"
# cohorts graduating in 2024./2025. (table 13)
cat >"$T/cohorts.csv" <<'CSV'
qualification,year_started,duration,pupils_started,pupils_graduated
Automehāniķis,2021,4,21,10
Metinātājs,2022,3,11,11
CSV
"$SKOLA_BIN" import cohorts "$T/cohorts.csv" --mode upsert >/dev/null || note "import cohorts failed"
run report --year 2024 -o "$T/r.xlsx"
run report --year 2024 -o "$T/r.html"
"$PY" - "$T/r.xlsx" <<'PY' >"$T/cells" 2>&1 || echo "check failed" >>"$T/cells"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for title in ["1.tabula", "12.tabula", "13.tabula", "P9."]:
    for row in wb[title].iter_rows(min_row=2):
        for c in row[1:]:
            if c.value is None or str(row[0].value) in ("Rādītājs",):
                continue
            v = c.value
            kind = "num" if isinstance(v, (int, float)) else "str"
            print(f"{title} {c.coordinate} {row[0].value[:60]} = {kind}:{v!r}:{c.number_format}")
PY
show "$T/cells"
# the HTML's value cells (class "v"), one line each
grep '<td class="v">' "$T/r.html" >"$T/rows"
show "$T/rows"
finish

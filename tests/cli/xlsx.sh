#!/usr/bin/env bash
# Spreadsheets (issue 16): `export KIND FILE.xlsx`, `summary --format xlsx`,
# `report --format xlsx` and consolidate's city.xlsx, read back with
# openpyxl (Debian's python3-openpyxl, a library that did not write them):
# dates are Excel dates with a date format, money numbers with two
# decimals, FTE and hours decimals, text text (Latvian letters intact),
# choices and headers in the user's language, the header row frozen, an
# autofilter over the table, column widths; a cell starting with = + - @
# is a string, never a formula. python3-openpyxl is installed when missing
# and apt can be used; otherwise the test says SKIPPED (ctest's skip code).
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
have_openpyxl() { [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null; }
if ! have_openpyxl; then
    sudo=""
    [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null && sudo="sudo -n"
    if { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; } && command -v apt-get >/dev/null 2>&1; then
        $sudo apt-get update -qq >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            python3-openpyxl >/dev/null 2>&1
    fi
    have_openpyxl || { echo "SKIPPED: python3-openpyxl is not installed and could not be installed"; exit 77; }
fi
dump() { "$PY" "$SKOLA_SRCDIR/tests/lib/xlsx_dump.py" "$@" >"$T/dump" 2>&1 || echo "dump failed" >>"$T/dump"; show "$T/dump"; }
P="$DATA/package"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
for k in school-years staff trainings vacancies consultations devices assessments priorities; do
    "$SKOLA_BIN" import "$k" "$P/$k.csv" >/dev/null || echo "import $k failed"
done
cat >"$T/hostile.csv" <<'CSV'
inventory_no,category,user_group,status,purchase_date,purchase_cost,room,notes
X-1,laptop,pupils,in_use,2024-02-29,1234.5,=HYPERLINK("http://evil";"klik"),@SUM(1)
X-2,laptop,pupils,in_use,2023-09-01,0.99,+1+2,-2+3
X-3,tablet,teachers,broken,,,Ēdnīca “Ķīši”,"Rinda viens
rinda divi"
CSV
"$SKOLA_BIN" import devices "$T/hostile.csv" >/dev/null || echo "import hostile failed"

note "--- export, Latvian: headers and choices in Latvian, dates, money, formulas as text"
run --lang lv export devices "$T/devices.xlsx"
dump "$T/devices.xlsx" 12
note "--- export, English, the extension in capitals; staff: FTE decimals"
run --lang en export staff "$T/STAFF.XLSX"
dump "$T/STAFF.XLSX" 4
note "--- summary"
run --lang lv summary --year 2023 --format xlsx -o "$T/summary.xlsx"
dump "$T/summary.xlsx" 4
"$SKOLA_BIN" summary --year 2023 --format csv >"$T/summary.csv"
"$PY" - "$T/summary.xlsx" "$T/summary.csv" <<'PY' >"$T/agree" 2>&1
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
xl = list(ws.iter_rows(min_row=2, values_only=True))
cs = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert len(xl) == len(cs), (len(xl), len(cs))
bad = 0
for x, c in zip(xl, cs):
    key, value, num = x[3], x[5], x[6]
    # the CSV's value has one decimal, the workbook's is exact
    if key != c["metric"] or (c["value"] != "n/d" and abs(float(c["value"]) - value) > 0.05 + 1e-9) \
            or abs(float(c["numerator"]) - num) > 1e-9:
        bad += 1
        print("differs:", x, c)
print(f"{len(xl)} figures; the workbook agrees with summary --format csv: {bad == 0}")
PY
show "$T/agree"
run summary --year 2023 --format csv -o "$T/summary-o.csv"
cmp -s "$T/summary-o.csv" "$T/summary.csv" && note "summary -o FILE writes what standard output gets"
run summary --year 2023 -o "$T/by-extension.xlsx"
note "by the extension: $("$PY" -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)' "$T/by-extension.xlsx")"
run summary --year 2023 --format xlsx
run summary --year 2023 --format xlsx -o "$SKOLA_DB"
note "--- report: one sheet per table"
run report --year 2023 --format xlsx -o "$T/report.xlsx"
dump "$T/report.xlsx" 4 1.tabula 2.tabula
run report --year 2023 --format xlsx -o -
note "--- consolidate: city.xlsx beside the CSV files"
"$SKOLA_BIN" export-municipality "$T/pkg-a" --year 2023 >/dev/null
"$SKOLA_BIN" --db "$T/b.db" init --school-code SK-B --school-name "=HYPERLINK(1)" \
    --municipality "+Liepāja" >/dev/null
"$SKOLA_BIN" --db "$T/b.db" import school-years "$P/school-years.csv" >/dev/null
"$SKOLA_BIN" --db "$T/b.db" export-municipality "$T/pkg-b" --year 2023 >/dev/null
run consolidate "$T/city" "$T/pkg-a" "$T/pkg-b"
dump "$T/city/city.xlsx" 3
note "--- the pooled summary of consolidate: percentages, ratios and counts as numbers"
"$PY" - "$T/city/city.xlsx" <<'PY' >"$T/units" 2>&1
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
seen = {}
for row in ws.iter_rows(min_row=2):
    unit, value = row[8].value, row[5]
    if value.value is not None and unit not in seen:
        seen[unit] = f"{row[3].value}: {type(value.value).__name__} {value.value!r} as {value.number_format}"
for unit in sorted(seen):
    print(f"{unit}: {seen[unit]}")
PY
show "$T/units"
note "temporary files left: $(find "$T" -name '*.tmp-*' | wc -l); modes: $(stat -c %a "$T/devices.xlsx" "$T/city/city.xlsx" | tr '\n' ' ')"
finish

#!/usr/bin/env bash
# Dates in .xlsx (export KIND FILE.xlsx) read back with openpyxl, a library
# that did not write them, equal the dates of the CSV export — also at the
# edges of Excel's calendar: it counts 1900 as a leap year (serial 60 is a
# 29 February 1900 that never was), so a date before 1 March 1900 needs the
# serial one lower, and it has no date before 1900 (such a date is written
# as text). Year boundaries and a leap day on the way.
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
"$SKOLA_BIN" init --school-code SK-D --school-name "Skola D" >/dev/null
cat >"$T/dev.csv" <<'CSV'
inventory_no,category,user_group,status,purchase_date,warranty_until
Y-01,laptop,pupils,in_use,1899-12-31,1900-01-01
Y-02,laptop,pupils,in_use,1900-01-15,1900-02-28
Y-03,laptop,pupils,in_use,1900-03-01,1904-02-29
Y-04,laptop,pupils,in_use,2023-12-31,2024-01-01
Y-05,laptop,pupils,in_use,2024-02-29,2024-08-31
Y-06,laptop,pupils,in_use,2024-09-01,9999-12-31
CSV
run import devices "$T/dev.csv"
"$SKOLA_BIN" export devices "$T/dev-out.csv" >/dev/null 2>&1
run --lang lv export devices "$T/dev.xlsx"
"$PY" - "$T/dev.xlsx" "$T/dev-out.csv" <<'PY' >"$T/dates" 2>&1 || echo "check failed" >>"$T/dates"
import csv, datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
want = {r["inventory_no"]: (r["purchase_date"], r["warranty_until"])
        for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
def show(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        return v.date().isoformat(), f"date {v.date().isoformat()} ({c.number_format})"
    return v, f"text {v!r}"
bad = 0
for row in ws.iter_rows(min_row=2):
    inv = row[0].value
    got = [show(row[6]), show(row[11])]
    ok = [g[0] == w or (g[0] == f"{w[8:10]}.{w[5:7]}.{w[:4]}" and not w >= "1900-03-01")
          for g, w in zip(got, want[inv])]
    bad += not all(ok)
    print(inv, "; ".join(g[1] for g in got), "" if all(ok) else f"DIFFERS from the CSV {want[inv]}")
# the serial numbers themselves, as Excel reads them (openpyxl reads 59
# and 60 both as 28 February 1900): 1900-01-01 is 1, 1900-03-01 is 61
import re, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
raw = dict(re.findall(r'<c r="([GL]\d+)"[^>]*><v>([^<]*)</v>', xml))
for r, (inv, (a, b)) in enumerate(sorted(want.items()), 2):
    for col, w in (("G", a), ("L", b)):
        d = datetime.date.fromisoformat(w)
        if d.year < 1900:
            continue
        serial = (d - datetime.date(1899, 12, 31)).days + (d >= datetime.date(1900, 3, 1))
        if raw.get(f"{col}{r}") != str(serial):
            bad += 1
            print(f"{inv} {w}: serial {raw.get(f'{col}{r}')}, Excel's is {serial}")
print("all dates equal the CSV's" if not bad else f"{bad} dates differ")
PY
show "$T/dates"
finish

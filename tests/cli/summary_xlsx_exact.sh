#!/usr/bin/env bash
# summary --format xlsx holds its values unrounded (README): a percentage
# is numerator / denominator × 100 exactly (19/68 is 27.941…, not 27.9),
# a ratio numerator / denominator, each shown with one decimal by its
# number format; rounded to one decimal they are the CSV's values.
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
"$SKOLA_BIN" demo >/dev/null || note "demo failed"
run summary --year 2024 --format xlsx -o "$T/s.xlsx"
"$SKOLA_BIN" summary --year 2024 --format csv >"$T/s.csv"
"$PY" - "$T/s.xlsx" "$T/s.csv" <<'PY' >"$T/check" 2>&1 || echo "check failed" >>"$T/check"
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
cs = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
rows = list(ws.iter_rows(min_row=2))
assert len(rows) == len(cs)
checked, inexact, formats, bad = 0, 0, set(), []
for r, c in zip(rows, cs):
    unit, value = r[8].value, r[5]
    if value.value is None or c["value"] == "n/d" or not c["denominator"]:
        continue
    num, den = float(c["numerator"]), float(c["denominator"])
    want = num / den * (100.0 if "%" in (unit or "") or c["unit"] == "percent" else 1.0)
    checked += 1
    if abs(value.value - want) > 1e-9 or abs(value.value - float(c["value"])) > 0.05 + 1e-9:
        bad.append((c["metric"], c["dimension"], value.value, want, c["value"]))
    if round(value.value, 1) != value.value:
        inexact += 1
    formats.add(value.number_format)
print(f"ratios and percentages checked: {checked > 20}; some not whole tenths: {inexact > 0}")
print("formats:", sorted(formats))
print("differ:", bad[:5])
PY
show "$T/check"
finish

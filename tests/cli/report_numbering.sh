#!/usr/bin/env bash
# The report keeps every table 1–14 with seed 000's number in every format,
# also when a table has no data (issue 16: "a table without data says so in
# one line instead of disappearing, so the numbering stays"): on a school
# with nothing entered, the HTML has the captions 1.tabula … 14.tabula (10
# twice: the criteria and the projects), and the workbook (read back with
# openpyxl, a library that did not write it) one sheet per table in the same
# order, its caption in row 1 and, for a table without data, the HTML's
# one line in row 2 — in Latvian, and in English with --lang en. The
# appendix's figure tables keep their numbers P1… the same way, and the
# signature block is a sheet of its own after table 14, never table 14's.
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
"$SKOLA_BIN" init --school-code SK-E --school-name "Tukša skola" >/dev/null
check() { # check LANG HTML XLSX
    "$PY" - "$@" <<'PY' >"$T/check" 2>&1 || echo "check failed" >>"$T/check"
import re, sys, openpyxl
lang, html, xlsx = sys.argv[1:4]
text = open(html, encoding="utf-8").read()
caps = re.findall(r'<p class="caption">([^<]*)</p>', text)
main = [c for c in caps if not c.startswith("P")]
nums = [int(re.match(r"(?:Table )?(\d+)", c).group(1)) for c in main]
print("html tables:", " ".join(map(str, nums)))
print("html appendix:", " ".join(c.split(" ")[0] for c in caps if c.startswith("P")))
wb = openpyxl.load_workbook(xlsx)
print("sheets:", " | ".join(wb.sheetnames))
sheets = [ws for ws in wb.worksheets]
assert len(sheets) == len(caps) + 1, (len(sheets), len(caps))
sign = sheets.pop(len(main))  # right after table 14, as in the HTML
for cap, ws in zip(caps, sheets):
    first = ws.cell(1, 1).value
    assert first == cap.replace("&amp;", "&"), (ws.title, first, cap)
    if ws.max_row == 2 and ws.max_column == 1:  # a table without data: its one line
        print(f"  {ws.title}: {ws.cell(2, 1).value}")
    else:
        assert ws.max_row >= 2, ws.title
print(f"  {sign.title}: " + " ; ".join(str(c.value) for c in sign[1] if c.value is not None))
PY
    show "$T/check"
}
note "--- Latvian"
run report --year 2023 -o "$T/lv.html"
run report --year 2023 --format xlsx -o "$T/lv.xlsx"
check lv "$T/lv.html" "$T/lv.xlsx"
note "--- English"
run --lang en report --year 2023 -o "$T/en.html"
run --lang en report --year 2023 -o "$T/en.XLSX"
check en "$T/en.html" "$T/en.XLSX"
finish

"""Reads an .xlsx back with openpyxl (a library that did not write it) and
prints, per sheet, the frozen pane, the autofilter, the column widths set
and the first rows as TYPE:VALUE[:FORMAT] cells, so that a golden
transcript shows cell types and values. Also asserts what must hold of
every sheet skola writes: no cell is a formula.
usage: xlsx_dump.py FILE [MAX_ROWS] [SHEET...]"""
import datetime
import sys

import openpyxl

path = sys.argv[1]
max_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 6
only = sys.argv[3:]
wb = openpyxl.load_workbook(path)
print("sheets:", " | ".join(ws.title for ws in wb.worksheets))
for ws in wb.worksheets:
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not formulas, f"{ws.title}: formula cells {formulas}"
    if only and ws.title not in only:
        continue
    widths = [ws.column_dimensions[k].width for k in sorted(ws.column_dimensions)
              if ws.column_dimensions[k].width]
    print(f"== {ws.title}: {ws.max_row} rows x {ws.max_column} columns, frozen {ws.freeze_panes},"
          f" autofilter {ws.auto_filter.ref}, widths set {len(widths)}"
          f" (min {min(widths) if widths else '-'}, max {max(widths) if widths else '-'})")
    for r, row in enumerate(ws.iter_rows(max_row=min(max_rows, ws.max_row)), 1):
        cells = []
        for c in row:
            v = c.value
            if v is None:
                cells.append("-")
            elif isinstance(v, datetime.datetime):
                cells.append(f"date:{v.date().isoformat()}:{c.number_format}")
            elif isinstance(v, (int, float)):
                cells.append(f"num:{v!r}:{c.number_format}")
            else:
                cells.append("str:" + repr(v))
        print(f"  {r}: " + " ; ".join(cells))

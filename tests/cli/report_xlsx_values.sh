#!/usr/bin/env bash
# The report's workbook (skola report --format xlsx) read back with openpyxl,
# a library that did not write it: a totals row spanning columns in the
# HTML keeps its sums under their own headers (tables 2 and 10); a
# percentage with its fraction ("15,6 % (5/32)") is a number with a format
# that shows the fraction; table 12's counts and money are numbers (the
# money with two decimals and "EUR"); the school's texts that look like
# formulas or numbers stay text.
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
P="$DATA/package"
"$SKOLA_BIN" init --school-code SK-V --school-name "=1+1 Skola" >/dev/null
for k in school-years staff vacancies consultations devices assessments priorities; do
    "$SKOLA_BIN" import "$k" "$P/$k.csv" >/dev/null || note "import $k failed"
done
cat >"$T/staff.csv" <<'CSV'
full_name,role,vocational,employed_from
Anna Skolotāja,teacher,1,2010-09-01
CSV
cat >"$T/trainings.csv" <<'CSV'
staff,date,title,hours,cost
Anna Skolotāja,2024-03-01,Kursi,2.25,"1234,5"
CSV
cat >"$T/programmes.csv" <<'CSV'
year,name,code,licence_no,licence_date,pupils_start,pupils_completed
2023,Programmēšana,03348401,P_5057,2021-08-26,118,117
2023,=SUM(A1),33840111,,,82,
CSV
cat >"$T/projects.csv" <<'CSV'
year,code,name,duration,place,staff,pupils
2023,2022-1-LV01,Mobilitāte,7,Kotka,8,
2023,2022-1-LV01,Mobilitāte,14,Boloņa,1,6
CSV
cat >"$T/observations.csv" <<'CSV'
date,teacher,group,subject,area,observer,crit_1_1,recommendations,status
2023-10-02,Anna Skolotāja,2A,Matemātika,-1,Anna Skolotāja,1,attitude,final
2023-10-03,Anna Skolotāja,2A,Matemātika,-1,Anna Skolotāja,0,,final
2023-10-04,Anna Skolotāja,2A,Matemātika,+2,Anna Skolotāja,1,,final
CSV
"$SKOLA_BIN" import staff "$T/staff.csv" --mode upsert >/dev/null || note "import staff failed"
for k in trainings programmes projects observations; do
    "$SKOLA_BIN" import "$k" "$T/$k.csv" >/dev/null || note "import $k failed"
done
run report --year 2023 -o "$T/r.xlsx"
"$PY" - "$T/r.xlsx" <<'PY' >"$T/cells" 2>&1 || echo "check failed" >>"$T/cells"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def cell(c):
    v = c.value
    if v is None:
        return "-"
    if isinstance(v, (int, float)):
        return f"num:{v!r}:{c.number_format}"
    return "str:" + repr(v)
def show(title, rows):
    ws = wb[title]
    heads = [c.value for c in ws[2]]
    for r in rows:
        print(f"{title} row {r}: " + " ; ".join(f"{h} = {cell(c)}" for h, c in zip(heads, ws[r]) if c.value is not None))
show("2.tabula", [3, 4, 5])
show("10.tabula (2)", [5])
show("P1.", [3, 5, 6])
show("P2.", [3, 4])
ws = wb["12.tabula"]
for row in ws.iter_rows(min_row=2):
    print("12.tabula: " + row[0].value[:40] + " … = " + cell(row[1]))
PY
show "$T/cells"
finish

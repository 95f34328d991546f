#!/usr/bin/env bash
# A school's own observation sheet (Ventspils-style): a template that rewords
# 1.1, drops sections 2-4 and adds a section 5 with 5.1 and 5.2; sheets
# imported with crit_5_1/crit_5_2 columns (a template column chooses the
# template per row), an LVT-2023 sheet beside them; a criterion the row's
# template lacks and a column no template has are errors naming them; the
# summary shows criterion 5.1 and section 5; the export writes one column per
# criterion of the templates in use (empty where a sheet's template lacks
# it) and round-trips.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/observations-staff.csv"
cat >"$T/tpl.csv" <<'CSV'
section_no,section_name,criterion_code,criterion_text
1,Stundas uzbūve,1.1,"Mērķis nosaukts un saprotams"
1,Stundas uzbūve,1.2,"Nodarbības norise, skaidrojums"
5,Digitālā vide,5.1,Digitālo rīku jēgpilns lietojums
5,Digitālā vide,5.2,"Drošība tīklā"
CSV
run templates import "$T/tpl.csv" --code VENTS-2025 --name "Ventspils 2025"
run templates
cat >"$T/bad.csv" <<'CSV'
date,teacher,group,subject,area,template,crit_1_1,crit_5_1,crit_2_1,status
2024-01-10,Anna Ābele,T-21,Šūšana,Tekstils,VENTS-2025,1,1,1,final
2024-01-11,Anna Ābele,T-21,Šūšana,Tekstils,LVT-2023,1,0,,final
CSV
run import observations "$T/bad.csv"
cat >"$T/unknown.csv" <<'CSV'
date,teacher,crit_9_9,status
2024-01-10,Anna Ābele,1,final
CSV
run import observations "$T/unknown.csv"
cat >"$T/good.csv" <<'CSV'
date,teacher,group,subject,area,template,crit_1_1,crit_1_2,crit_2_1,crit_5_1,crit_5_2,status
2024-01-10,Anna Ābele,T-21,Šūšana,Tekstils,VENTS-2025,1,1,,1,1,final
2024-01-11,Anna Ābele,T-21,Šūšana,Tekstils,VENTS-2025,0,,,1,0,final
2024-01-12,Anna Ābele,T-21,Šūšana,Tekstils,LVT-2023,1,1,1,,,final
CSV
run import observations "$T/good.csv"
# no template column: the school's current template (the newest, VENTS-2025)
printf 'date,teacher,group,subject,area,crit_5_1\n2024-01-13,Anna Ābele,T-21,Šūšana,STEM,0\n' >"$T/plain.csv"
run import observations "$T/plain.csv"
note "export observations (date, template and the tick columns)"
"$SKOLA_BIN" export observations - | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
cols = [i for i, h in enumerate(r[0]) if h in ("date", "template") or h.startswith("crit_")]
for row in r:
    print(",".join(row[i] for i in cols))' >>"$ACTUAL"
note "summary --year 2023 --format csv (criteria and sections)"
"$SKOLA_BIN" summary --year 2023 --format csv |
    grep -E '^T1,2023,observations\.(criterion,(1\.1|2\.1|5\.[12])|section_all)' >>"$ACTUAL"
"$SKOLA_BIN" export observations "$T/one.csv" 2>/dev/null
"$SKOLA_BIN" --db "$T/two.db" init --school-code T1 --school-name X >/dev/null
"$SKOLA_BIN" --db "$T/two.db" import staff "$DATA/observations-staff.csv" >/dev/null
"$SKOLA_BIN" --db "$T/two.db" templates import "$T/tpl.csv" --code VENTS-2025 >/dev/null
run --db "$T/two.db" import observations "$T/one.csv"
"$SKOLA_BIN" --db "$T/two.db" export observations "$T/two.csv" 2>/dev/null
if cmp "$T/one.csv" "$T/two.csv"; then note "round trip: identical"; else note "round trip: DIFFERENT"; fi
# a template no sheet uses and new sheets do not get adds no columns
printf 'section_no,section_name,criterion_code,criterion_text\n6,Cits,6.1,Vēl viens\n' >"$T/six.csv"
"$SKOLA_BIN" --db "$T/three.db" init --school-code T1 --school-name X >/dev/null
run --db "$T/three.db" templates import "$T/six.csv" --code SIX
run --db "$T/three.db" templates use LVT-2023
note "export of an empty file: the header (crit columns)"
"$SKOLA_BIN" --db "$T/three.db" export observations - | head -1 | tr , '\n' | grep crit_ | paste -sd, >>"$ACTUAL"
run --db "$T/three.db" templates use SIX
note "and when new sheets get SIX"
"$SKOLA_BIN" --db "$T/three.db" export observations - | head -1 | tr , '\n' | grep crit_ | paste -sd, >>"$ACTUAL"
finish

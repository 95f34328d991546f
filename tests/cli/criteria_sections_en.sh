#!/usr/bin/env bash
# Under --lang en the built-in LVT-2023 template's section names (stored
# Latvian, from the seed) read in English like its criteria do, in the
# summary and on the printed sheet; in Latvian they stay as stored. A
# school's own template keeps its own wording in every language, also a
# criterion whose text only begins like a seed criterion's.
. "$(dirname "$0")/../lib/cli.sh"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
printf 'full_name,role\nAnna Ābele,teacher\n' >"$T/staff.csv"
"$SKOLA_BIN" import staff "$T/staff.csv" >/dev/null || note "import staff failed"
cat >"$T/own.csv" <<'CSV'
section_no,section_name,criterion_code,criterion_text
1,Mūsu struktūra,1.1,Ievads – tēmas aktualizācijaX
1,Mūsu struktūra,1.2,Nodarbības norise
2,Mācību metodes un rīki (mūsu),2.1,Savs kritērijs
CSV
"$SKOLA_BIN" templates import "$T/own.csv" --code OWN-1 >/dev/null || note "templates import failed"
"$SKOLA_BIN" templates use LVT-2023 >/dev/null || note "templates use failed"
cat >"$T/obs.csv" <<'CSV'
date,teacher,group,subject,area,crit_1_1,crit_2_1,crit_3_1,crit_4_1,status,template
2024-10-01,Anna Ābele,2A,Matemātika,-1,1,1,1,1,final,LVT-2023
2024-10-02,Anna Ābele,2A,Fizika,-1,1,0,,,final,OWN-1
CSV
"$SKOLA_BIN" import observations "$T/obs.csv" >/dev/null || note "import observations failed"
for l in en lv; do
    "$SKOLA_BIN" --lang $l summary --year 2024 >"$T/sum-$l" 2>&1 || note "summary $l failed"
    grep -A5 'observations.section_all' "$T/sum-$l" >"$T/sections-$l"
    show "$T/sections-$l"
    run --lang $l print observations --year 2024 -o "$T/p-$l.html"
    grep -oE '<h3>[^<]*</h3>|<li><span class="box">[^<]*</span>[^<]*' "$T/p-$l.html" >"$T/print-$l"
    show "$T/print-$l"
done
finish

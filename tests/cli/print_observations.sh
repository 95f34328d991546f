#!/usr/bin/env bash
# skola print observations: the observation sheets on paper as one HTML
# file, one page per sheet, each with its own template's criteria and
# wording (LVT-2023's from the migration, a school's own from templates
# import --title/--methodology/section_note); every value escaped; by year,
# by teacher (a name that is part of a longer name selects only its
# owner), the teacher's record first without --year; no sheet -> exit 1.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/print"
run init --school-code SK-A --school-name 'Skola <A> & "Co"'
"$SKOLA_BIN" import staff "$P/staff.csv" >/dev/null || note "import staff failed"
run templates import "$P/template.csv" --code MANA-2024 --name "Mana lapa" \
    --title "Mūsu skolas vērošanas lapa" --methodology "Metodika: <skat. rokasgrāmatu>"
run templates use LVT-2023
run import observations "$P/observations.csv"
run print observations --year 2023 -o "$T/y.html"
note "sheets: $(grep -c '<section class="sheet">' "$T/y.html"); external references: $(grep -cE '(src|href)=|@import|url\(' "$T/y.html")"
show "$T/y.html"
run print observations --teacher "anna abele" -o "$T/t.html"
note "record pages: $(grep -c '<section class="record">' "$T/t.html"), sheets: $(grep -c '<section class="sheet">' "$T/t.html")"
sed -n '/<section class="record">/,/<\/section>/p' "$T/t.html" >"$T/record"
show "$T/record"
run print observations --teacher "Anna Ābele-Kalniņa" --year 2023 -o -
run --lang en print observations --year 2024 -o "$T/en.html"
grep -E '<h1>|<h2>|<h3>|<th>|paraksts|signature|Seen' "$T/en.html" >"$T/en-lines"
show "$T/en-lines"
run print observations --year 2019 -o "$T/none.html"
note "written when nothing matched: $(ls "$T/none.html" 2>/dev/null | wc -l)"
run print observations --teacher "Anna" -o "$T/anna.html"
# a path with spaces and Latvian letters; a Windows-1257 template whose
# section note has a stray control character is refused with its place
run print observations --year 2024 -o "$T/vērošanas lapas 2024.html"
note "written: $(grep -c '<section class="sheet">' "$T/vērošanas lapas 2024.html")"
printf 'section_no,section_name,criterion_code,criterion_text,section_note\n1,Sākums,1.1,Mērķis,"(īsi\033[31m)"\n' |
    iconv -f UTF-8 -t CP1257 >"$T/cp1257.csv"
run templates import "$T/cp1257.csv" --code CP-2024
printf 'section_no,section_name,criterion_code,criterion_text,section_note\n1,Sākums,1.1,Mērķis,(ļoti īsi)\n' |
    iconv -f UTF-8 -t CP1257 >"$T/cp1257.csv"
run templates import "$T/cp1257.csv" --code CP-2024 --title "$(printf 'Lapa\tar tab')"
run templates import "$T/cp1257.csv" --code CP-2024 --title "Ļoti sava lapa"
printf 'date,teacher,group,subject,area,crit_1_1,status,template\n2025-09-10,Anna Ābele,T-41,Šūšana,Tekstils,1,final,CP-2024\n' >"$T/cp.csv"
"$SKOLA_BIN" import observations "$T/cp.csv" >/dev/null || note "import cp.csv failed"
run print observations --year 2025 -o "$T/cp.html"
grep -E '<h1>|class="note"|<li>' "$T/cp.html" >"$T/cp-lines"
show "$T/cp-lines"
run print observations --year 2023 -o "$T/no-such-dir/y.html"
run print observations --year 2023 -o "$SKOLA_DB"
run print observations --year 2023 -o "$T/lapas.XLSX"
note "written: $(ls "$T" | grep -ci xlsx) .xlsx files"
run print observations --teacher= -o "$T/x.html"
run print devices
run print
finish

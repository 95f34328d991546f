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
run print observations --year 2023 -o "$T/no-such-dir/y.html"
run print observations --year 2023 -o "$SKOLA_DB"
run print observations --teacher= -o "$T/x.html"
run print devices
run print
finish

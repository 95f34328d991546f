#!/usr/bin/env bash
# Observation criteria templates from the user's side: the list (criteria,
# sheets, which one new sheets use), an import with every error as
# FILE:LINE:COLUMN (a malformed criterion code named as such; 5.1 in a new
# section 5 is fine; nothing written), a clean import as Latvian Excel writes
# it (BOM, ';', CRLF, columns in another order), choosing the template for
# new sheets, and sheets that keep the template they were filled with.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/observations-staff.csv"
run import observations "$DATA/observations-clean.csv"
run templates
run templates import "$DATA/templates-errors.csv" --code LVT-2025
run templates
run templates import "$DATA/templates-clean.csv" --code LVT-2025 --dry-run
# a school that has not chosen a template uses the newest: the new one
run templates import "$DATA/templates-clean.csv" --code LVT-2025 --name "LVT 2025./2026."
run templates
run templates use LVT-2023
run templates import "$DATA/templates-clean.csv" --code LVT-2026 --name "Vēl viena"
run templates import "$DATA/templates-clean.csv" --code LVT-2025
run templates use NAV-TADA
run templates use LVT-2025
# a sheet imported now gets the school's new template; the old ones keep theirs
cat >"$T/new.csv" <<'CSV'
date,teacher,group,subject,area,crit_1_1,crit_2_4,status
2024-11-12,Anna Ābele,T-21,Šūšana,Tekstils,1,0,final
CSV
run import observations "$T/new.csv"
"$SKOLA_BIN" export observations - | awk -F, 'NR > 1 { print $1 " " $NF }' >"$T/tpl.txt"
note "date template"
note "$(cat "$T/tpl.txt")"
run templates
run --lang lv templates
# usage errors
run templates import "$DATA/templates-clean.csv"
run templates frobnicate
run templates use
: >"$T/empty.csv"
run templates import "$T/empty.csv" --code E
printf 'kods,teksts\n1.1,Ievads\n' >"$T/header.csv"
run templates import "$T/header.csv" --code H
finish

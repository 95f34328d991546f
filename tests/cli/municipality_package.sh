#!/usr/bin/env bash
# The municipality package of a school (SPEC §6): its files, manifest and
# figures; nothing personal in it (names, e-mail, pseudonyms, notes are
# planted in the fixtures and searched for); consolidation of three schools
# with pooled figures checked against hand-computed sums; and every kind of
# bad package refused with its own message.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/package"
# school_db FILE CODE NAME [school-years file]: a school with the fixture data
school_db() {
    local db=$1 code=$2 name=$3 years=${4-}
    "$SKOLA_BIN" --db "$db" init --school-code "$code" --school-name "$name" >/dev/null
    [ -n "$years" ] && "$SKOLA_BIN" --db "$db" import school-years "$years" >/dev/null
    for k in staff trainings vacancies consultations devices assessments priorities; do
        "$SKOLA_BIN" --db "$db" import "$k" "$P/$k.csv" >/dev/null || echo "import $k failed"
    done
}
school_db "$T/a.db" SK-A "Skola A" "$P/school-years.csv"
# the snapshot (issue 16): D-7 was bought after 2023./2024. ended, so only the
# 2024 package lists it; D-5 was written off before 2023./2024. began
printf 'inventory_no,category,user_group,status,purchase_date\nD-7,laptop,pupils,in_use,2024-09-15\n' \
    >"$T/d7.csv"
"$SKOLA_BIN" --db "$T/a.db" import devices "$T/d7.csv" >/dev/null
# B: the same data with 200 pupils in 2023; C: no school-year records at all
sed 's/^2023,400,/2023,200,/' "$P/school-years.csv" >"$T/years-b.csv"
school_db "$T/b.db" SK-B "Skola \"B\", Liepāja" "$T/years-b.csv"
school_db "$T/c.db" SK-C "Skola C"

run --db "$T/a.db" export-municipality "$T/pkg-a" --year 2023
show "$T/pkg-a/manifest.json"
show "$T/pkg-a/staff.csv"
show "$T/pkg-a/devices.csv"
show "$T/pkg-a/self-assessment.csv"
show "$T/pkg-a/priorities.csv"
note "summary.csv without the observation rows:"
grep -v ',observations\.' "$T/pkg-a/summary.csv" >"$T/sum-a.csv"
show "$T/sum-a.csv"
(cd "$T/pkg-a" && sha256sum summary.csv self-assessment.csv priorities.csv devices.csv staff.csv) \
    >"$T/sums"
note "sha256sum agrees with the manifest:"
while read -r sum name; do
    if grep -q "\"name\": \"$name\", \"rows\": [0-9]*, \"sha256\": \"$sum\"" "$T/pkg-a/manifest.json"
    then note "  $name ok"; else note "  $name MISMATCH"; fi
done <"$T/sums"
note "temporary files left: $(find "$T/pkg-a" -name '*.tmp-*' | wc -l)"

note "privacy: planted names, e-mail, pseudonyms and notes found in the package:"
for s in Unikālā Neatkārtojamais Planted Left-Before Future-Hire zigrida.secret \
         P-001 p-001 P-002 RecipientSecret SECRET-NOTE DEVICE-NOTE VACANCY-NOTE; do
    if grep -rqF "$s" "$T/pkg-a"; then note "  FOUND: $s"; fi
done
note "  (end of list)"

note "the running year 2024 is described as of today (2024-11-15): D-7 is listed"
run --db "$T/a.db" export-municipality "$T/pkg-a-2024" --year 2024
grep -E '"(reference|snapshot)_date"' "$T/pkg-a-2024/manifest.json" >"$T/dates-2024"
show "$T/dates-2024"
cut -d, -f1,7,16 "$T/pkg-a-2024/devices.csv" >"$T/dev-2024"
show "$T/dev-2024"
note "a year that has not begun (2025./2026. on 2024-11-15) has no snapshot: refused, nothing written"
run --db "$T/a.db" export-municipality "$T/pkg-a-2025" --year 2025
note "written: $(ls "$T/pkg-a-2025" 2>/dev/null | wc -l) files"

run --db "$T/b.db" export-municipality "$T/pkg-b" --year 2023
"$SKOLA_BIN" --db "$T/c.db" export-municipality "$T/pkg-c" --year 2023 >/dev/null
note "school C has no school-year record: its ratios are n/d and say what is missing:"
"$SKOLA_BIN" --db "$T/c.db" summary --year 2023 --lang en |
    grep -A2 -E '\[(devices\.pupils_per_computer|consultations\.pupils_reached)\]' >"$T/nd"
show "$T/nd"
run consolidate "$T/city" "$T/pkg-a" "$T/pkg-b" "$T/pkg-c"
note "hand-computed: pupils per computer (400+200)/(2+2) = 150.0 (C has no pupils: left out);"
note "support staff per 100 pupils (2+2)/(4+2) = 0.7; pupils reached (2+2)/(400+200) = 0.7 %;"
note "devices 4+4+4 = 12; long-term vacancy hours 6+6+6 = 18; PD 36 h (1+1+1)/(2+2+2) = 50.0 %"
grep -E ',(devices\.(count|pupils_per_computer)|staff\.(support_per_100_pupils|vacancies_long_term_hours|pd_36h)|consultations\.pupils_reached),' \
    "$T/city/summary.csv" >"$T/pooled"
show "$T/pooled"
show "$T/city/schools.csv"
grep -E ';(devices\.pupils_per_computer|staff\.support_per_100_pupils);' \
    "$T/city/summary-excel.csv" >"$T/pooled-excel"
show "$T/pooled-excel"
note "excel profile: $(head -c3 "$T/city/schools-excel.csv" | od -An -tx1 | tr -d ' ') BOM," \
    "$(grep -c $'\r$' "$T/city/schools-excel.csv") CRLF lines"

note "a package of the previous release (format_version 1, no snapshot_date) still merges:"
grep -E '"format_version"|snapshot_date' "$DATA/package-v1/manifest.json" >"$T/v1"
show "$T/v1"
run consolidate "$T/city-v1" "$T/pkg-a" "$DATA/package-v1"
cut -d, -f1-3 "$T/city-v1/schools.csv" >"$T/v1-schools"
show "$T/v1-schools"
note "a version 2 manifest without snapshot_date, or a version 1 with one, is refused:"
cp -r "$T/pkg-b" "$T/nosnap"
sed -i '/"snapshot_date"/d' "$T/nosnap/manifest.json"
run consolidate "$T/out8" "$T/nosnap"
cp -r "$DATA/package-v1" "$T/v1snap"
sed -i 's/"reference_date": "2023-09-01",/&\n  "snapshot_date": "2024-08-31",/' "$T/v1snap/manifest.json"
run consolidate "$T/out9" "$T/v1snap"
cp -r "$T/pkg-b" "$T/badsnap"
sed -i 's/"snapshot_date": "[^"]*"/"snapshot_date": "31.08.2024"/' "$T/badsnap/manifest.json"
run consolidate "$T/out10" "$T/badsnap"

note "--- the city tables and load.sql"
# fixsum DIR FILE: the manifest's checksum made right again after an edit
fixsum() {
    local sum
    sum=$(sha256sum "$1/$2" | cut -d' ' -f1)
    sed -i "s/\(\"name\": \"$2\", \"rows\": [0-9]*, \"sha256\": \"\)[0-9a-f]*/\1$sum/" "$1/manifest.json"
}
# a package with columns the city tables do not load: a private one (notes),
# one named like the city's own key, an unknown one, a repeated one
cp -r "$T/pkg-b" "$T/extra"
sed -i -e '1s/^/notes,school_code,nonsense,/' -e '1s/$/,category/' \
    -e '2,$s/^/SECRET-NOTE,EVIL,"x"";DROP TABLE schools;--",/' -e '2,$s/$/,tablet/' "$T/extra/devices.csv"
fixsum "$T/extra" devices.csv
run consolidate "$T/city-x" "$T/pkg-a" "$T/extra"
show "$T/city-x/devices.csv"
show "$T/city-x/staff.csv"
note "planted values in the city files: $(grep -rlE 'SECRET-NOTE|EVIL|DROP TABLE' "$T/city-x" | wc -l)"
show "$T/city-x/load.sql"
note "a value that is not of its column's type is refused before anything is written:"
cp -r "$T/pkg-b" "$T/baddate"
sed -i 's/2019-05-01/2019-13-01/' "$T/baddate/devices.csv"
fixsum "$T/baddate" devices.csv
cp -r "$T/pkg-b" "$T/badfte"
sed -i '2s/^psychologist,1,/psychologist,viens,/' "$T/badfte/staff.csv"
fixsum "$T/badfte" staff.csv
run consolidate "$T/out11" "$T/pkg-a" "$T/baddate" "$T/badfte"

note "--- bad packages"
cp -r "$T/pkg-a" "$T/edited"
sed -i 's/^D-2,/D-9,/' "$T/edited/devices.csv"
run consolidate "$T/out1" "$T/edited" "$T/pkg-b"
cp -r "$T/pkg-a" "$T/nomanifest"
rm "$T/nomanifest/manifest.json"
run consolidate "$T/out2" "$T/pkg-a" "$T/nomanifest"
cp -r "$T/pkg-a" "$T/again"
run consolidate "$T/out3" "$T/pkg-a" "$T/pkg-b" "$T/again"
"$SKOLA_BIN" --db "$T/a.db" export-municipality "$T/pkg-a-2022" --year 2022 >/dev/null
run consolidate "$T/out4" "$T/pkg-a-2022" "$T/pkg-b"
cp -r "$T/pkg-b" "$T/damaged"
head -c 200 "$T/pkg-b/manifest.json" >"$T/damaged/manifest.json"
run consolidate "$T/out5" "$T/damaged"
cp -r "$T/pkg-b" "$T/missing"
rm "$T/missing/staff.csv"
run consolidate "$T/out6" "$T/missing"
note "nothing written for refused packages: $(ls -d "$T"/out* 2>/dev/null | wc -l) output folders"
run consolidate "$T/out7"
finish

#!/usr/bin/env bash
# consolidate's *-excel.csv files neutralise formula cells that come from
# the packages (issue 12): a municipality merges packages it did not make,
# so a school name, code or municipality in a manifest and a dimension or
# value in a summary.csv that starts with = + - @ (or a quote run before
# one) get the leading apostrophe of `export --profile excel`; the rfc4180
# files keep the text as it is; numbers (also negative ones) stay numbers.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/package"
"$SKOLA_BIN" init --school-code SK-X --school-name "Skola X" >/dev/null
"$SKOLA_BIN" import school-years "$P/school-years.csv" >/dev/null
"$SKOLA_BIN" import devices "$P/devices.csv" >/dev/null
"$SKOLA_BIN" export-municipality "$T/pkg" --year 2023 >/dev/null
cd "$T/pkg" || exit 1
# plant formulas as a hostile package would have them, and fix the checksum
sed -i -e 's/"school_code": "SK-X"/"school_code": "@SUM(1)"/' \
    -e 's/"school_name": "Skola X"/"school_name": "=HYPERLINK(\\"http:\/\/evil\\",\\"klik\\")"/' \
    -e "s/\"municipality\": \"\"/\"municipality\": \"=cmd|' \/C calc'!A0\"/" manifest.json
sed -i -e 's/^SK-X,/@SUM(1),/' \
    -e 's/^\(@SUM(1),2023,observations\.criterion,\)1\.1,/\1"=HYPERLINK(""http:\/\/evil"";""x"")",/' \
    -e "s/^\(@SUM(1),2023,observations\.criterion,\)1\.2,/\1'+1+2,/" \
    -e 's/^\(@SUM(1),2023,observations\.criterion,\)1\.3,/\1-2+3;x,/' \
    -e 's/^\(@SUM(1),2023,devices\.count,,\)[^,]*,/\1=1+1,/' summary.csv
sum=$(sha256sum summary.csv | cut -d' ' -f1)
sed -i "s/\(\"name\": \"summary.csv\", \"rows\": [0-9]*, \"sha256\": \"\)[0-9a-f]*/\1$sum/" manifest.json
cd - >/dev/null || exit 1
show "$T/pkg/manifest.json"
grep -E '^@SUM\(1\),2023,(observations\.criterion,("=|.\+|-)|devices\.count,)' "$T/pkg/summary.csv" \
    >"$T/planted"
show "$T/planted"
run consolidate "$T/city" "$T/pkg"
show "$T/city/schools-excel.csv"
show "$T/city/schools.csv"
grep -E 'HYPERLINK|\+1\+2|-2\+3|^;2023;devices\.count;' "$T/city/summary-excel.csv" >"$T/sum-excel"
show "$T/sum-excel"
grep -E 'HYPERLINK|\+1\+2|-2\+3|^,2023,devices\.count,' "$T/city/summary.csv" >"$T/sum"
show "$T/sum"
note "the same cells from export --profile excel (the one rule):"
cat >"$T/dev.csv" <<'CSV'
inventory_no,category,user_group,status,notes
X-1,laptop,pupils,in_use,@SUM(1)
X-2,laptop,pupils,in_use,'+1+2
X-3,laptop,pupils,in_use,-2+3;x
CSV
"$SKOLA_BIN" import devices "$T/dev.csv" >/dev/null
"$SKOLA_BIN" export devices --profile excel "$T/out.csv" 2>/dev/null
cut -d';' -f2- "$T/out.csv" | grep -E '^X-' >"$T/x" # f1: the uid
show "$T/x"
finish

#!/usr/bin/env bash
# An explicit --format or --profile that the output file's name contradicts
# (.xlsx) is refused with exit 2 and nothing is written; --format xlsx with
# a .xlsx name and a CSV profile with a CSV name stay fine. Names that only
# contain ".xlsx" (x.xlsx.csv) are no workbooks.
. "$(dirname "$0")/../lib/cli.sh"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
"$SKOLA_BIN" import devices "$DATA/package/devices.csv" >/dev/null || note "import failed"
run summary --year 2023 --format csv -o "$T/s.xlsx"
run summary --year 2023 --format text -o "$T/t.XLSX"
run report --year 2023 --format html -o "$T/r.xlsx"
run export devices "$T/x.xlsx" --profile excel
run export devices --profile rfc4180 "$T/y.xlsx"
note "written: $(cd "$T" && ls ./*.xlsx ./*.XLSX 2>/dev/null | wc -l)"
run summary --year 2023 --format xlsx -o "$T/ok.xlsx"
run export devices "$T/ok2.xlsx"
run export devices "$T/x.xlsx.csv" --profile excel
run summary --year 2023 --format csv -o "$T/s.xlsx.csv"
note "written: $(cd "$T" && ls ok.xlsx ok2.xlsx x.xlsx.csv s.xlsx.csv 2>/dev/null | wc -l)"
finish

#!/usr/bin/env bash
# What Latvian Excel writes: Windows-1257, ';', Latvian headers and labels,
# DD.MM.YYYY dates, decimal commas, CRLF.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
iconv -f UTF-8 -t CP1257 "$DATA/devices-excel.utf8.csv" | sed 's/$/\r/' >"$T/excel-1257.csv"
run import devices "$T/excel-1257.csv" --dry-run
run import devices "$T/excel-1257.csv" --encoding cp1257
run export devices
# the UTF-8 version of the same file, with a BOM, is the same data
run init --db "$T/b.db" --school-code T1 --school-name "Testa skola"
{ printf '\xef\xbb\xbf'; cat "$DATA/devices-excel.utf8.csv"; } >"$T/excel-bom.csv"
run --db "$T/b.db" import devices "$T/excel-bom.csv"
"$SKOLA_BIN" export devices | cut -d, -f2- >"$T/a.csv" # the uids differ
"$SKOLA_BIN" --db "$T/b.db" export devices | cut -d, -f2- >"$T/b.csv"
if cmp -s "$T/a.csv" "$T/b.csv"; then note "cp1257 and utf-8 imports are identical"; else note "DIFFERENT"; fi
finish

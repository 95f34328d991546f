#!/usr/bin/env bash
# Hostile files: a 10 MB cell, 100 000 columns, NUL bytes, invalid UTF-8,
# control characters, formula cells (CSV injection) and a path with spaces
# and Latvian letters. Each is refused or handled with a clear message, the
# documented exit status and no crash; nothing is half-imported.
. "$(dirname "$0")/../lib/reliability.sh"
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init"

# one 10 MB cell
{
    printf 'inventory_no,category,notes\nA-1,laptop,'
    head -c 10485760 /dev/zero | tr '\0' 'x'
    printf '\n'
} >"$T/big.csv"
expect_exit 1 "$SKOLA_BIN" import devices "$T/big.csv"
expect_err 'big.csv:2:3: notes: is longer than 4000 characters'
no_crash

# 100 000 columns
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "c%d%s", i, (i < 100000 ? "," : "\n"); print "x" }' \
    >"$T/wide.csv"
expect_exit 1 "$SKOLA_BIN" import devices "$T/wide.csv"
expect_err 'wide.csv:1: inventory_no: the required column “inventory_no” is missing'
# unknown columns are warnings, ten named and the rest counted in one line
expect_err 'wide.csv:1:10: warning: column “c10” ignored'
expect_err 'wide.csv:1: warning: 99990 more unknown columns ignored'
grep -q 'c11”' "$T/err" && fail "more than ten ignored columns named"
expect_err '2 errors in'
no_crash

# NUL bytes: a binary file, refused at the first one
printf 'inventory_no,category,model\nA-1,laptop,x\0y\nA\0-2,laptop,z\n' >"$T/nul.csv"
expect_exit 1 "$SKOLA_BIN" import devices "$T/nul.csv"
expect_err 'nul.csv:2: byte 41 of the file is a NUL byte: this is a binary file'
no_crash

# invalid UTF-8 when UTF-8 is demanded (auto detection reads it as Windows-1257)
printf 'inventory_no,category,model\nA-1,laptop,\xff\xfe\xc3\x28\n' >"$T/bad-utf8.csv"
expect_exit 1 "$SKOLA_BIN" import devices "$T/bad-utf8.csv" --encoding utf-8
expect_err 'bad-utf8.csv:2:3: model: the value is not valid UTF-8'
no_crash

# terminal escape sequences in a cell are refused at the door
printf 'inventory_no,category,model\nA-1,laptop,\033]0;pwned\007\033[2J\n' >"$T/esc.csv"
expect_exit 1 "$SKOLA_BIN" import devices "$T/esc.csv"
no_crash
[ "$("$SKOLA_BIN" export devices - | wc -l)" -eq 1 ] || fail "a refused file left rows behind"

# CSV injection: formula cells are neutralised in the excel profile and come back unchanged
cat >"$T/formula.csv" <<'CSV'
inventory_no,category,model,notes
F-1,laptop,=cmd|' /C calc'!A0,+SUM(A1:A9)
F-2,laptop,@HYPERLINK("http://x"),-2+3
F-3,laptop,'=already quoted (the apostrophe is dropped on import),plain
CSV
expect_exit 0 "$SKOLA_BIN" import devices "$T/formula.csv"
expect_exit 0 "$SKOLA_BIN" export devices "$T/excel.csv" --profile excel
for cell in "'=cmd|' /C calc'!A0" "'+SUM(A1:A9)" "'@HYPERLINK" "'-2+3" "'=already quoted"; do
    grep -qF -- "$cell" "$T/excel.csv" || fail "excel export: “$cell” is not neutralised"
done
if tr ';' '\n' <"$T/excel.csv" | grep -qE '^"?[=+@-]'; then
    fail "excel export has a cell that starts with a formula character"
fi
expect_exit 0 "$SKOLA_BIN" export devices "$T/before.csv"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola" >/dev/null || fail "init"
expect_exit 0 "$SKOLA_BIN" import devices "$T/excel.csv"
expect_exit 0 "$SKOLA_BIN" export devices "$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "the excel export did not round-trip"

# a path with spaces and Latvian letters, for the database, the CSV and the backup
dir="$T/Skolas dati/Ģimnāzija Nr. 1"
mkdir -p "$dir"
db="$dir/skolas datubāze ā.db"
expect_exit 0 "$SKOLA_BIN" --db "$db" init --school-code L1 --school-name "Ķekavas vidusskola"
cp "$T/formula.csv" "$dir/ierīču saraksts š.csv"
expect_exit 0 "$SKOLA_BIN" --db "$db" import devices "$dir/ierīču saraksts š.csv"
expect_exit 0 "$SKOLA_BIN" --db "$db" export devices "$dir/eksports ž.csv" --profile excel
expect_exit 0 "$SKOLA_BIN" --db "$db" backup "$dir/rezerves kopija ū.db"
expect_exit 0 "$SKOLA_BIN" --db "$dir/rezerves kopija ū.db" check
[ "$(stat -c %a "$dir/skolas datubāze ā.db")" = 600 ] || fail "database mode"
check_db "$db"
echo ok

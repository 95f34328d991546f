#!/usr/bin/env bash
# Escape sequences in data, file names and arguments reach the terminal only
# as visible escapes (\x1b), never raw: every message quotes user data with
# sk_quote. Raw ESC, BEL and C1 bytes in stdout or stderr fail the test; the
# transcript's own "$ skola ARGS" lines show them as <ESC>, <BEL>, <CSI>.
. "$(dirname "$0")/../lib/cli.sh"
E=$'\e'
BEL=$'\a'
CSI=$'\xc2\x9b'
n_raw=0
# check_raw ARGS... — fails the test if the last command's stdout or stderr
# holds a raw control character (C0 but line break and tab, DEL, C1) or a bidi
# override.
check_raw() {
    if LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]' \
        "$T/.out" "$T/.err"; then
        echo "FAIL: a raw control character reached the terminal: skola $(printf '%q ' "$@")"
        n_raw=$((n_raw + 1))
    fi
}
hrun() {
    run "$@"
    check_raw "$@"
}

hrun init --school-code T1 --school-name "Testa skola"
# typed cells that are not what they should be are quoted in the errors
printf 'inventory_no,category,purchase_date,purchase_cost,status,assigned_to\n' >"$T/bad.csv"
printf 'E-1,laptop,%s[31m2024,1,in_use,\n' "$E" >>"$T/bad.csv"
printf 'E-2,%s]0;pwned%s,2024-01-10,1,in_use,\n' "$E" "$BEL" >>"$T/bad.csv"
printf 'E-3,laptop,2024-01-10,%s[2J9,broken%s31m,\n' "$E" "$CSI" >>"$T/bad.csv"
printf 'E-4,laptop,2024-01-10,1,in_use,Ilze%s[8m Bērziņa\n' "$E" >>"$T/bad.csv"
hrun import devices "$T/bad.csv"
# header cells: an unknown column and a column given twice
printf 'inventory_no,col%s[2Jour,status,stat\xe2\x80\xaeus\n' "$E" >"$T/header.csv"
hrun import devices "$T/header.csv"
# a file name with escapes: in every error line and in "cannot open"
cp "$T/bad.csv" "$T/bad$E[1m.csv"
hrun import devices "$T/bad$E[1m.csv"
hrun import devices "$T/none$E]0;pwned$BEL.csv"
# command-line arguments echoed in usage errors
hrun "x$E[2J"
hrun import devices "--x$E[2J" "$T/bad.csv"
hrun import "dev$E[2Jices" "$T/bad.csv"
hrun export devices --profile "$CSI"1m
hrun --lang "l$E[2Jv" summary
hrun --db "$T/none$E[2J.db" summary
# a path in a message of storage/ (the safety net of the CLI's printer)
: >"$T/file$E[2J"
hrun --db "$T/file$E[2J/sub/skola.db" init --school-code T2 --school-name "Otra skola"
hrun forget-person "Ilze$E[2J Bērziņa"
hrun templates use "T$E[2J"
hrun --school "S$E[2J" summary

# a school whose code and name hold escapes (a file from an older version,
# or changed by another program)
sqlite3 "$SKOLA_DB" "UPDATE school SET code = 'T1' || char(27) || ']0;x' || char(7),
    name = 'Evil' || char(27) || '[2J' || char(155) || ' skola' WHERE id = 1"
# (only the heading of the summary goes into the transcript)
"$SKOLA_BIN" summary --year 2024 >"$T/.out" 2>"$T/.err"
check_raw summary --year 2024
note '$ skola summary --year 2024 | head -n 1'
head -n 1 "$T/.out" >>"$ACTUAL"
cat "$T/.err" >>"$ACTUAL"
hrun --school nope summary
hrun export-municipality "$T/pkg$E[1m" --year 2024
: >"$T/notdir$E[2J"
hrun export-municipality "$T/notdir$E[2J" --year 2024
# consolidate: package folders and a manifest's school code in the messages
cp -r "$T/pkg$E[1m" "$T/pkg2"
hrun consolidate "$T/out" "$T/pkg$E[1m" "$T/pkg2"
hrun consolidate "$T/out$E[1m" "$T/pkg$E[1m"
mkdir "$T/empty$E[2J"
hrun consolidate "$T/out" "$T/empty$E[2J"
sed -i 's/"school_code": "[^"]*"/"school_code": "X\\u001b[2J\\u009b"/' "$T/pkg2/manifest.json"
hrun consolidate "$T/out" "$T/pkg2"

# the escaped forms are there, the raw ones nowhere
grep -qF '\x1b' "$ACTUAL" || { echo "FAIL: no \\x1b in the transcript"; n_raw=$((n_raw + 1)); }
sed -i -e "s/$E/<ESC>/g" -e "s/$BEL/<BEL>/g" -e "s/$CSI/<CSI>/g" "$ACTUAL"
[ "$n_raw" -eq 0 ] || exit 1
finish

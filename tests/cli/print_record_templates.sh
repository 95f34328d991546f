#!/usr/bin/env bash
# The printed sheets and the teacher's record with two templates that share
# criterion codes (XSS's 1.1 is not LVT-2023's 1.1): the record groups its
# figures per template, each with its own wording, and the school's share
# counts the same template's sheets only; the comments are numbered as the
# sheet of their template numbers them; a draft sheet carries a DRAFT mark
# on its page and in the record; --lang en words the school year in English;
# -o "" is a usage error; --uid selects sheets by their stable id.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/print"
run init --school-code SK-A --school-name 'Skola A'
"$SKOLA_BIN" import staff "$P/staff.csv" >/dev/null || note "import staff failed"
run templates import "$P/xss.csv" --code XSS --name "Šūšanas lapa"
run import observations "$P/mixed.csv"
run print observations --teacher "Anna Ābele" -o "$T/t.html"
sed -n '/<section class="record">/,/<\/section>/p' "$T/t.html" >"$T/record"
show "$T/record"
note "draft marks on sheet pages: $(grep -c 'class="draft"' "$T/t.html")"
grep -E 'class="draft"|<h3>' "$T/t.html" >"$T/sheet-lines"
show "$T/sheet-lines"
run --lang en print observations --teacher "Anna Ābele" -o "$T/en.html"
grep -E '<h2>|class="tpl"|class="draft"' "$T/en.html" >"$T/en-lines"
show "$T/en-lines"
run print observations -o ""
# --uid: exactly the sheets named, in the order given, each once;
# an unknown or malformed uid writes nothing
"$SKOLA_BIN" export observations "$T/obs.csv" 2>/dev/null || note "export failed"
U1=$(awk -F, 'NR == 2 {print $1}' "$T/obs.csv")
U4=$(awk -F, 'NR == 5 {print $1}' "$T/obs.csv")
run print observations --uid "$U4" --uid "$U1" --uid "$U4" -o "$T/u.html"
grep -E '<td colspan="3">|<td>[0-9.]+</td>' "$T/u.html" >"$T/u-lines"
show "$T/u-lines"
run print observations --uid 01a24a3f-1bf4-784f-b211-000000000000 -o "$T/nouid.html"
run print observations --uid "$U1-x" -o "$T/nouid.html"
note "written when a uid matched nothing: $(ls "$T/nouid.html" 2>/dev/null | wc -l)"
run print observations --uid "$U1" --year 2025 -o "$T/nouid.html"
run print observations --uid
finish

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
finish

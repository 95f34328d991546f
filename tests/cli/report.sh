#!/usr/bin/env bash
# skola report: the yearly self-evaluation tables as one HTML file, Latvian
# by default even under an English locale, English with --lang en; the
# school's texts are escaped; the whole Latvian document is the golden file.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/package"
run init --school-code SK-A --school-name "Skola <A> & Co"
for k in school-years staff trainings vacancies consultations devices assessments priorities; do
    "$SKOLA_BIN" import "$k" "$P/$k.csv" >/dev/null || note "import $k failed"
done
run report --year 2023 -o "$T/r.html"
note "self-contained: external references: $(grep -cE '(src|href)=|@import|url\(' "$T/r.html")"
show "$T/r.html"
run --lang en report --year 2023 -o "$T/en.html"
grep -E '<h1>|<h2>|class="caption"|<th>' "$T/en.html" >"$T/en-headings"
show "$T/en-headings"
run report --year 2023 -o "$T/no-such-dir/r.html"
run report --year 1999
finish

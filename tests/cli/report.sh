#!/usr/bin/env bash
# skola report: the yearly self-evaluation tables as one HTML file, Latvian
# by default even under an English locale, English with --lang en; the
# school's texts are escaped; the whole Latvian document is the golden file.
# Tables 1–14 as seed 000 numbers them, from a fixture built here: the
# programmes, projects, exam results and cohorts of 2023./2024., vocational
# teachers and training costs (table 12, hours with at most one decimal),
# the head's name in the signature block; Latvian plural forms (1, 21, 33)
# under an English locale; a year without data keeps every heading.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/package"
run init --school-code SK-A --school-name "Skola <A> & Co"
for k in school-years staff trainings vacancies consultations devices assessments priorities; do
    "$SKOLA_BIN" import "$k" "$P/$k.csv" >/dev/null || note "import $k failed"
done
cat >"$T/staff.csv" <<'CSV'
full_name,role,vocational,employed_from
Zigrīda Unikālā-Vārdene,teacher,1,2010-09-01
Kristaps Neatkārtojamais,teacher,1,2015-09-01
Anna <b>Vadītāja</b>,head,0,2012-09-01
CSV
cat >"$T/trainings.csv" <<'CSV'
staff,date,title,hours,cost
Zigrīda Unikālā-Vārdene,2024-03-01,Dārgie kursi,2.25,"150,5"
Kristaps Neatkārtojamais,2024-03-02,Bezmaksas seminārs,1.04,
CSV
cat >"$T/programmes.csv" <<'CSV'
year,name,code,licence_no,licence_date,pupils_start,pupils_completed
2023,Programmēšana,33484011,P_5057,2021-08-26,118,117
2023,"Loģistika ""<b>"" & co",33840111,,,82,
2022,Vecā programma,33000000,P_1,2019-01-01,10,10
CSV
cat >"$T/projects.csv" <<'CSV'
year,code,name,duration,place,staff,pupils
2023,2022-1-LV01-KA121-VET-000058677,Personu mobilitātes mācību nolūkos,7,Kotka (Somija),8,
2023,2022-1-LV01-KA121-VET-000058677,Personu mobilitātes mācību nolūkos,14,Boloņa (Itālija),1,6
2024,2024-X,Nākamā gada projekts,5,Rīga,1,1
CSV
cat >"$T/exams.csv" <<'CSV'
year,qualification,country_average,school_average
2023,Apdares darbu tehniķis,6.79,8
2023,Pavārs,7.5,
CSV
cat >"$T/cohorts.csv" <<'CSV'
qualification,year_started,duration,pupils_started,pupils_graduated
Automehāniķis,2020,4,21,10
Gaisa kuģu uzbūve un materiāli,2022,1.5,1,0
Metinātājs,2021,3,11,11
Pavārs,2021,4,26,13
CSV
"$SKOLA_BIN" import staff "$T/staff.csv" --mode upsert >/dev/null || note "import staff failed"
for k in trainings programmes projects cohorts; do
    "$SKOLA_BIN" import "$k" "$T/$k.csv" >/dev/null || note "import $k failed"
done
"$SKOLA_BIN" import exam-results "$T/exams.csv" >/dev/null || note "import exam-results failed"
run report --year 2023 -o "$T/r.html"
note "self-contained: external references: $(grep -cE '(src|href)=|@import|url\(' "$T/r.html")"
show "$T/r.html"
run --lang en report --year 2023 -o "$T/en.html"
grep -E '<h1>|<h2>|class="caption"|<th>' "$T/en.html" >"$T/en-headings"
show "$T/en-headings"
run report --year 2023 -o "$T/no-such-dir/r.html"
# a year without data: every table keeps its number and says so in one line
run report --year 2019 -o "$T/empty.html"
grep -E '<h2>|<h3>|class="caption"|class="nd"' "$T/empty.html" >"$T/empty-headings"
show "$T/empty-headings"
run report --year 1999
finish

#!/usr/bin/env bash
# The report's own kinds (forms/kind_report_data.c, tables generated from
# the descriptors): projects (several rows per project, no natural key: an
# import adds its rows, skipping rows identical to stored ones), exam-results (marks 1–10, two decimals; natural key
# year + qualification), cohorts (duration in years with a fraction; natural
# key qualification + year started), and the trainings' cost. Errors with
# line:column, clean imports, round trips, upserts, names that are the start
# of other names, stray quotes.
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/round_trip.sh"
run init --school-code T1 --school-name "Testa skola"

cat >"$T/projects.csv" <<'CSV'
year,code,name,duration,place,staff,pupils
2023,2022-1-LV01-KA121-VET-000058677,Personu mobilitātes mācību nolūkos,7,Kotka (Somija),8,
2023,2023-1-LV01-KA121-VET-000139275,Personu mobilitātes mācību nolūkos,8,Tenerife (Spānija),2,
2023,2023-1-LV01-KA121-VET-000139275,Personu mobilitātes mācību nolūkos,8,Tenerife (Spānija),1,
2023,620870-EPP-1-2020-1-DE-EPPKA3-VET-COVE,"Projekts ""Three Level Centers"" (3LoE)",4 dienas,"Ščecina (Polija)",2,0
CSV
cat >"$T/projects-errors.csv" <<'CSV'
year,code,name,duration,place,staff,pupils
1999,X,Nosaukums,1,Rīga,1,1
2023,,Bez koda,1,Rīga,1,1
2023,K-1,Negatīvs,1,Rīga,-2,1
2023,K-2,"Pēdiņa nav aizvērta,1,Rīga,1,1
CSV
run import projects "$T/projects-errors.csv"
run import projects "$T/projects.csv"
run export projects
run import projects "$T/projects.csv"
run import projects "$T/projects.csv" --mode upsert
round_trip projects

cat >"$T/exams.csv" <<'CSV'
year,qualification,country_average,school_average
2023,Apdares darbu tehniķis,"6,79",8
2023,Apdares darbu tehniķis palīgs,7.42,7.33
2022,Apdares darbu tehniķis,6.5,10
CSV
cat >"$T/exams-errors.csv" <<'CSV'
year,qualification,country_average,school_average
2023,Pavārs,0.99,7
2023,Pavārs,7,10.01
2023,,7,7
2023,Metinātājs,septiņi,7
2023,Frizieris,7,7
2023,Frizieris,8,8
CSV
run import exam-results "$T/exams-errors.csv"
run import exam-results "$T/exams.csv"
cat >"$T/exams-up.csv" <<'CSV'
year,qualification,country_average,school_average
2023,Apdares darbu tehniķis,6.80,8.25
CSV
run import exam-results "$T/exams-up.csv"
run import exam-results "$T/exams-up.csv" --mode upsert
run export exam-results --year 2023
rm -f "$T"/rt-*.db
round_trip exam-results

cat >"$T/cohorts.csv" <<'CSV'
qualification,year_started,duration,pupils_started,pupils_graduated
Automehāniķis,2020,4,29,8
Gaisa kuģu uzbūve un materiāli,2022,"1,5",27,14
Metinātājs,2021,3,26,13
Automehāniķis,2021,4,30,
CSV
cat >"$T/cohorts-errors.csv" <<'CSV'
qualification,year_started,duration,pupils_started,pupils_graduated
Pavārs,2020,0.25,20,10
Pavārs,2020,4,-1,10
Pavārs,,4,20,10
CSV
run import cohorts "$T/cohorts-errors.csv"
run import cohorts "$T/cohorts.csv"
run export cohorts --profile excel
rm -f "$T"/rt-*.db
round_trip cohorts

# the trainings' cost: euros with two decimals, optional
cat >"$T/staff.csv" <<'CSV'
full_name,role,vocational
Anna Ābele,teacher,1
CSV
cat >"$T/trainings.csv" <<'CSV'
staff,date,title,hours,cost
Anna Ābele,2023-10-01,Kursi,8,"120,50 €"
Anna Ābele,2023-10-02,Seminārs,2.5,
Anna Ābele,2023-10-03,Dārgi,1,-5
CSV
run import staff "$T/staff.csv"
run import trainings "$T/trainings.csv"
sed -i '$d' "$T/trainings.csv"
run import trainings "$T/trainings.csv"
run export trainings
run check
finish

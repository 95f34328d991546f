#!/usr/bin/env bash
# People and names: staff references resolved exactly first, then by folded
# case and diacritics only when one name matches (reported in the summary,
# an error naming every candidate when several do); importing the same
# observations or consultations again skips the identical rows (stored or
# repeated in the file) and leaves the summary unchanged, --allow-duplicates
# imports them anyway.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
cat >"$T/staff.csv" <<'CSV'
full_name,role
Ilze Bērziņa,teacher
Ilze Bērzina,teacher
Anna Kalniņa,psychologist
Jānis Bērziņš,teacher
Anna Ābele,teacher
Bruno Bērziņš,teacher
Ieva Rozīte,deputy_head
CSV
run import staff "$T/staff.csv"

note "# two staff fold to “ilze berzina”: an error naming both, nothing imported"
cat >"$T/ambiguous.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-09-12,ilze berzina,pupil,P-1,individual,learning,30
2024-09-13,Ilze Bērzina,pupil,P-2,individual,learning,30
CSV
run import consultations "$T/ambiguous.csv"
run export consultations

note "# an exact spelling wins; names accepted only once folded are reported"
cat >"$T/cons.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-09-13,Ilze Bērzina,pupil,P-2,individual,learning,30
2024-09-14,anna kalnina,pupil,P-3,individual,emotional,40
2024-09-15,ANNA KALNIŅA,pupil,P-4,individual,emotional,40
2024-09-16,anna kalnina,parent,V-4,individual,behaviour,20
2024-09-17,Janis Berzins,pupil,P-5,individual,career,45
CSV
run import consultations "$T/cons.csv" --dry-run
run import consultations "$T/cons.csv"
run export consultations

note "# the same file again: every row skipped, the figures unchanged"
"$SKOLA_BIN" summary --year 2024 --format csv >"$T/sum1.csv"
run import consultations "$T/cons.csv"
"$SKOLA_BIN" summary --year 2024 --format csv >"$T/sum2.csv"
if cmp -s "$T/sum1.csv" "$T/sum2.csv"; then note "summary 2024: unchanged"; else note "summary 2024: CHANGED"; fi
run export consultations

note "# rows repeated inside one file: the repeats are skipped, with their lines"
cat >"$T/repeat.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-10-01,Ilze Bērziņa,pupil,P-7,individual,learning,30
2024-10-01,Ilze Bērziņa,pupil,P-7,individual,learning,30
2024-10-01,Ilze Bērziņa,pupil,P-7,individual,learning,35
2024-10-01,Ilze Bērziņa,pupil,P-7,individual,learning,30
2024-09-17,Jānis Bērziņš,pupil,P-5,individual,career,45
CSV
run import consultations "$T/repeat.csv"

note "# a person created by --create-references: the repeat of her row is still found"
cat >"$T/newcomer.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-10-02,Marta Jaunā,pupil,P-8,individual,learning,30
2024-10-02,Marta Jaunā,pupil,P-8,individual,learning,30
CSV
run import consultations "$T/newcomer.csv" --create-references

note "# --allow-duplicates imports them anyway: the count doubles"
run import consultations "$T/cons.csv" --allow-duplicates
"$SKOLA_BIN" export consultations | tail -n +2 | cut -d, -f2- | sort | uniq -c | sed 's/^ *//' >>"$ACTUAL"

note "# observations: the same file twice, then --allow-duplicates"
printf 'year,teachers,observation_target_pct,observations_per_teacher_target\n2023,2,50,1\n' >"$T/years.csv"
"$SKOLA_BIN" import school-years "$T/years.csv" >/dev/null
run import observations "$DATA/observations-clean.csv"
"$SKOLA_BIN" summary --year 2023 --format csv >"$T/obs1.csv"
run import observations "$DATA/observations-clean.csv"
"$SKOLA_BIN" summary --year 2023 --format csv >"$T/obs2.csv"
if cmp -s "$T/obs1.csv" "$T/obs2.csv"; then note "summary 2023: unchanged"; else note "summary 2023: CHANGED"; fi
grep -E '^T1,2023,observations\.count' "$T/obs2.csv" >>"$ACTUAL"
run import observations "$DATA/observations-clean.csv" --allow-duplicates
"$SKOLA_BIN" summary --year 2023 --format csv | grep -E '^T1,2023,observations\.count' >>"$ACTUAL"
finish

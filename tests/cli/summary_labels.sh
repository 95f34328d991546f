#!/usr/bin/env bash
# The summary for people (issue 15, "small things that add up"): every
# dimension shown by its label in the user's language ("not known" for
# `unknown`, the age buckets in words, no choice key), criteria with their
# wording and sections with their names, hours with at most one decimal
# (decimal comma in Latvian), ratios in words ("0.9 per 100 pupils"), the
# school's name beside its code, and label columns aligned by display width
# within 80 columns (long Latvian labels wrap). The CSV keeps its keys and
# its three decimals. Then the whole demo school, in both languages: no
# line wider than 80 columns, no raw key, no hours with two decimals.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code RV1G --school-name "Rīgas Valsts 1. ģimnāzijas Pārdaugavas filiāle"
cat >"$T/years.csv" <<'CSV'
year,pupils,teachers
2024,1376,3
CSV
run import school-years "$T/years.csv"
# the teacher without a DigCompEdu level counts as "not known"; a long role label
cat >"$T/staff.csv" <<'CSV'
full_name,role,fte,employed_from,digcompedu
Anna Kalniņa,psychologist,1,2015-09-01,B2
Jānis Bērziņš,teacher,"0,75",2010-09-01,
Rita Zvirbule,teacher,1,2012-09-01,C1
Līga Ērgle,interest_education_teacher,0.5,2020-09-01,
Ilze Ozola,teacher,1,2005-09-01,A2
CSV
run import staff "$T/staff.csv"
# one device without a purchase date: its age is "not known"
cat >"$T/devices.csv" <<'CSV'
inventory_no,category,purchase_date,user_group,status
RV-1,laptop,2023-01-12,pupils,in_use
RV-2,digital_fabrication,2018-03-05,shared,in_repair
RV-3,desktop,,teachers,in_storage
CSV
run import devices "$T/devices.csv"
# 20 + 25 + 40 minutes: hours 0.333, 0.417, 0.667 (sums 0.75 and 0.667)
cat >"$T/consultations.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-09-12,Anna Kalniņa,pupil,P-1,individual,emotional,20
2024-09-13,Anna Kalniņa,pupil,P-2,individual,emotional,25
2024-10-01,Anna Kalniņa,pupil,P-3,group,learning,40
CSV
run import consultations "$T/consultations.csv"
cat >"$T/obs.csv" <<'CSV'
date,teacher,group,subject,area,observer,crit_1_1,crit_2_3,crit_4_6,recommendations,status
2024-10-02,Jānis Bērziņš,T-21,Šūšana,Tekstils,Ilze Ozola,1,0,1,content,final
2024-10-09,Rita Zvirbule,B-22,Būvdarbi,"Mehānika, Būvniecība, Galdniecība",Ilze Ozola,1,1,0,,final
2024-10-16,Rita Zvirbule,B-22,Būvdarbi,unknown,Ilze Ozola,1,1,1,,final
CSV
# an area the school named "unknown" is its own text, not translated
run import observations "$T/obs.csv"
run summary --year 2024 --lang lv
run summary --year 2024 --lang en
note "the CSV keeps its keys and three decimals"
"$SKOLA_BIN" summary --year 2024 --format csv |
    grep -E '^(school_code|[^,]*,2024,(consultations\.hours|devices\.age|staff\.digcompedu|staff\.support_per|observations\.criterion,2\.3|observations\.section_all,2),)' >>"$ACTUAL"

# The demo school in both languages: the checks print what they find.
"$SKOLA_BIN" --db "$T/demo.db" demo >/dev/null
for lang in lv en; do
    "$SKOLA_BIN" --db "$T/demo.db" summary --lang $lang >"$T/demo-$lang.txt"
    note "demo, --lang $lang: $(wc -l <"$T/demo-$lang.txt") lines, widest $(wc -L <"$T/demo-$lang.txt") columns"
    note "  lines wider than 80 columns:"
    awk 'length($0) > 80' "$T/demo-$lang.txt" | while IFS= read -r l; do
        [ "$(printf '%s' "$l" | wc -L)" -gt 80 ] && note "    $l"
    done
    note "  raw keys as labels (unknown, <3, 3-5, >=5, choice keys, bare criterion codes):"
    grep -nE '^  (unknown|<3|3-5|>=5|-|[a-z]+_[a-z_]+|laptop|desktop|teacher|individual|[0-9]+\.[0-9]+|[0-9]+) +[0-9n]' \
        "$T/demo-$lang.txt" | sed 's/^/    /' >>"$ACTUAL"
    note "  hours with more than one decimal:"
    sed -n '/hours\]/,/^$/p' "$T/demo-$lang.txt" | grep -E '[0-9][.,][0-9]{2}' | sed 's/^/    /' >>"$ACTUAL"
    note "  trailing spaces: $(grep -c ' $' "$T/demo-$lang.txt")"
done
finish

#!/usr/bin/env bash
# skola's own exports import again, whatever prose the multi-line fields
# hold: commas followed by a space, decimal commas, commas without a space,
# "quotes" and lines that end in a comma, in the middle and last columns of
# every kind (assessments and templates have 4 columns, vacancies 5,
# priorities 6). A demo school gets such text (through sqlite3), every kind is
# exported, imported into a fresh file and exported again: byte-identical
# (trainings: the same lines; the demo inserts them in another order).
# The criteria template goes through sqlite3's CSV writer and `templates
# import`. The same through the excel profile (";", Latvian labels).
. "$(dirname "$0")/../lib/cli.sh"
S="$SKOLA_BIN"

run demo
# Three texts, chosen by row id; the second and third end with tight commas
# on their closing line (the shape of the first cell tells them from a
# swallowed record).
P1="'Sadarbība:' || char(10) || 'skolotāji, vecāki, skolēni, administrācija' || char(10) || 'regulāri'"
P2="'Mērķis:' || char(10) || '60,5%, 70,2% un 80,1%;' || char(10) || 'skolotāji,vecāki'"
P3="'Kā \"ēnā\" teikts,' || char(10) || 'Matemātika,fizika,ķīmija'"
pick() { printf "(case id %% 3 when 0 then %s when 1 then %s else %s end)" "$P1" "$P2" "$P3"; }
sqlite3 "$SKOLA_DB" "
  update assessment set strengths = $(pick), development_needs = $(pick);
  update priority set qualitative_targets = $(pick), quantitative_targets = $(pick), result = $(pick);
  update vacancy set notes = $(pick);
  update device set notes = $(pick);
  update consultation set notes = $(pick);
  update observation set comment_1 = $(pick), comment_2 = $(pick), comment_3 = $(pick),
    comment_4 = $(pick), improvements = $(pick), recommendations = $(pick);
  update observation_criterion set text = text || ',' || char(10) || 'skolēni, skolotāji' where id % 2 = 0;
" || note "sqlite3 failed"
run check --repair
code=$(sqlite3 "$SKOLA_DB" "select code from school")
tpl=$(sqlite3 "$SKOLA_DB" "select code from observation_template")
sqlite3 -header -csv "$SKOLA_DB" "select section_no, section_name, code as criterion_code,
  text as criterion_text from observation_criterion order by position" >"$T/template.csv"

KINDS="staff trainings vacancies devices consultations observations assessments priorities school-years"
mkdir -p "$T/a" "$T/b"
for k in $KINDS; do "$S" export "$k" "$T/a/$k.csv" >/dev/null 2>&1; done
note "multi-line cells with commas: $(cat "$T"/a/*.csv | tr -d '\r' | grep -c '^skolotāji, vecāki, skolēni, administrācija$')"

export SKOLA_DB="$T/fresh.db"
run init --school-code "$code" --school-name "Liepājas Valsts tehnikums"
run templates import "$T/template.csv" --code "$tpl-PROSE" --name "Demo"
for k in $KINDS; do
    run import "$k" "$T/a/$k.csv" --dry-run
    run import "$k" "$T/a/$k.csv"
done
for k in $KINDS; do "$S" export "$k" "$T/b/$k.csv" >/dev/null 2>&1; done
for k in $KINDS; do
    if cmp -s "$T/a/$k.csv" "$T/b/$k.csv"; then
        note "$k: exported again byte-identical"
    elif cmp -s <(sort "$T/a/$k.csv") <(sort "$T/b/$k.csv"); then
        note "$k: exported again with the same lines in another order"
    else
        note "$k: DIFFERS"
        diff "$T/a/$k.csv" "$T/b/$k.csv" | head -5 >>"$ACTUAL"
    fi
done

# the same through the excel profile (';', Latvian labels such as
# "Vārds, uzvārds" left unquoted, decimal commas, CRLF, BOM)
mkdir -p "$T/x" "$T/c"
for k in $KINDS; do "$S" export "$k" "$T/x/$k.csv" --profile excel >/dev/null 2>&1; done
note "staff header (excel): $(head -1 "$T/x/staff.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//' | cut -d';' -f1-5)"
export SKOLA_DB="$T/fresh-excel.db"
run init --school-code "$code" --school-name "Liepājas Valsts tehnikums"
for k in $KINDS; do run import "$k" "$T/x/$k.csv"; done
for k in $KINDS; do "$S" export "$k" "$T/c/$k.csv" >/dev/null 2>&1; done
for k in $KINDS; do
    if cmp -s <(sort "$T/a/$k.csv") <(sort "$T/c/$k.csv"); then
        note "$k: excel profile read back to the same data"
    else
        note "$k: DIFFERS after the excel profile"
        diff "$T/a/$k.csv" "$T/c/$k.csv" | head -5 >>"$ACTUAL"
    fi
done
# the tester's texts (N1a): lines that look like records but for their
# line breaks, which skola writes unlike its record ends (rfc4180: records
# LF, in-cell CRLF; excel: records CRLF, in-cell LF); typed in (here: an
# Excel-style file, records CRLF, in-cell LF), exported in both profiles,
# each imported into a fresh file: the same data
mkdir -p "$T/n1"
export SKOLA_DB="$T/n1.db"
run init --school-code "$code" --school-name "Liepājas Valsts tehnikums"
printf 'year,indicator_code,strengths,development_needs\r\n2025,2.5.1,"Plāns:\n2024,sanāksme,aprīlī\n2025,sanāksme,maijā",x\r\n2024,2.5.1,"Skolēnu skaits pa gadiem:\n2023,2024,2025,2026\n410,420,430,440",y\r\n2023,2.5.1,"Skaits:\n2024,12,5,8\nKopā 25",z\r\n2022,2.5.1,"Gadi:\r\n2023;2024;2025;2026\r\nbeigas",x\r\n' >"$T/n1/typed.csv"
run import assessments "$T/n1/typed.csv"
"$S" export assessments "$T/n1/a.csv" >/dev/null 2>&1
for p in rfc4180 excel; do
    "$S" export assessments "$T/n1/$p.csv" --profile $p >/dev/null 2>&1
    export SKOLA_DB="$T/n1-$p.db"
    run init --school-code "$code" --school-name "Liepājas Valsts tehnikums"
    run import assessments "$T/n1/$p.csv"
    "$S" export assessments "$T/n1/$p-again.csv" >/dev/null 2>&1
    if cmp -s "$T/n1/a.csv" "$T/n1/$p-again.csv"; then
        note "N1a texts, $p profile: the same data in the fresh file"
    else
        note "N1a texts, $p profile: DIFFERS"
        diff "$T/n1/a.csv" "$T/n1/$p-again.csv" | head -5 >>"$ACTUAL"
    fi
    export SKOLA_DB="$T/n1.db"
done
finish

#!/usr/bin/env bash
# forget-person replaces the name in ordinary sentences (a capitalised word
# before it, a place after it, ALL CAPS) and skips it only inside another
# known person's longer name; twin staff records (the same name inserted
# by sqlite3 in NFD or with a no-break space) are all forgotten; after a
# real run a hint names the forms it does not replace.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
printf 'full_name,role\nMāra Liepiņa,teacher\nAnna Māra Liepiņa,teacher\n' >"$T/staff.csv"
run import staff "$T/staff.csv"
printf 'inventory_no,category,status,notes\nS-1,laptop,in_use,Vakar Māra Liepiņa paņēma.\nS-2,laptop,in_use,MĀRA LIEPIŅA RĪGĀ\nS-3,laptop,in_use,Datoru paņēma Māra Liepiņa Rīgā.\nS-4,laptop,in_use,Anna Māra Liepiņa un Māra Liepiņa\nS-5,laptop,in_use,ANNA MĀRA LIEPIŅA\n' >"$T/dev.csv"
run import devices "$T/dev.csv"
MASK='s/Persona-[0-9a-f]*/Persona-XXXX/g' run forget-person 'Māra Liepiņa'
note "notes: $(sqlite3 "$SKOLA_DB" "SELECT inventory_no || ': ' || notes FROM device ORDER BY inventory_no" |
    sed 's/Persona-[0-9a-f]*/Persona-XXXX/g')"
note "staff: $(sqlite3 "$SKOLA_DB" "SELECT full_name FROM staff ORDER BY id" |
    sed 's/Persona-[0-9a-f]*/Persona-XXXX/g')"

note "# twins inserted by sqlite3: NFD and NBSP"
liga=$(printf 'L\xc4\xabga \xc5\xaadre')
liga_nfd=$(printf 'Li\xcc\x84ga U\xcc\x84dre')
liga_nbsp=$(printf 'L\xc4\xabga\xc2\xa0\xc5\xaadre')
printf 'full_name,role\n%s,teacher\n' "$liga" >"$T/liga.csv"
run import staff "$T/liga.csv"
sqlite3 "$SKOLA_DB" "INSERT INTO staff (school_id, full_name, role, uid) SELECT id, '$liga_nfd', 'teacher', $SQL_UID FROM school;
  INSERT INTO staff (school_id, full_name, role, uid) SELECT id, '$liga_nbsp', 'teacher', $SQL_UID FROM school;"
MASK='s/Persona-[0-9a-f]*/Persona-XXXX/g;s/staff record [0-9]*/staff record N/' run forget-person "$liga"
left=$(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM staff WHERE full_name LIKE '%dre%'")
note "staff records still naming her: $left"
finish

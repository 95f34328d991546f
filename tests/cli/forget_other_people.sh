#!/usr/bin/env bash
# forget-person forgets one person on record and no one else: "Anna Māra
# Liepiņa" and "Māra Liepiņa Ozola" (other staff, with trainings) keep
# every record and audit row byte for byte; her name is found in other
# capitals and across a line break or tab; a word that is no person
# ("in_use", a JSON key) is refused and changes nothing.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
printf 'full_name,role\nMāra Liepiņa,teacher\nAnna Māra Liepiņa,teacher\nMāra Liepiņa Ozola,teacher\n' >"$T/staff.csv"
run import staff "$T/staff.csv"
printf 'staff,date,title,hours\nAnna Māra Liepiņa,2025-01-10,Digitālās prasmes,6\nMāra Liepiņa Ozola,2025-01-11,Digitālās prasmes,6\n' >"$T/tr.csv"
run import trainings "$T/tr.csv"
printf 'inventory_no,category,status,notes\nM-1,laptop,in_use,"MĀRA LIEPIŅA nodeva; māra liepiņa\tMāra\nLiepiņa"\n' >"$T/dev.csv"
run import devices "$T/dev.csv"

# everything but her staff record and the device naming her
others() {
    sqlite3 "$SKOLA_DB" "SELECT * FROM staff WHERE id <> $mara ORDER BY id;
      SELECT * FROM training ORDER BY id;
      SELECT id, kind, record_id, action, field, old_value, new_value FROM audit
       WHERE NOT (kind = 'staff' AND record_id = $mara) AND NOT (kind = 'devices' AND record_id = $dev)
       ORDER BY id;" | sha256sum
}
mara=$(sqlite3 "$SKOLA_DB" "SELECT id FROM staff WHERE full_name = 'Māra Liepiņa'")
dev=$(sqlite3 "$SKOLA_DB" "SELECT id FROM device WHERE inventory_no = 'M-1'")
all=$(sqlite3 "$SKOLA_DB" "SELECT * FROM audit ORDER BY id" | sha256sum)

note "# words that are nobody are refused; nothing changes"
run forget-person in_use
run forget-person --dry-run laptop
run forget-person inventory_no
[ "$(sqlite3 "$SKOLA_DB" "SELECT * FROM audit ORDER BY id" | sha256sum)" = "$all" ] &&
    note "audit unchanged" || note "AUDIT CHANGED"

note "# her name without diacritics: only she is forgotten"
before=$(others)
MASK='s/Persona-[0-9a-f]*/Persona-XXXX/g' run forget-person 'mara liepina'
[ "$(others)" = "$before" ] && note "other people's records and audit rows: byte-identical" ||
    note "OTHER PEOPLE CHANGED"
note "device notes: $(sqlite3 "$SKOLA_DB" "SELECT notes FROM device WHERE id = $dev" |
    sed 's/Persona-[0-9a-f]*/Persona-XXXX/g' | tr '\t\n' '~|')"
note "staff: $(sqlite3 "$SKOLA_DB" "SELECT group_concat(full_name, ' / ') FROM staff" |
    sed 's/Persona-[0-9a-f]*/Persona-XXXX/g')"
note "audit rows still naming Māra Liepiņa alone: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM audit
  WHERE replace(replace(coalesce(old_value,'') || coalesce(new_value,''), 'Anna Māra Liepiņa', ''),
        'Māra Liepiņa Ozola', '') LIKE '%Liepi%'")"
finish

#!/usr/bin/env bash
# skola merge, the black-box report's findings (attack14): a copy whose
# schema differs is refused; references are carried by the referenced
# record's uid, never by name; a later merge of the same copy sees no
# false conflict (the base moves forward with each merge).
. "$(dirname "$0")/../lib/cli.sh"
uid_of() { "$SKOLA_BIN" --db "$1" export "$2" | grep ",$3," | cut -d, -f1; }
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-clean.csv"
run import devices "$DATA/devices-clean.csv"
run import consultations "$DATA/consultations-clean.csv"
cp "$SKOLA_DB" "$T/base.db"
reset() { cp "$T/base.db" "$SKOLA_DB"; rm -f "$T"/lap.db*; "$SKOLA_BIN" backup "$T/lap.db" >/dev/null; }
U1=$(uid_of "$SKOLA_DB" devices LVT-0001)

note "# 4: a copy missing a column (or a table) is refused, nothing merged"
reset
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Klase 12\n' "$U1" >"$T/d.csv"
run --db "$T/lap.db" import devices "$T/d.csv" --mode upsert
sqlite3 "$T/lap.db" "ALTER TABLE device DROP COLUMN notes"
run merge "$T/lap.db"
note "LVT-0001 room here: $("$SKOLA_BIN" export devices | grep ',LVT-0001,' | cut -d, -f14)"
reset
sqlite3 "$T/lap.db" "DROP TABLE loan"
run merge "$T/lap.db"

note "# 1: a reference follows the record's uid: the consultant renamed here, a new person"
note "# with her old name, the consultation edited in the copy"
reset
S=$(uid_of "$SKOLA_DB" staff "Anna Kalniņa")
printf 'uid,full_name,role\n%s,Anna Ozola,psychologist\n' "$S" >"$T/r.csv"
run import staff "$T/r.csv" --mode upsert
"$SKOLA_BIN" --db "$T/lap.db" export consultations | head -1 >"$T/c.csv"
"$SKOLA_BIN" --db "$T/lap.db" export consultations | grep ',Anna Kalniņa,' | head -1 |
    sed 's/,40,/,55,/' >>"$T/c.csv"
run --db "$T/lap.db" import consultations "$T/c.csv" --mode upsert
printf 'full_name,role\nAnna Kalniņa,teacher\n' >"$T/n.csv"
run import staff "$T/n.csv"
run merge "$T/lap.db"
run export consultations
note "# a person deleted here, a new consultation naming her in the copy: refused, named"
reset
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes\n2024-11-16,Jānis Bērziņš,pupil,P-050,individual,learning,30\n' >"$T/lc.csv"
run --db "$T/lap.db" import consultations "$T/lc.csv"
sqlite3 "$SKOLA_DB" "DELETE FROM staff WHERE full_name = 'Jānis Bērziņš'"
run merge "$T/lap.db" --prefer other

note "# 2: a change taken from the copy, then changed again here: merging the copy again"
note "# sees no conflict and keeps this file's newer value"
reset
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Copy\n' "$U1" >"$T/a.csv"
run --db "$T/lap.db" import devices "$T/a.csv" --mode upsert
run merge "$T/lap.db"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Here later\n' "$U1" >"$T/b.csv"
run import devices "$T/b.csv" --mode upsert
run merge "$T/lap.db"
run merge "$T/lap.db" --prefer other
note "LVT-0001 room here: $("$SKOLA_BIN" export devices | grep ',LVT-0001,' | cut -d, -f14)"
note "# a later change of another record in the copy is taken; LVT-0001 stays"
U2=$(uid_of "$SKOLA_DB" devices LVT-0002)
printf 'uid,inventory_no,category,room\n%s,LVT-0002,laptop,Copy later\n' "$U2" >"$T/a2.csv"
run --db "$T/lap.db" import devices "$T/a2.csv" --mode upsert
run merge "$T/lap.db"
note "rooms here: $("$SKOLA_BIN" export devices | grep ',LVT-000[12],' | cut -d, -f14 | tr '\n' ' ')"
note "# changed on both sides since the last merge: a true conflict"
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Copy again\n' "$U1" >"$T/a3.csv"
run --db "$T/lap.db" import devices "$T/a3.csv" --mode upsert
run merge "$T/lap.db"

note "# 7: a copy of the copy made with cp, changed on its own after the first was merged:"
note "# its audit rows come with its change"
reset
cp "$T/lap.db" "$T/lapcp.db"
U3=$(uid_of "$SKOLA_DB" devices LVT-0003)
U4=$(uid_of "$SKOLA_DB" devices LVT-0004)
printf 'uid,inventory_no,category,room\n%s,LVT-0003,desktop,First copy\n' "$U3" >"$T/f.csv"
run --db "$T/lap.db" import devices "$T/f.csv" --mode upsert
run merge "$T/lap.db"
printf 'uid,inventory_no,category,room\n%s,LVT-0004,projector,Second copy\n' "$U4" >"$T/g.csv"
run --db "$T/lapcp.db" import devices "$T/g.csv" --mode upsert
run merge "$T/lapcp.db"
run history devices LVT-0004
run merge "$T/lapcp.db"

note "# 9: a uid another program changed in the copy is refused, the record named"
reset
sqlite3 "$T/lap.db" "UPDATE device SET uid = 'xyz' WHERE inventory_no = 'LVT-0002'"
run merge "$T/lap.db"
reset
sqlite3 "$T/lap.db" "UPDATE device SET uid = 'ABCDEF01-2345-7678-89AB-CDEF01234567' WHERE inventory_no = 'LVT-0005'"
run merge "$T/lap.db"
note "devices here: $("$SKOLA_BIN" export devices | grep -c ',LVT-')"

note "# 3: a person forgotten here after the copy was taken: the copy names her in a device's"
note "# notes and in its audit rows, and changed her e-mail; the merge brings none of it back"
reset
printf 'uid,inventory_no,category,room,notes\n%s,LVT-0001,laptop,Klase 12,Izsniegts: Anna Kalniņa\n' "$U1" >"$T/e.csv"
run --db "$T/lap.db" import devices "$T/e.csv" --mode upsert
printf 'uid,full_name,role,email\n%s,Anna Kalniņa,psychologist,anna@example.lv\n' "$S" >"$T/s.csv"
run --db "$T/lap.db" import staff "$T/s.csv" --mode upsert
"$SKOLA_BIN" forget-person "Anna Kalniņa" >/dev/null
run merge "$T/lap.db" --prefer other
note "LVT-0001 notes: $("$SKOLA_BIN" export devices | grep ',LVT-0001,' | grep -o 'Izsniegts: [^,]*' | sed 's/Persona-[0-9a-f]*/Persona-…/')"
note "the name anywhere in the file: $(sqlite3 "$SKOLA_DB" .dump | grep -c 'Kalniņa')"
note "the name in the file's bytes (old pages, log): $(cat "$SKOLA_DB" "$SKOLA_DB-wal" 2>/dev/null | grep -ac 'Kalniņa')"
note "staff e-mail back: $(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM staff WHERE email = 'anna@example.lv'")"

note "# minor: different fields of one record changed on each side: no conflict, both kept"
reset
printf 'uid,inventory_no,category,room\n%s,LVT-0002,laptop,Copy room\n' "$U2" >"$T/h1.csv"
run --db "$T/lap.db" import devices "$T/h1.csv" --mode upsert
printf 'uid,inventory_no,category,room,notes\n%s,LVT-0002,laptop,Bibliotēka,Here note\n' "$U2" >"$T/h2.csv"
run import devices "$T/h2.csv" --mode upsert
run merge "$T/lap.db"
note "LVT-0002 room and notes: $("$SKOLA_BIN" export devices | grep ',LVT-0002,' | grep -o 'Copy room\|Here note' | tr '\n' ' ')"
run history devices LVT-0002
run merge "$T/lap.db"
finish

#!/usr/bin/env bash
# skola merge (issue 14 §4): a copy made with `skola backup`, changed
# elsewhere, merged back by uid: records only in the copy are added, a
# record changed on one side keeps that change, a deletion on one side is
# taken, a record changed on both sides (or deleted on one, changed on the
# other) is a conflict that stops the merge until --prefer decides; the
# copy's audit rows come along with their login and time; a second merge
# changes nothing; another school's file and a file not copied from this
# one are refused.
. "$(dirname "$0")/../lib/cli.sh"
L="$T/laptop.db"
uid_of() { "$SKOLA_BIN" --db "$1" export "$2" | grep ",$3," | cut -d, -f1; }
count() { sqlite3 "$SKOLA_DB" "$1"; }
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/staff-clean.csv"
run import devices "$DATA/devices-clean.csv"
run import consultations "$DATA/consultations-clean.csv"
run backup "$L"
U1=$(uid_of "$SKOLA_DB" devices LVT-0001)
U2=$(uid_of "$SKOLA_DB" devices LVT-0002)
U3=$(uid_of "$SKOLA_DB" devices LVT-0003)
U4=$(uid_of "$SKOLA_DB" devices LVT-0004)
U5=$(uid_of "$SKOLA_DB" devices LVT-0005)

note "# in the copy, a day later: an edit, a new person and a consultation naming her, a new device,"
note "# LVT-0003 edited (also edited here), LVT-0004 and LVT-0005 deleted (LVT-0005 edited here)"
export SKOLA_NOW=2024-11-16T09:00:00Z
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Klase 12\n%s,LVT-0003,desktop,Klase 3\n,LVT-0100,tablet,Klase 1\n' \
    "$U1" "$U3" >"$T/laptop-devices.csv"
run --db "$L" import devices "$T/laptop-devices.csv" --mode upsert
printf 'full_name,role\nLīga Jaunā,psychologist\n' >"$T/laptop-staff.csv"
run --db "$L" import staff "$T/laptop-staff.csv"
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes\n2024-11-16,Līga Jaunā,pupil,P-050,individual,learning,30\n' >"$T/laptop-cons.csv"
run --db "$L" import consultations "$T/laptop-cons.csv"
sqlite3 "$L" "DELETE FROM device WHERE uid IN ('$U4', '$U5')"
# the deputy's own login on the laptop (the tests run as one user)
sqlite3 "$L" "UPDATE audit SET os_user = 'inese' WHERE at LIKE '2024-11-16%'"

note "# here, meanwhile: LVT-0002, LVT-0003 and LVT-0005 edited"
export SKOLA_NOW=2024-11-16T10:00:00Z
printf 'uid,inventory_no,category,room\n%s,LVT-0002,laptop,Bibliotēka 2\n%s,LVT-0003,desktop,Kabinets 7\n%s,LVT-0005,tablet,Noliktava\n' \
    "$U2" "$U3" "$U5" >"$T/host-devices.csv"
run import devices "$T/host-devices.csv" --mode upsert
export SKOLA_NOW=2024-11-17T08:00:00Z
before=$(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM audit")

run merge "$L" --dry-run
# in Latvian the conflicting field is named by its label
run --lang lv merge "$L" --dry-run
run merge "$L"
note "nothing changed by the refused merge: $([ "$(count 'SELECT count(*) FROM audit')" = "$before" ] && echo yes || echo NO)"
run merge "$L" --prefer other
# a record the merge deleted: its history by natural key and by uid
ME=$(id -un)
MASK="s/  $ME  /  LOGIN  /; s/ by $ME\$/ by LOGIN/; s/; dzēsa $ME\$/; dzēsa LOGIN/; s/ veica $ME\$/ veica LOGIN/"
run history devices LVT-0004
run --lang lv history devices "$U4"
MASK=
run check
run export devices
run export consultations
note "# the copy's audit rows, with their login and time (and the merge's own rows)"
sqlite3 -separator ' | ' "$SKOLA_DB" "SELECT at, os_user, kind, action, field, ifnull(new_value, '') FROM audit
    WHERE at >= '2024-11-16T09' ORDER BY id" | sed 's/{.*}/{…}/' >>"$ACTUAL"
note "# merged again: nothing changes"
before=$(count "SELECT count(*) FROM audit")
run merge "$L"
note "audit rows added: $(($(count 'SELECT count(*) FROM audit') - before))"

note "# --prefer this: the copy's change is not taken, and not asked again"
run backup "$T/second.db"
U0=$(uid_of "$SKOLA_DB" devices LVT-0001)
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Copy\n' "$U0" >"$T/c.csv"
run --db "$T/second.db" import devices "$T/c.csv" --mode upsert
printf 'uid,inventory_no,category,room\n%s,LVT-0001,laptop,Here\n' "$U0" >"$T/h.csv"
run import devices "$T/h.csv" --mode upsert
run merge "$T/second.db" --prefer this
run merge "$T/second.db"
note "LVT-0001 room: $("$SKOLA_BIN" export devices | grep ',LVT-0001,' | cut -d, -f14)"

note "# the same inventory number added on both sides: named, nothing merged"
run backup "$T/third.db"
printf 'inventory_no,category\nDUP-1,laptop\n' >"$T/dup.csv"
run --db "$T/third.db" import devices "$T/dup.csv"
run import devices "$T/dup.csv"
run merge "$T/third.db"
note "DUP-1 records here: $("$SKOLA_BIN" export devices | grep -c ',DUP-1,')"

note "# refused: another school's file, a file of this school not copied from this one, the file itself"
run init --db "$T/other.db" --school-code T2 --school-name "Cita skola"
run merge "$T/other.db"
run init --db "$T/fresh.db" --school-code T1 --school-name "Testa skola"
run merge "$T/fresh.db"
run merge "$SKOLA_DB"
run merge "$T/none.db"
run merge
run merge "$L" --prefer both
finish

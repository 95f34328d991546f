#!/usr/bin/env bash
# Text that looks the same is stored the same: every text is NFC, keys and
# names have plain single spaces (NBSP, U+2002, doubled spaces made one) and
# refuse what looks like nothing (U+FE0F, tag characters, U+3164, U+2800,
# U+2028); so twins such as "B2" and "B2\ufe0f", or "Anna Ozola" with a
# no-break space, cannot both exist. An NFD file (from a Mac) matches the
# stored NFC records: same staff, duplicates skipped. forget-person finds a
# name stored (by older versions or another program) in NFD or with NBSP.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"

note "# staff names differing only in their spaces: one person"
printf 'full_name,role\nAnna Ozola,teacher\nAnna\xc2\xa0Ozola,teacher\nAnna  Ozola,teacher\nZane Liepa,teacher\nZane\xe2\x80\x82Liepa,teacher\n' >"$T/st.csv"
run import staff "$T/st.csv"
printf 'full_name,role\nAnna\xc2\xa0Ozola,teacher\nZane\xe2\x80\x82\xe2\x80\x8aLiepa ,teacher\n' >"$T/st2.csv"
run import staff "$T/st2.csv"
printf 'full_name,role\nAnna Ozola,psychologist\n' >"$T/st3.csv"
run import staff "$T/st3.csv"
run export staff

note "# keys that all look like B2"
printf 'inventory_no,category,status\nB2,laptop,in_use\nB2\xef\xb8\x8f,laptop,in_use\nB2\xf3\xa0\x80\x81,laptop,in_use\nB2\xe3\x85\xa4,laptop,in_use\nB2\xe2\xa0\x80,laptop,in_use\nB2\xe2\x80\xa8,laptop,in_use\nB2\xe2\x80\x8a,laptop,in_use\n' >"$T/b.csv"
run import devices "$T/b.csv"
printf 'inventory_no,category,status,notes\nB2\xe2\x80\x8a,laptop,in_use,"one\xe2\x80\xa8two"\n' >"$T/b1.csv"
run import devices "$T/b1.csv"
run export devices

note "# NFC and NFD spellings of one name: one person, and the same"
note "# consultations in NFD are duplicates of the NFC ones"
nfc=$(printf 'Ilga \xc4\xb6\xc4\x93ni\xc5\x86a')
nfd=$(printf 'Ilga K\xcc\xa7e\xcc\x84nin\xcc\xa7a')
printf 'full_name,role\n%s,teacher\n' "$nfc" >"$T/nfc-staff.csv"
printf 'full_name,role\n%s,teacher\n' "$nfd" >"$T/nfd-staff.csv"
run import staff "$T/nfc-staff.csv"
run import staff "$T/nfd-staff.csv"
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes,notes\n2024-09-12,%s,pupil,P-1,individual,learning,30,%s runā\n' "$nfc" "$nfc" >"$T/nfc.csv"
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes,notes\n2024-09-12,%s,pupil,P-1,individual,learning,30,%s runā\n' "$nfd" "$nfd" >"$T/nfd.csv"
run import consultations "$T/nfc.csv"
run import consultations "$T/nfd.csv"
run export consultations

note "# notes with NBSP, U+200B, a doubled space or a TAB for a space look the"
note "# same: duplicates of the stored row (N11); another word is a new row"
for sp in '\302\240' '\342\200\213' '  ' '\t'; do
    printf "date,consultant,recipient_kind,recipient,form,topic,minutes,notes\n2024-09-12,%s,pupil,P-1,individual,learning,30,%s${sp}runā\n" "$nfc" "$nfc" >"$T/sp.csv"
    run import consultations "$T/sp.csv"
done
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes,notes\n2024-09-12,%s,pupil,P-1,individual,learning,30,%s nerunā\n' "$nfc" "$nfc" >"$T/sp.csv"
run import consultations "$T/sp.csv"

note "# twins stored by an older version: the ambiguity names them visibly"
sqlite3 "$SKOLA_DB" "INSERT INTO staff (school_id, full_name, role, uid)
  SELECT id, 'Rita' || char(160) || 'Kalna', 'teacher', $SQL_UID FROM school;
  INSERT INTO staff (school_id, full_name, role, uid) SELECT id, 'Rita Kalna', 'teacher', $SQL_UID FROM school;"
printf 'date,consultant,recipient_kind,recipient,form,topic,minutes\n2024-09-13,rita kalna,pupil,P-2,individual,learning,30\n' >"$T/rita.csv"
run import consultations "$T/rita.csv"

note "# forget-person: the name stored in NFD and with NBSP is forgotten too"
mara=$(printf 'M\xc4\x81ra Liepi\xc5\x86a')
mara_nfd=$(printf 'Ma\xcc\x84ra Liepin\xcc\xa7a')
mara_nbsp=$(printf 'M\xc4\x81ra\xc2\xa0Liepi\xc5\x86a')
printf 'full_name,role\n%s,teacher\n' "$mara" >"$T/mara.csv"
run import staff "$T/mara.csv"
sqlite3 "$SKOLA_DB" "INSERT INTO device (school_id, inventory_no, category, status, assigned_to, notes, uid)
  SELECT id, 'M-1', 'laptop', 'in_use', '$mara_nfd',
         'A: $mara_nbsp; B: $mara_nfd; C: $mara; D: $mara-Ozola; E: Māra  Liepiņa', $SQL_UID FROM school;
  INSERT INTO device (school_id, inventory_no, category, status, assigned_to, notes, uid)
  SELECT id, 'M-2', 'laptop', 'in_use', '$mara_nbsp', 'only $mara_nfd here', $SQL_UID FROM school;"
MASK='s/Persona-[0-9a-f]*/Persona-XXXX/g' run forget-person "$mara_nfd"
note "after: $(sqlite3 "$SKOLA_DB" "SELECT assigned_to || ' | ' || notes FROM device WHERE inventory_no LIKE 'M-%'" |
    sed 's/Persona-[0-9a-f]*/Persona-XXXX/g')"
left=$(sqlite3 "$SKOLA_DB" "SELECT count(*) FROM device WHERE inventory_no LIKE 'M-%'
  AND (assigned_to LIKE '%Liepi%' OR replace(notes, '$mara-Ozola', '') LIKE '%Liepi%')")
note "records still naming her: $left"
finish

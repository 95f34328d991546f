#!/usr/bin/env bash
# The text rules depend on the field's type and role, never on the kind:
# a multi-line memo (assessments' strengths, priorities' targets, a
# device's notes) takes TAB and a ZWJ emoji (U+200D joins the family
# emoji: legitimate text); a single-line text (a device's model) refuses
# TAB but keeps the emoji; a key or name (a priority's name, a device's
# inventory number) refuses both, naming U+0009 / U+200D. The same text in
# every kind, imported one field at a time.
. "$(dirname "$0")/../lib/cli.sh"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
TAB=$(printf '\t')
FAM=$(printf 'ģimene \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7')
TXT="a${TAB}b"
# memo fields: both accepted, in three kinds
printf 'year,indicator_code,strengths\n2023,2.5.1,"%s %s"\n' "$TXT" "$FAM" >"$T/ass.csv"
run import assessments "$T/ass.csv" --mode upsert --multiline-ok
printf 'year,priority,qualitative_targets,status\n2023,Sadarbība,"%s %s",achieved\n' "$TXT" "$FAM" >"$T/pri.csv"
run import priorities "$T/pri.csv"
printf 'inventory_no,category,user_group,status,notes\nD-1,laptop,pupils,in_use,"%s %s"\n' "$TXT" "$FAM" >"$T/dev.csv"
run import devices "$T/dev.csv"
# single-line text: TAB refused, the emoji kept
printf 'inventory_no,category,user_group,status,model\nD-2,laptop,pupils,in_use,"%s"\n' "$TXT" >"$T/dev2.csv"
run import devices "$T/dev2.csv"
printf 'inventory_no,category,user_group,status,model\nD-3,laptop,pupils,in_use,"%s"\n' "$FAM" >"$T/dev3.csv"
run import devices "$T/dev3.csv"
# keys and names: both refused
printf 'year,priority,status\n2023,"%s",achieved\n' "$FAM" >"$T/pri2.csv"
run import priorities "$T/pri2.csv"
printf 'year,priority,status\n2023,"%s",achieved\n' "$TXT" >"$T/pri3.csv"
run import priorities "$T/pri3.csv"
printf 'inventory_no,category,user_group,status\n"D-%s",laptop,pupils,in_use\n' "$FAM" >"$T/dev4.csv"
run import devices "$T/dev4.csv"
# what was stored, TAB made visible
run export assessments
run export priorities
run export devices
sed -i "s/$TAB/<TAB>/g" "$ACTUAL"
finish

#!/usr/bin/env bash
# Forgiving imports: an unknown column ("Nr.p.k.") is a warning and its
# cells are not read (--strict makes it an error, the other errors of the
# file are still all reported); an empty cell of a field with a default
# takes it (status in_use); numbers with thousands separators are read
# where unambiguous ("1 099,00", "1 099.00", "1,099.00", "1.099,00", NBSP
# and narrow NBSP), "1,099" is an error with a hint; a value that is none of
# the choices names the closest one, under --lang lv with the Latvian field
# label and choice label. The excel export writes choices' labels in the
# user's language and reads back.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
printf 'Nr.p.k.;Inventāra nr.;Kategorija;Statuss;Iegādes vērtība\n1;F-1;laptop;;1 099,00\n2;F-2;laptop;in_use;1 099.00\n3;F-3;tablet;;"1,099.00"\n4;F-4;tablet;;1.099,00\n5;F-5;tablet;;1\xc2\xa0099,50\n6;F-6;tablet;;1\xe2\x80\xaf099\n7;F-7;desktop;Izsniegta;12 345,9\n' >"$T/supplier.csv"
run import devices "$T/supplier.csv" --dry-run
run import devices "$T/supplier.csv" --strict
run import devices "$T/supplier.csv"
run export devices
printf 'Nr.p.k.,inventory_no,category,status,purchase_cost\n1,G-1,laptop,Norakstīts,"1,099"\n2,G-2,laptopp,in_sue,"1,099.0.0"\n3,G-3,laptop,broken,"1.099"\n' >"$T/typos.csv"
run import devices "$T/typos.csv"
run --lang lv import devices "$T/typos.csv"
run --lang lv import devices "$T/typos.csv" --strict
# the excel profile names choices by their labels in the user's language,
# and such a file imports back to the same data in either language
for lang in lv en; do
    run --lang $lang export devices "$T/excel-$lang.csv" --profile excel
    show "$T/excel-$lang.csv"
    run --db "$T/back-$lang.db" init --school-code T2 --school-name "Otra skola"
    run --db "$T/back-$lang.db" import devices "$T/excel-$lang.csv"
    "$SKOLA_BIN" export devices "$T/before.csv" >/dev/null 2>&1
    "$SKOLA_BIN" --db "$T/back-$lang.db" export devices "$T/after.csv" >/dev/null 2>&1
    if cmp -s "$T/before.csv" "$T/after.csv"; then
        note "round trip (excel, $lang): the same data"
    else
        note "round trip (excel, $lang): DIFFERENT"
        diff "$T/before.csv" "$T/after.csv" >>"$ACTUAL"
    fi
done
# one separator before exactly three digits is ambiguous whatever the
# digits ("1,000" is no more 1.00 than 1000); two or more groups are whole
# thousands; "0,500" is no thousand
printf 'inventory_no,category,purchase_cost\nH-1,laptop,"1,000"\nH-2,laptop,"2,500"\nH-3,laptop,"10,000"\nH-4,laptop,1.000\nH-5,laptop,"100,000"\nH-6,laptop,"1,234,567"\n' >"$T/thousands.csv"
run import devices "$T/thousands.csv"
printf 'inventory_no,category,purchase_cost\nK-1,laptop,"1,000,000"\nK-2,laptop,1.000.000\nK-3,laptop,"0,500"\nK-4,laptop,"1 099,00"\nK-5,laptop,"1,099.00"\nK-6,laptop,"1.099,50"\nK-7,laptop,1.234.567\n' >"$T/groups.csv"
run import devices "$T/groups.csv"
sed -i '/^K-7/d' "$T/groups.csv"
run import devices "$T/groups.csv"
run export devices
# --mode upsert: an empty cell of a field with a default keeps the stored
# value (the default is for new records); a row that changes nothing is
# counted as unchanged, not updated
printf 'inventory_no,category,status\nK-1,laptop,broken\n' >"$T/broken.csv"
run import devices "$T/broken.csv" --mode upsert
printf 'inventory_no,category,status,purchase_cost\nK-1,laptop,,5\nK-2,laptop,,1000000\nK-3,laptop,in_use,"0,50"\nK-9,laptop,,1\n' >"$T/upsert.csv"
run import devices "$T/upsert.csv" --mode upsert
run --lang lv import devices "$T/upsert.csv" --mode upsert
run export devices
finish

#!/usr/bin/env bash
# Observation criteria templates from the user's side: the list (criteria,
# sheets, which one new sheets use), an import with every error as
# FILE:LINE:COLUMN (a malformed criterion code named as such; 5.1 in a new
# section 5 is fine; nothing written), a clean import as Latvian Excel writes
# it (BOM, ';', CRLF, columns in another order), choosing the template for
# new sheets, and sheets that keep the template they were filled with.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import staff "$DATA/observations-staff.csv"
run import observations "$DATA/observations-clean.csv"
run templates
run templates import "$DATA/templates-errors.csv" --code LVT-2025
run templates
run templates import "$DATA/templates-clean.csv" --code LVT-2025 --dry-run
# a school that has not chosen a template uses the newest: the new one
run templates import "$DATA/templates-clean.csv" --code LVT-2025 --name "LVT 2025./2026."
run templates
run templates use LVT-2023
run templates import "$DATA/templates-clean.csv" --code LVT-2026 --name "Vēl viena"
run templates import "$DATA/templates-clean.csv" --code LVT-2025
run templates use NAV-TADA
run templates use LVT-2025
# a sheet imported now gets the school's new template; the old ones keep theirs
cat >"$T/new.csv" <<'CSV'
date,teacher,group,subject,area,crit_1_1,crit_2_4,status
2024-11-12,Anna Ābele,T-21,Šūšana,Tekstils,1,0,final
CSV
run import observations "$T/new.csv"
"$SKOLA_BIN" export observations - | awk -F, 'NR > 1 { print $2 " " $NF }' >"$T/tpl.txt"
note "date template"
note "$(cat "$T/tpl.txt")"
run templates
run --lang lv templates
# usage errors
run templates import "$DATA/templates-clean.csv"
run templates frobnicate
run templates use
: >"$T/empty.csv"
run templates import "$T/empty.csv" --code E
printf 'kods,teksts\n1.1,Ievads\n' >"$T/header.csv"
run templates import "$T/header.csv" --code H
# template codes: unique but for case, and a safe set (defect 17, 13)
run templates import "$DATA/templates-clean.csv" --code lvt-2023
run templates import "$DATA/templates-clean.csv" --code 'LVT 2027'
run templates import "$DATA/templates-clean.csv" --code '../t'
# listing needs no write permission (defect 17)
chmod 0444 "$T/skola.db"
chmod 0555 "$T"
if [ "$(id -u)" = 0 ]; then
    # root may write anyway: run the listing as another user when possible
    if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        chmod 0755 "$T"; chmod 0755 "$T/home" 2>/dev/null
        chmod 0444 "$T/skola.db"
        out=$(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups env SKOLA_DB="$T/skola.db" "$SKOLA_BIN" templates 2>&1; echo "[exit $?]")
        note "templates as a read-only user:"
        printf '%s\n' "$out" | sed "s#$T#\$T#g" >>"$ACTUAL"
    else
        note "templates as a read-only user: (no setpriv; skipped)"
    fi
else
    run templates
fi
chmod 0755 "$T"
chmod 0600 "$T/skola.db"
finish

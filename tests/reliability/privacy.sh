#!/usr/bin/env bash
# Privacy and access: the database and its backups are 0600 in a 0700
# folder whatever the umask; the audit log names the OS user; the
# municipality package names nobody; `skola forget-person` removes a name
# from every record, every audit row and the bytes of the file.
. "$(dirname "$0")/../lib/reliability.sh"

# --- modes, at the default location, with a careless umask
umask 000
unset SKOLA_DB
expect_exit 0 "$SKOLA_BIN" demo
db="$XDG_DATA_HOME/skola/skola.db"
[ "$(stat -c %a "$XDG_DATA_HOME/skola")" = 700 ] || fail "the database folder is not 0700"
[ "$(stat -c %a "$db")" = 600 ] || fail "the database file is not 0600"
expect_exit 0 "$SKOLA_BIN" backup "$T/backup.db"
[ "$(stat -c %a "$T/backup.db")" = 600 ] || fail "the backup is not 0600"
expect_exit 0 "$SKOLA_BIN" export staff "$T/staff.csv"
[ "$(stat -c %a "$T/staff.csv")" = 600 ] || fail "an export with names is not 0600"
umask 022
export SKOLA_DB="$db"
DB="$db"

# --- the audit log records who
user=$(id -un)
printf 'inventory_no,category\nP-1,laptop\n' >"$T/p.csv"
expect_exit 0 "$SKOLA_BIN" import devices "$T/p.csv"
got=$(sqlite3 "$DB" \
    "SELECT DISTINCT os_user FROM audit WHERE kind = 'devices' AND record_id =
     (SELECT max(record_id) FROM audit WHERE kind = 'devices')")
[ "$got" = "$user" ] || fail "the audit log says “$got”, the OS user is “$user”"

# --- the municipality package names no one
tail -n +2 "$T/staff.csv" | cut -d, -f2 | # f1: the uid
     sed 's/^"//; s/"$//' | sort -u >"$T/names"
[ "$(wc -l <"$T/names")" -gt 10 ] || fail "the demo has too few staff to test with"
expect_exit 0 "$SKOLA_BIN" export-municipality "$T/package" --year 2023
[ -s "$T/package/manifest.json" ] || fail "no manifest.json in the package"
if grep -rFf "$T/names" "$T/package"; then fail "the municipality package names a person"; fi
grep -rqiE '@[a-z0-9.-]+\.lv' "$T/package" && fail "the municipality package holds an e-mail address"

# --- forget-person: pick a teacher with observations
victim=$("$SKOLA_BIN" export observations - | awk -F, 'NR == 2 { print $3 }') # $1: the uid
[ -n "$victim" ] || fail "no observed teacher in the demo"
email=$(sqlite3 "$DB" "SELECT ifnull(email, '') FROM staff WHERE full_name = '$victim'")
folded=$(printf '%s' "$victim" | iconv -f UTF-8 -t ASCII//TRANSLIT | tr 'A-Z' 'a-z')
for k in $("$SKOLA_BIN" --help | sed -n '/^KIND:/{n;p}'); do
    "$SKOLA_BIN" export "$k" "$T/before-$k.csv" 2>/dev/null
done
expect_exit 0 "$SKOLA_BIN" forget-person "$victim" --dry-run
grep -q 'Nothing was changed' "$T/out" || fail "dry run did not say so"
"$SKOLA_BIN" export staff - | grep -qF "$victim" || fail "the dry run changed the data"

expect_exit 0 "$SKOLA_BIN" forget-person "$victim"
pseudo=$(sed -n 's/.* by \(Persona-[0-9a-f]*\):$/\1/p' "$T/out")
[ -n "$pseudo" ] || { cat "$T/out"; fail "no pseudonym reported"; }
grep -q 'Observations, field teacher' "$T/out" || { cat "$T/out"; fail "observations not reported"; }
for k in $("$SKOLA_BIN" --help | sed -n '/^KIND:/{n;p}'); do
    "$SKOLA_BIN" export "$k" "$T/after-$k.csv" >/dev/null || fail "export $k"
    grep -qF "$victim" "$T/after-$k.csv" && fail "$k still names $victim"
    [ -z "$email" ] || ! grep -qF "$email" "$T/after-$k.csv" || fail "$k still has $email"
    [ "$(wc -l <"$T/after-$k.csv")" -eq "$(wc -l <"$T/before-$k.csv")" ] ||
        fail "$k lost records"
done
grep -qF "$pseudo" "$T/after-staff.csv" || fail "the staff record has no pseudonym"
grep -qF "$pseudo" "$T/after-observations.csv" || fail "the observations lost their teacher"
for needle in "$victim" "$folded" ${email:+"$email"}; do
    if cat "$DB"* | grep -aqiF -- "$needle"; then fail "the file still holds “$needle”"; fi
done
check_db "$DB"
expect_exit 0 "$SKOLA_BIN" check
expect_exit 0 "$SKOLA_BIN" summary --year 2023

# a name that is nowhere: a clear message naming the closest, nothing changed
expect_exit 1 "$SKOLA_BIN" forget-person "Nezināms Cilvēks"
expect_err 'is not in this school'
echo ok

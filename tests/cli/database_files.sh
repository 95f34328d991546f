#!/usr/bin/env bash
# Where the database lives, its permissions, check, backup, and a file from
# a newer skola refused.
. "$(dirname "$0")/../lib/cli.sh"
unset SKOLA_DB
run export devices
run init --school-code T1 --school-name "Testa skola"
note "folder mode: $(stat -c %a "$XDG_DATA_HOME/skola")"
note "file mode: $(stat -c %a "$XDG_DATA_HOME/skola/skola.db")"
export SKOLA_DB="$XDG_DATA_HOME/skola/skola.db"
run import devices "$DATA/devices-clean.csv"
run check
run backup "$T/copy.db"
note "backup mode: $(stat -c %a "$T/copy.db")"
run --db "$T/copy.db" export devices --year 2020
run init --school-code T2 --school-name "Otra skola"
run export devices
run --school T2 export devices
run --school T9 export devices
printf 'not a database at all, just text\n%.0s' $(seq 200) >"$T/junk.db"
run --db "$T/junk.db" check
sqlite3 "$T/copy.db" 'PRAGMA user_version = 999;'
MASK='s/knows up to [0-9]*/knows up to (this version)/' run --db "$T/copy.db" check
finish

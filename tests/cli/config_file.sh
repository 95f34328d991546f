#!/usr/bin/env bash
# Which database skola opens without --db: SKOLA_DB, the per-user
# skola.conf, an existing per-user database, the system-wide skola.conf
# files ($XDG_CONFIG_DIRS, then /etc/skola), the per-user default path
# ("--school which" makes skola name the schools of the file it opened).
# Settings files: comments, BOM, CRLF, unknown keys warned, bad lines
# named by file:line and fatal. Every file lives under the temp dir.
. "$(dirname "$0")/../lib/cli.sh"
if [ -e /etc/skola/skola.conf ]; then
    echo "SKIP: this machine has /etc/skola/skola.conf, which every run without --db reads"
    exit 77
fi
unset SKOLA_DB
SYS1="$T/xdg1" SYS2="$T/xdg2"
mkdir -p "$SYS1/skola" "$SYS2/skola" "$XDG_CONFIG_HOME/skola" "$T/srv" "$T/srv two"
export XDG_CONFIG_DIRS="relative/dir:$SYS1:$SYS2"
conf() { # conf FILE LINES... — writes a settings file
    local f=$1
    shift
    printf '%s\n' "$@" >"$f"
}
note "# nothing configured: the per-user default"
run export devices
note "# the first system folder names nothing (a comment only), the second names the school's file"
conf "$SYS1/skola/skola.conf" "# the school's settings" ""
conf "$SYS2/skola/skola.conf" "  # shared file of the school" "db = $T/srv/skola.db"
run export devices
run init --school-code S1 --school-name "Kopīgā skola"
note "created: $(ls "$T/srv") per-user: $(ls "$XDG_DATA_HOME/skola" 2>/dev/null | wc -l)"
run --school which export devices
note "# the first system folder that names a database counts"
conf "$SYS1/skola/skola.conf" "db=$T/srv two/other.db"
run export devices
conf "$SYS1/skola/skola.conf" "# nothing here"
note "# the per-user settings file wins over the system-wide"
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = $T/mine.db"
run export devices
rm "$XDG_CONFIG_HOME/skola/skola.conf"
note "# an existing per-user database wins over the system-wide file"
run --db "$XDG_DATA_HOME/skola/skola.db" init --school-code P1 --school-name "Personīgā"
run export devices
note "# the per-user settings file wins over the existing per-user database"
printf '\xef\xbb\xbfdb = %s\r\n# CRLF and a BOM, as Notepad writes\r\n' "$T/srv/skola.db" \
    >"$XDG_CONFIG_HOME/skola/skola.conf"
run --school which export devices
note "# SKOLA_DB wins over the settings; an empty SKOLA_DB counts as unset; --db wins over SKOLA_DB"
SKOLA_DB="$T/env.db" run export devices
SKOLA_DB= run --school which export devices
SKOLA_DB="$T/env.db" run --db "$T/opt.db" export devices
note "# unknown settings are warned about, not fatal (a name that only starts with db too)"
conf "$XDG_CONFIG_HOME/skola/skola.conf" "dbx = /nowhere.db" "DB = /nowhere.db" "lang = lv" \
    " = value" "db = $T/srv/skola.db"
run --school which export devices
note "# wrong lines stop skola with the file and line"
conf "$XDG_CONFIG_HOME/skola/skola.conf" "# first" "db $T/srv/skola.db"
run export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = skola.db"
run export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db ="
run export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = $T/a.db" "" "db = $T/b.db"
run export devices
printf 'db = /x.db\0\n' >"$XDG_CONFIG_HOME/skola/skola.conf"
run export devices
note "# a path in quotes is taken without them; a lone quote is part of the name"
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = \"$T/srv/skola.db\""
run --school which export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = '$T/srv/skola.db'"
run --school which export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = $T/srv/skola.db\""
run export devices
conf "$XDG_CONFIG_HOME/skola/skola.conf" "db = \""
run export devices
note "# a bad system-wide file stops skola too, but --db and SKOLA_DB do not read it"
rm "$XDG_CONFIG_HOME/skola/skola.conf" "$XDG_DATA_HOME/skola/skola.db"
conf "$SYS2/skola/skola.conf" "[skola]" "db = $T/srv/skola.db"
run export devices
run --db "$T/srv/skola.db" --school which export devices
SKOLA_DB="$T/srv/skola.db" run --school which export devices
note "# a folder where the settings file should be is skipped with a warning"
rm "$SYS2/skola/skola.conf"
mkdir "$SYS2/skola/skola.conf"
conf "$SYS1/skola/skola.conf" "db = $T/srv/skola.db"
XDG_CONFIG_DIRS="$SYS2:$SYS1" run --school which export devices
note "# a folder named twice (once with a slash) is read once: one warning"
conf "$SYS1/skola/skola.conf" "colour = blue"
XDG_CONFIG_DIRS="$SYS1/:$SYS1://$SYS2" run --school which export devices
conf "$SYS1/skola/skola.conf" "db = $T/srv/skola.db"
note "# with XDG_CONFIG_DIRS unset the per-user default is used when /etc/xdg and /etc name nothing"
if [ ! -e /etc/xdg/skola/skola.conf ]; then
    (unset XDG_CONFIG_DIRS; run export devices)
else
    note "(skipped: this machine has /etc/xdg/skola/skola.conf)"
fi
finish

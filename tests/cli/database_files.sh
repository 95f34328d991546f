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
# --db naming a folder, or nothing, is said in words (defect 11)
mkdir -p "$T/somedir"
run --db "$T/somedir" init --school-code T3 --school-name "Trešā"
run --db "$T/somedir" summary
run --db "" summary
run --db "" init --school-code T3 --school-name "Trešā"
note "somedir still empty: $(ls -A "$T/somedir" | wc -l)"
# school codes and names (defect 13): trimmed, a safe set, unique but for case
run --db "$T/codes.db" init --school-code ' 123 ' --school-name '   '
run --db "$T/codes.db" init --school-code ' 123 ' --school-name ' Testa skola '
run --db "$T/codes.db" init --school-code 123 --school-name 'Otrā'
run --db "$T/codes.db" init --school-code 'x/../y' --school-name 'Ceļa skola'
run --db "$T/codes.db" init --school-code '.hidden' --school-name 'Punkta skola'
run --db "$T/codes.db" init --school-code 'A B' --school-name 'Atstarpes skola'
run --db "$T/codes.db" init --school-code 'Rīga-1' --school-name 'Rīgas skola'
run --db "$T/codes.db" init --school-code abc-1 --school-name 'Mazā'
run --db "$T/codes.db" init --school-code ABC-1 --school-name 'Lielā'
note "schools: $(sqlite3 "$T/codes.db" "SELECT group_concat('[' || code || '|' || name || ']', ' ') FROM school")"
# a code from an older file that holds a path never makes the report's file name a path
sqlite3 "$T/codes.db" "UPDATE school SET code = 'x/../y' WHERE code = 'abc-1'"
mkdir -p "$T/rep"
(cd "$T/rep" && run --db "$T/codes.db" --school 'x/../y' report --year 2025)
note "files in \$T/rep: $(cd "$T/rep" && ls | tr '\n' ' ')"
note "y-2025.html outside: $([ -e "$T/y-2025.html" ] && echo YES || echo no)"
# --db naming a device, FIFO, socket, symlink loop or a missing folder
# (second report, N5/N7): said in words, exit 2, nothing created
mkdir -p "$T/nodes"
mknod -m 666 "$T/nodes/mynull" c 1 3
mkfifo "$T/nodes/f.db"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$T/nodes/s.db"
ln -s loop2.db "$T/nodes/loop1.db"
ln -s loop1.db "$T/nodes/loop2.db"
run --db "$T/nodes/mynull" init --school-code T4 --school-name "Ceturtā"
run --db "$T/nodes/mynull" summary
run --db "$T/nodes/f.db" summary
run --db "$T/nodes/s.db" init --school-code T4 --school-name "Ceturtā"
run --db "$T/nodes/loop1.db" init --school-code T4 --school-name "Ceturtā"
run --db "$T/nodes/loop1.db" summary
run --db "$T/newdir/" init --school-code T4 --school-name "Ceturtā"
note "files in \$T/nodes: $(cd "$T/nodes" && ls | tr '\n' ' '), newdir made: $([ -e "$T/newdir" ] && echo YES || echo no)"
# --school finds a code whatever its case; codes like options or with dots refused (N12)
run --db "$T/codes.db" init --school-code abc-2 --school-name 'Mazā'
run --db "$T/codes.db" --school ABC-2 export school-years
run --db "$T/codes.db" --school Abc-2 export devices
run --db "$T/codes.db" init --school-code -x --school-name 'Mīnusa skola'
run --db "$T/codes.db" init --school-code 'x..' --school-name 'Punktu skola'
run --db "$T/codes.db" init --school-code 'x.' --school-name 'Punkta skola'
run --db "$T/codes.db" init --school-code 'a..b' --school-name 'Punktu skola'
run --db "$T/codes.db" init --school-code 'a.b' --school-name 'Punkta skola'
note "schools: $(sqlite3 "$T/codes.db" "SELECT group_concat(code, ' ') FROM school")"
finish

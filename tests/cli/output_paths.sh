#!/usr/bin/env bash
# Dangerous output paths (issue 12): no command writes its output over the
# database it works with or SQLite's files beside it (-wal, -shm, -journal),
# however the path is spelled (./, a symlink, dir/../, an absolute path), and
# consolidate's OUT never overlaps one of its packages. Each refusal writes
# nothing; names that only start like the database are written normally.
# Afterwards the database still opens and has its records.
. "$(dirname "$0")/../lib/cli.sh"
P="$DATA/package"
"$SKOLA_BIN" init --school-code OP-1 --school-name "Ceļu skola" >/dev/null
"$SKOLA_BIN" import school-years "$P/school-years.csv" >/dev/null
"$SKOLA_BIN" import devices "$P/devices.csv" >/dev/null
cp "$T/skola.db" "$T/before.db"
mkdir -p "$T/sub"
ln -s skola.db "$T/link.db"
ln -s "$T" "$T/dirlink"
fingerprint() { ls -la --time-style=+ "$T/skola.db" "$T"/skola.db-* 2>/dev/null | awk '{print $1, $NF}' | sed "s#$T#\$T#g"; }
leftovers() { note "temporary files left: $(find "$T" -name '*.tmp-*' | wc -l)"; }

note "export:"
run export devices "$T/skola.db"
run export devices "$T/skola.db-wal"
run export devices "$T/skola.db-shm"
run export devices "$T/skola.db-journal"
run export devices "$T/link.db"
run export devices "$T/sub/../skola.db"
run export devices "$T/dirlink/skola.db"
(cd "$T" && run export devices ./skola.db)
(cd "$T" && run export devices skola.db-wal)
(cd "$T/sub" && run export devices ../skola.db-journal)
run export devices --profile excel "$T/skola.db"
note "standard output appended to the database (>> skola.db):"
"$SKOLA_BIN" export devices >>"$T/skola.db" 2>"$T/err"
note "[exit $?] $(cat "$T/err")"
"$SKOLA_BIN" report --year 2023 -o - >>"$T/skola.db-wal" 2>"$T/err"
note "[exit $?] $(cat "$T/err")"
note "size unchanged: $([ "$(stat -c %s "$T/skola.db")" = "$(stat -c %s "$T/before.db")" ] && echo yes || echo NO)"
note "report:"
run report --year 2023 -o "$T/skola.db"
run report --year 2023 -o "$T/skola.db-wal"
(cd "$T" && run report --year 2023 --output ./link.db)
note "backup:"
run backup "$T/skola.db"
run backup "$T/skola.db-journal"
run backup "$T/link.db"
(cd "$T" && run backup ./skola.db-wal)
note "export-municipality whose file would be the database (a database named devices.csv):"
mkdir -p "$T/m"
"$SKOLA_BIN" --db "$T/m/devices.csv" init --school-code OP-2 --school-name "Otra" >/dev/null
run --db "$T/m/devices.csv" export-municipality "$T/m" --year 2023
run --db "$T/m/devices.csv" export-municipality "$T/sub/../m" --year 2023
note "files in \$T/m: $(cd "$T/m" && ls | tr '\n' ' ')"
note "a package folder or consolidate OUT named like the database's journal:"
run export-municipality "$T/skola.db-journal" --year 2023
run consolidate "$T/sub/../skola.db-journal" "$T/m"
note "exists: $([ -e "$T/skola.db-journal" ] && echo YES || echo no)"
note "consolidate:"
run export-municipality "$T/pkg" --year 2023
mkdir -p "$T/parent"
run export-municipality "$T/parent/pkg2" --year 2023
mkdir -p "$T/other" && cp -r "$T/pkg" "$T/other/pkg-copy"
sum_before=$(cat "$T"/pkg/* | sha256sum)
run consolidate "$T/pkg" "$T/pkg"
run consolidate "$T/sub/../pkg" "$T/pkg"
(cd "$T/pkg" && run consolidate . "$T/pkg")
run consolidate "$T/pkg/city" "$T/pkg"
run consolidate "$T/parent" "$T/parent/pkg2"
run consolidate "$T/dirlink/pkg" "$T/other" "$T/pkg"
note "consolidate whose file would be the database (a database named summary-excel.csv):"
mkdir -p "$T/c"
"$SKOLA_BIN" --db "$T/c/summary-excel.csv" init --school-code OP-3 --school-name "Trešā" >/dev/null
run --db "$T/c/summary-excel.csv" consolidate "$T/c" "$T/pkg"
note "files in \$T/c: $(cd "$T/c" && ls | tr '\n' ' ')"
note "package unchanged: $([ "$sum_before" = "$(cat "$T"/pkg/* | sha256sum)" ] && echo yes || echo NO)"
note "files in \$T/pkg: $(cd "$T/pkg" && ls | tr '\n' ' ')"
note "names that only start like the database are written:"
run export devices "$T/skola.db.csv"
run export devices "$T/skola.db-wal2"
run report --year 2023 -o "$T/skola.dbx"
run backup "$T/skola.db.bak"
note "exported rows: $(($(wc -l <"$T/skola.db.csv") - 1)), backup: $(head -c 15 "$T/skola.db.bak")"
run consolidate "$T/city2" "$T/pkg"
leftovers
note "targets that are not regular files are never replaced (issue 12, defect 1):"
mkdir -p "$T/nodes" "$T/nodes/dir.csv"
mknod -m 666 "$T/nodes/mynull" c 1 3
mkfifo "$T/nodes/f.csv"
kind() { note "$(basename "$1"): $(stat -c %F "$1")"; }
run export devices "$T/nodes/mynull"
run backup "$T/nodes/mynull"
run report --year 2023 -o "$T/nodes/mynull"
run export devices "$T/nodes/f.csv"
run backup "$T/nodes/f.csv"
run export-municipality "$T/nodes/mynull" --year 2023
run export devices "$T/nodes/dir.csv"
run backup "$T/nodes/dir.csv"
kind "$T/nodes/mynull"
kind "$T/nodes/f.csv"
kind "$T/nodes/dir.csv"
note "a symlink to a regular file is written through; the link stays:"
echo old >"$T/nodes/real.csv"
ln -s real.csv "$T/nodes/l.csv"
run export devices "$T/nodes/l.csv"
kind "$T/nodes/l.csv"
note "real.csv: $(head -c 16 "$T/nodes/real.csv"), mode $(stat -c %a "$T/nodes/real.csv")"
ln -s missing.csv "$T/nodes/dangling.csv"
run export devices "$T/nodes/dangling.csv"
note "missing.csv made: $([ -e "$T/nodes/missing.csv" ] && echo YES || echo no)"
note "a symbolic link loop is called a loop (second report, N7):"
ln -s loop2.csv "$T/nodes/loop1.csv"
ln -s loop1.csv "$T/nodes/loop2.csv"
run export devices "$T/nodes/loop1.csv"
note "standard output is still written with -:"
run export devices - --year 2023
leftovers
note "export-municipality makes its folder 0700 whatever the umask (defect 16):"
(umask 000 && run export-municipality "$T/umask-pkg" --year 2023)
note "folder mode: $(stat -c %a "$T/umask-pkg"), file modes: $(stat -c %a "$T"/umask-pkg/* | sort -u | tr '\n' ' ')"
note "consolidate never writes into another package (second report, N4):"
run export-municipality "$T/q2" --year 2023
q2_before=$(cat "$T"/q2/* | sha256sum)
run consolidate "$T/q2" "$T/pkg"
ln -s q2 "$T/q2link"
run consolidate "$T/q2link" "$T/pkg"
note "q2 unchanged: $([ "$q2_before" = "$(cat "$T"/q2/* | sha256sum)" ] && echo yes || echo NO)"
run consolidate "$T/city3" "$T/pkg"
run consolidate "$T/city3" "$T/pkg"
note "the damage mark is never an output (second report, N10):"
run export school-years "$T/skola.db.damaged"
run report --year 2023 -o "$T/sub/../skola.db.damaged"
(cd "$T" && run backup ./skola.db.damaged)
note "mark made: $([ -e "$T/skola.db.damaged" ] && echo YES || echo no)"
note "the database afterwards:"
note "header: $(head -c 15 "$T/skola.db")"
run check
run export devices
note "same records as before: $(cmp -s <("$SKOLA_BIN" export devices) <("$SKOLA_BIN" --db "$T/before.db" export devices) && echo yes || echo NO)"
finish

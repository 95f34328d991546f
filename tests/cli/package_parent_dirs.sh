#!/usr/bin/env bash
# export-municipality and consolidate create the missing parent folders of
# their folder (README: "created if missing"), each 0700 whatever the umask;
# folders that exist keep their mode; a parent that is a file is named.
. "$(dirname "$0")/../lib/cli.sh"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
"$SKOLA_BIN" import devices "$DATA/package/devices.csv" >/dev/null || note "import failed"
mkdir -m 0755 "$T/have"
umask 022
run export-municipality "$T/have/newdir/sub//pkg" --year 2023
for d in have have/newdir have/newdir/sub have/newdir/sub/pkg; do
    note "$d: $(stat -c %a "$T/$d")"
done
note "manifest: $([ -f "$T/have/newdir/sub/pkg/manifest.json" ] && echo yes || echo no)"
cd "$T" || exit 1
run export-municipality rel/a/b --year 2023
note "rel/a/b: $(stat -c %a rel) $(stat -c %a rel/a) $(stat -c %a rel/a/b)"
: >"$T/file"
run export-municipality "$T/file/sub/pkg" --year 2023
run consolidate "$T/city/out" "$T/have/newdir/sub/pkg"
note "city/out: $(stat -c %a "$T/city") $(stat -c %a "$T/city/out")"
finish

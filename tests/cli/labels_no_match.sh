#!/usr/bin/env bash
# labels with nothing to print answer as print observations does: exit 1,
# a message, nothing written (an existing file is left as it was), also to
# standard output; a filter that is part of a longer word still matches.
. "$(dirname "$0")/../lib/cli.sh"
"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null
run labels -o "$T/empty.html"
"$SKOLA_BIN" import devices "$DATA/package/devices.csv" >/dev/null || note "import failed"
run labels --filter nothingmatches -o "$T/l.html"
note "l.html exists: $([ -e "$T/l.html" ] && echo yes || echo no)"
echo "old sheet" >"$T/old.html"
run labels --filter 'zz"<x>' -o "$T/old.html"
show "$T/old.html"
run labels --filter nothingmatches -o -
run labels --filter D-1 -o "$T/ok.html"
note "ok.html labels: $(grep -c 'class="inv"' "$T/ok.html")"
finish

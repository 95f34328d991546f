#!/usr/bin/env bash
# consolidate and packages that are not UTF-8 text: a package file (or its
# manifest) with bytes that are not UTF-8 — written by hand or by another
# program, checksums made right — is a problem of that package and nothing
# is written: before, it went into city.xlsx as it was and made a workbook
# that Excel and openpyxl refuse to open (and a load.sql PostgreSQL
# refuses). Control characters in a valid text are kept and the workbook
# still opens (read back with openpyxl), and so does one with a text longer
# than a cell holds (cut on a whole letter; it was cut inside one).
. "$(dirname "$0")/../lib/cli.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIPPED: python3-openpyxl is not installed"; exit 77; }
P="$DATA/package"
"$SKOLA_BIN" init --school-code SK-U --school-name "Skola U" >/dev/null
for k in school-years assessments priorities; do
    "$SKOLA_BIN" import "$k" "$P/$k.csv" >/dev/null || note "import $k failed"
done
"$SKOLA_BIN" export-municipality "$T/pkg" --year 2023 >/dev/null
# plant SRC DST FILE ROW: a copy of the package with ROW (Python bytes
# escapes) added to FILE after its header, the manifest's checksum fixed;
# FILE manifest.json: ROW replaces the school's name; @PATH: the row's
# bytes from a file
plant() {
    "$PY" - "$@" <<'PY'
import hashlib, json, shutil, sys
src, dst, name, row = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
if row.startswith("@"):  # the row's bytes from a file
    row = open(row[1:], "rb").read()
else:
    row = row.encode("latin-1").decode("unicode_escape").encode("latin-1")
shutil.copytree(src, dst)
mpath = dst + "/manifest.json"
if name == "manifest.json":
    text = open(mpath, "rb").read()
    open(mpath, "wb").write(text.replace(b'"Skola U"', b'"' + row + b'"'))
    sys.exit(0)
data = open(f"{dst}/{name}", "rb").read().split(b"\n")
data.insert(1, row)
data = b"\n".join(data)
open(f"{dst}/{name}", "wb").write(data)
m = json.load(open(mpath, encoding="utf-8"))
for f in m["files"]:
    if f["name"] == name:
        f["sha256"] = hashlib.sha256(data).hexdigest()
        f["rows"] += 1
open(mpath, "w", encoding="utf-8").write(json.dumps(m, ensure_ascii=False))
PY
}
plant "$T/pkg" "$T/bad-data" self-assessment.csv '2023,2.5.2,Stipr\xe2s puses \xff\xfe (Windows-1257),x'
plant "$T/pkg" "$T/bad-prio" priorities.csv '2023,Priorit\xe2te,a,b,c,achieved'
plant "$T/pkg" "$T/bad-name" manifest.json 'Skola \xd0\xe2'
plant "$T/pkg" "$T/ctl" self-assessment.csv '2023,2.5.2,"ctl \x01 esc \x1b[31m cr \r del \x7f",x'
for d in bad-data bad-prio bad-name; do
    run consolidate "$T/out-$d" "$T/$d"
    note "written: $(ls "$T/out-$d" 2>/dev/null | wc -l) files"
done
run consolidate "$T/out-ctl" "$T/ctl"
"$PY" - "$T/out-ctl/city.xlsx" <<'PY' >"$T/ctl-cells" 2>&1 || echo "the workbook does not open" >>"$T/ctl-cells"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Self-assessment"]
print("the workbook opens;", ws.max_row - 1, "self-assessment rows")
PY
show "$T/ctl-cells"
note "a text longer than a cell holds (32 767): cut on a whole letter, the workbook opens"
"$PY" -c 'print("2023,2.5.2," + "Ā" * 20000 + "😀" * 5000 + ",x", end="")' >"$T/long-row"
plant "$T/pkg" "$T/long" self-assessment.csv "@$T/long-row"
run consolidate "$T/out-long" "$T/long"
"$PY" - "$T/out-long/city.xlsx" <<'PY' >"$T/long-cells" 2>&1 || echo "the workbook does not open" >>"$T/long-cells"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Self-assessment"]
v = [c.value for c in ws["D"] if c.value and c.value.startswith("Ā")][0]
print(f"the workbook opens; the long text: {len(v.encode('utf-8'))} bytes, {len(v)} letters, all Ā: {set(v) == {'Ā'}}")
PY
show "$T/long-cells"
finish

# The export screen writes the yearly report and the municipality package of
# the school year, lists every file with its full path and size, asks before
# replacing them, and shows why a file could not be written. It opens on the
# year field with the last completed school year (today is 15.11.2024:
# 2023./2024.), its default names are the CLI's, and it writes the report as
# a spreadsheet too (issue 16).
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
printf 'year,pupils,teachers\n2024,300,30\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null
printf 'inventory_no,category,purchase_date,purchase_cost,notes\nD-1,laptop,2024-02-29,649.99,=1+1\n' \
    >"$TUI_DIR/dev.csv"
"$SKOLA_BIN" --db "$DB" import devices "$TUI_DIR/dev.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect_not 'not available yet'
tui_keys End Up Enter
tui_wait 'Export — 2023./2024.'
tui_expect '~/skola-report-T1-2023.html'
tui_expect '~/skola-package-T1-2023'
tui_expect 'Nothing in it names a pupil'
# the cursor is on the year: Right changes it at once, and the default names
tui_keys Right
tui_wait 'Export — 2024./2025.'
tui_expect '~/skola-package-T1-2024'
tui_expect '~/skola-report-T1-2024.html'
# the names are the CLI's (its default names, made in the same folder)
(cd "$HOME" && "$SKOLA_BIN" --db "$DB" report --year 2024 >/dev/null 2>&1 &&
    "$SKOLA_BIN" --db "$DB" export-municipality --year 2024 >/dev/null 2>&1) ||
    tui_fail 'the CLI could not write its defaults'
[ -f "$HOME/skola-report-T1-2024.html" ] && [ -f "$HOME/skola-package-T1-2024/manifest.json" ] ||
    tui_fail "the CLI's default names differ: $(ls "$HOME")"
rm -rf "$HOME/skola-report-T1-2024.html" "$HOME/skola-package-T1-2024"
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Write the municipality package'
tui_keys Escape
tui_wait_gone 'Keys of this screen'

tui_keys a                                  # write both
tui_wait 'Wrote the report and the package.'
REPORT="$HOME/skola-report-T1-2024.html"
PKG="$HOME/skola-package-T1-2024"
[ -f "$REPORT" ] || tui_fail "no report at $REPORT"
grep -qF 'Testa skola' "$REPORT" || tui_fail 'the report does not name the school'
[ -f "$PKG/manifest.json" ] || tui_fail 'no manifest.json'
grep -qF '"school_code"' "$PKG/manifest.json" || tui_fail 'manifest.json is not a manifest'
tui_expect '─ Written ─'
tui_expect "$REPORT"
tui_expect "$PKG/manifest.json"
for f in summary.csv self-assessment.csv priorities.csv devices.csv staff.csv manifest.json; do
    [ -f "$PKG/$f" ] || tui_fail "no $f"
    size=$(stat -c %s "$PKG/$f")
    # long paths keep their end: "…/skola-package-T1-2024/self-assessment.csv"
    tui_screen | grep -F "T1-2024/$f " | grep -qF " $size B " ||
        tui_fail "$f without its size $size"
done

# again: asks before replacing; "no" writes nothing
tui_keys r
tui_wait 'exists. Replace it?'
tui_keys n
tui_wait 'Nothing was written.'

# the report as a spreadsheet: the format line changes the default name
tui_keys Home Down Down Right
tui_wait '~/skola-report-T1-2024.xlsx'
tui_keys r
tui_wait 'skola-report-T1-2024.xlsx'
tui_wait '─ Written ─'
head -c 2 "$HOME/skola-report-T1-2024.xlsx" | grep -q PK || tui_fail 'the spreadsheet is not a zip file'
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 -c 'import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); assert wb.sheetnames[0] == "1.tabula", wb.sheetnames' \
        "$HOME/skola-report-T1-2024.xlsx" || tui_fail 'the spreadsheet has not the tables as sheets'
fi

# a report file in a folder that does not exist: the box says so
tui_keys Home Down Down Down Enter
tui_wait 'Report file:'
tui_keys C-u
tui_type '~/no-such-folder/report.html'
tui_keys Enter
tui_wait '~/no-such-folder/report.html'
tui_keys r
tui_wait '─ Not written ─'
tui_expect 'Export failed'
[ ! -e "$HOME/no-such-folder" ] || tui_fail 'a folder appeared'

tui_keys q
tui_wait 'Main menu'
# a list's export offers the workbook too
tui_keys Home Enter
tui_wait 'Inventory'
tui_keys x
tui_wait 'Export format'
tui_expect 'Excel workbook (.xlsx'
tui_keys Down Enter
tui_wait 'Export to file:'
tui_expect '~/skola-devices-2024-11-15.xlsx'
tui_keys Enter
tui_wait 'Exported 1 record'
tui_keys q
tui_wait 'Main menu'
X="$HOME/skola-devices-2024-11-15.xlsx"
head -c 2 "$X" | grep -q PK || tui_fail 'the list export is not a workbook'
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 - "$X" <<'PY' || tui_fail 'the workbook does not read back typed'
import datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
row = {h.value: c for h, c in zip(ws[1], ws[2])}
assert isinstance(row["Purchase date"].value, datetime.datetime), row["Purchase date"].value
assert row["Purchase cost"].value == 649.99 and row["Purchase cost"].number_format == "#,##0.00"
assert row["Notes"].data_type == "s" and row["Notes"].value == "=1+1"
assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:T2", (ws.freeze_panes, ws.auto_filter.ref)
PY
fi
tui_quit_from_menu

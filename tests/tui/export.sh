# The export screen writes the yearly report and the municipality package of
# the school year, lists every file with its full path and size, asks before
# replacing them, and shows why a file could not be written.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
printf 'year,pupils,teachers\n2024,300,30\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect_not 'not available yet'
tui_keys End Up Enter
tui_wait 'Export — 2024./2025.'
tui_expect '~/skola-pasvertejums-T1-2024.html'
tui_expect '~/skola-pakete-T1-2024'
tui_expect 'Nothing in it names a pupil'
# the year changes the default names
tui_keys Home Left
tui_wait 'Export — 2023./2024.'
tui_expect '~/skola-pakete-T1-2023'
tui_keys Right
tui_wait '~/skola-pakete-T1-2024'
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Write the municipality package'
tui_keys Escape
tui_wait_gone 'Keys of this screen'

tui_keys a                                  # write both
tui_wait 'Wrote the report and the package.'
REPORT="$HOME/skola-pasvertejums-T1-2024.html"
PKG="$HOME/skola-pakete-T1-2024"
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
    # long paths keep their end: "…/skola-pakete-T1-2024/self-assessment.csv"
    tui_screen | grep -F "T1-2024/$f " | grep -qF " $size B " ||
        tui_fail "$f without its size $size"
done

# again: asks before replacing; "no" writes nothing
tui_keys r
tui_wait 'exists. Replace it?'
tui_keys n
tui_wait 'Nothing was written.'

# a report file in a folder that does not exist: the box says so
tui_keys Home Down Down Enter
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
tui_quit_from_menu

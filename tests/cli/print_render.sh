#!/usr/bin/env bash
# The printed observation sheets render in a real browser: headless Chromium
# prints them to PDF; the PDF has one A4 page per sheet (a year of the demo
# school: every sheet fits its page), and pdftotext finds the Latvian text
# with its diacritics and the ☑/☐ boxes, the template's own wording and the
# signature lines. Chromium and poppler-utils are installed from Debian
# when missing and apt can be used; where they cannot be, the test says
# SKIPPED through ctest's skip code (77). Not a golden test.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-print-render.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" SKOLA_DB="$T/skola.db" LANG=C.UTF-8 TZ=UTC SKOLA_TODAY=2024-11-15
mkdir -p "$HOME"
fail() { echo "FAILED: $*"; exit 1; }
P="$SKOLA_SRCDIR/tests/data/print"

"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null || fail init
"$SKOLA_BIN" import staff "$P/staff.csv" >/dev/null || fail "import staff"
"$SKOLA_BIN" templates import "$P/template.csv" --code MANA-2024 --title "Mūsu skolas vērošanas lapa" \
    >/dev/null || fail "templates import"
"$SKOLA_BIN" import observations "$P/observations.csv" >/dev/null || fail "import observations"
"$SKOLA_BIN" print observations --year 2023 -o "$T/y.html" 2>/dev/null || fail "print --year"
"$SKOLA_BIN" print observations --teacher "Anna Ābele" -o "$T/t.html" 2>/dev/null ||
    fail "print --teacher"
"$SKOLA_BIN" --db "$T/demo.db" demo >/dev/null 2>&1 || fail demo
"$SKOLA_BIN" --db "$T/demo.db" print observations --year 2023 -o "$T/demo.html" 2>"$T/demo.msg" ||
    fail "print the demo year"
demo_sheets=$(grep -c '<section class="sheet">' "$T/demo.html")
[ "$demo_sheets" -gt 50 ] || fail "the demo year has only $demo_sheets sheets"

find_browser() {
    for b in chromium chromium-browser google-chrome; do
        command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return 0; }
    done
    return 1
}
install_missing() {
    local pkgs="" sudo=""
    find_browser >/dev/null || pkgs="chromium"
    command -v pdfinfo >/dev/null 2>&1 || pkgs="$pkgs poppler-utils"
    [ -z "$pkgs" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        sudo -n true 2>/dev/null || { echo "cannot install $pkgs: not root and no sudo"; return 1; }
        sudo="sudo -n"
    fi
    command -v apt-get >/dev/null 2>&1 || { echo "cannot install $pkgs: no apt-get"; return 1; }
    echo "installing:$pkgs"
    $sudo apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            $pkgs >/dev/null 2>&1
}
install_missing || true
BROWSER=$(find_browser) || {
    echo "SKIPPED: Chromium is not installed and could not be installed; the sheets were"
    echo "written but not rendered."
    exit 77
}
command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || {
    echo "SKIPPED: poppler-utils (pdfinfo, pdftotext) are missing and could not be installed."
    exit 77
}
render() { # HTML PDF
    timeout 300 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --no-first-run --user-data-dir="$T/profile" \
        --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >"$T/chromium.log" 2>&1 &&
        [ -s "$2" ] || {
        cat "$T/chromium.log"
        if grep -qiE 'cannot open display|namespace|sandbox|Trace/breakpoint' "$T/chromium.log"; then
            echo "SKIPPED: Chromium cannot run here (see its log above)."
            exit 77
        fi
        fail "chromium did not print $1"
    }
}
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

render "$T/y.html" "$T/y.pdf"
[ "$(pages "$T/y.pdf")" = 2 ] || fail "2 sheets gave $(pages "$T/y.pdf") pages"
case "$(pdfinfo "$T/y.pdf" | awk -F': *' '/^Page size:/ {print $2}')" in
*A4*) ;; *) fail "the page is not A4 (@page size)";; esac
pdftotext "$T/y.pdf" "$T/y.txt"
for text in "Nodarbības vērošanas un novērtējuma lapa" "Mūsu skolas vērošanas lapa" \
    "aktualizācija, apjēgšana, refleksija" "Ievads – tēmas aktualizācija" \
    "Darba drošības instruktāža" "Vērotāja paraksts" "Pedagoga paraksts" \
    "Iepazinos (datums)" "☑" "☐" "Anna Ābele-Kalniņa" "Ieva Rozīte"; do
    grep -qF "$text" "$T/y.txt" || fail "“$text” is not in the PDF text"
done
# the first page is the LVT-2023 sheet, the second the school's own template
pdftotext -f 2 -l 2 "$T/y.pdf" "$T/p2.txt"
grep -qF "Mūsu skolas vērošanas lapa" "$T/p2.txt" || fail "page 2 is not the own template's sheet"
! grep -qF "Ievads – tēmas aktualizācija" "$T/p2.txt" || fail "page 2 lists LVT-2023 criteria"
echo "2 sheets: 2 A4 pages with the Latvian text, the boxes and each template's wording"

render "$T/t.html" "$T/t.pdf"
[ "$(pages "$T/t.pdf")" = 3 ] || fail "the record and 2 sheets gave $(pages "$T/t.pdf") pages"
pdftotext -f 1 -l 1 "$T/t.pdf" "$T/t1.txt"
grep -qF "Pedagoga vērotās nodarbības: Anna Ābele" "$T/t1.txt" || fail "page 1 is not the record"
grep -qF "2023./2024. mācību gads" "$T/t1.txt" || fail "the record has no year's shares"
echo "the teacher's record: one page before the teacher's 2 sheets"

# an ordinary full sheet (four comments of ~250 characters, improvements of
# ~500) fits one page with its signatures, and one with unbroken header
# text (a subject of 120 "Š", a topic of 300 "T", a URL as the area) keeps
# every column on the page: 2 sheets, 2 pages, nothing past the right margin
"$SKOLA_BIN" --db "$T/long.db" init --school-code SK-L --school-name "Skola L" >/dev/null ||
    fail "init long"
"$SKOLA_BIN" --db "$T/long.db" import staff "$P/staff.csv" >/dev/null || fail "import staff long"
"$SKOLA_BIN" --db "$T/long.db" import observations "$P/long.csv" >/dev/null ||
    fail "import long.csv"
"$SKOLA_BIN" --db "$T/long.db" print observations -o "$T/long.html" 2>/dev/null || fail "print long"
render "$T/long.html" "$T/long.pdf"
[ "$(pages "$T/long.pdf")" = 2 ] || fail "2 long sheets gave $(pages "$T/long.pdf") pages"
for pg in 1 2; do
    pdftotext -f $pg -l $pg "$T/long.pdf" "$T/l$pg.txt"
    grep -qF "Pedagoga paraksts" "$T/l$pg.txt" || fail "page $pg has no signature lines"
    grep -qF "Anna Ābele · T-41" "$T/l$pg.txt" || fail "page $pg does not name its sheet"
    # the page is 595 pt wide with 12 mm (34 pt) margins: no word may end past 562 pt
    right=$(pdftotext -bbox -f $pg -l $pg "$T/long.pdf" - |
        awk -F'"' '/<word/ { if ($6 + 0 > m) m = $6 + 0 } END { printf "%d", m }')
    [ "$right" -le 562 ] || fail "page $pg has text up to x=$right pt, past the right margin"
done
grep -qF "Grupa" "$T/l2.txt" && grep -qF "Joma" "$T/l2.txt" ||
    fail "the right-hand header columns of the long sheet are missing"
echo "a full sheet fits one page; long unbroken header text wraps within the page"

render "$T/demo.html" "$T/demo.pdf"
[ "$(pages "$T/demo.pdf")" = "$demo_sheets" ] ||
    fail "$demo_sheets demo sheets gave $(pages "$T/demo.pdf") pages"
echo "the demo year: $demo_sheets sheets on $demo_sheets pages"
exit 0

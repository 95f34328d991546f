#!/usr/bin/env bash
# The yearly report renders in a real browser: headless Chromium prints it
# to PDF and the PDF has pages (pdfinfo). Chromium and poppler-utils are
# installed from Debian when missing and apt can be used (root or sudo);
# without them (no network) the rest still runs and the browser part says
# clearly that it was skipped (ctest's skip code 77). Not a golden test: it
# checks by itself. The PDF's text has the captions 1.tabula … 14.tabula in
# seed 000's order (10 twice: the criteria and the projects, as in the seed),
# the tables without data as one line each, and the signature block.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-render.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" SKOLA_DB="$T/skola.db" LANG=C.UTF-8 TZ=UTC SKOLA_TODAY=2024-11-15
mkdir -p "$HOME"
fail() { echo "FAILED: $*"; exit 1; }

"$SKOLA_BIN" init --school-code SK-A --school-name "Skola A" >/dev/null || fail init
for k in school-years staff trainings vacancies consultations devices assessments priorities; do
    "$SKOLA_BIN" import "$k" "$SKOLA_SRCDIR/tests/data/package/$k.csv" >/dev/null || fail "import $k"
done
"$SKOLA_BIN" demo >/dev/null 2>&1 # a second, larger school is not needed; keep the file small
"$SKOLA_BIN" report --year 2023 -o "$T/r.html" 2>/dev/null || fail "skola report"
[ -s "$T/r.html" ] || fail "empty report"
grep -q '<html lang="lv">' "$T/r.html" || fail "not a Latvian HTML document"
! grep -qE '(src|href)=|@import|url\(' "$T/r.html" || fail "the report refers to external resources"
echo "report written: $(wc -c <"$T/r.html") bytes"

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
    echo "SKIPPED: the browser part (Chromium is not installed and could not be installed);"
    echo "the report itself was written and checked."
    exit 77
}
timeout 180 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$T/profile" \
    --no-pdf-header-footer --print-to-pdf="$T/r.pdf" "file://$T/r.html" >"$T/chromium.log" 2>&1 ||
    { cat "$T/chromium.log"; fail "chromium did not print the report"; }
[ -s "$T/r.pdf" ] || fail "no PDF"
[ "$(head -c4 "$T/r.pdf")" = "%PDF" ] || fail "the output is not a PDF"
if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$T/r.pdf" | awk '/^Pages:/ {print $2}')
    [ "${pages:-0}" -ge 1 ] || fail "the PDF has no pages"
    size=$(pdfinfo "$T/r.pdf" | awk -F': *' '/^Page size:/ {print $2}')
    echo "rendered with $(basename "$BROWSER"): $pages page(s), $size"
    case "$size" in *A4*) ;; *) fail "the page is not A4 (@page size)";; esac
    if command -v pdftotext >/dev/null 2>&1; then
        pdftotext "$T/r.pdf" "$T/r.txt"
        grep -q "Vispārīgie dati par izglītības iestādi" "$T/r.txt" || fail "heading missing in the PDF text"
        grep -q "Rezultatīvā rādītāja" "$T/r.txt" || fail "criteria table missing in the PDF text"
        # the numbered captions in order, each at the start of a line
        grep -oE '^(1[0-4]|[1-9])\.tabula' "$T/r.txt" | tr '\n' ' ' >"$T/captions"
        want="1.tabula 2.tabula 3.tabula 4.tabula 5.tabula 6.tabula 7.tabula 8.tabula 9.tabula 10.tabula 10.tabula 11.tabula 12.tabula 13.tabula 14.tabula "
        [ "$(cat "$T/captions")" = "$want" ] || fail "captions in the PDF: $(cat "$T/captions")"
        for h in "Izglītojamo skaits un īstenotās programmas" "Pedagogu dalība profesionālās pilnveides pasākumos" \
            "Profesionālās kvalifikācijas eksāmenu apkopojums" "Mācību uzsākušo un absolventu skaits pa grupām" \
            "Projekti šim mācību gadam nav ievadīti." "Izglītības iestādes vadītājs"; do
            grep -qF "$h" "$T/r.txt" || fail "“$h” missing in the PDF text"
        done
        echo "the PDF text has the Latvian headings and tables 1–14 in order"
    fi
else
    echo "rendered with $(basename "$BROWSER"): $(wc -c <"$T/r.pdf") bytes of PDF (pdfinfo missing)"
fi
exit 0

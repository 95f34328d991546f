#!/usr/bin/env bash
# skola labels: an A4 sheet of 3 × 8 device labels (inventory number, model,
# room, school, a QR code as inline SVG), devices not written off, --filter
# like the list's; an output onto the database is refused. Rendered by
# headless Chromium to PDF when it is installed (pages = labels / 24, A4,
# the texts on the page); without it that part says it was skipped (no
# installing here). Not a golden test: it checks by itself.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-labels.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" SKOLA_DB="$T/skola.db" LANG=C.UTF-8 TZ=UTC SKOLA_TODAY=2024-11-15
mkdir -p "$HOME"
fail() { echo "FAILED: $*"; exit 1; }

"$SKOLA_BIN" init --school-code T1 --school-name "Testa skola <&>" >/dev/null || fail init
"$SKOLA_BIN" import devices "$SKOLA_SRCDIR/tests/data/devices-clean.csv" >/dev/null || fail import
"$SKOLA_BIN" labels -o "$T/all.html" 2>"$T/err" || { cat "$T/err"; fail "skola labels"; }
grep -q 'Wrote 4 labels' "$T/err" || fail "not 4 labels: $(cat "$T/err")"
[ "$(grep -c 'class="label"' "$T/all.html")" = 4 ] || fail "4 labels expected (LVT-0004 is written off)"
[ "$(grep -c '<svg class="qr"' "$T/all.html")" = 4 ] || fail "a QR code on every label"
grep -q 'LVT-0004' "$T/all.html" && fail "a written-off device got a label"
grep -q 'Testa skola &lt;&amp;&gt;' "$T/all.html" || fail "the school's name is not escaped"
! grep -qE '(src|href)=|@import|url\(' "$T/all.html" || fail "the sheet refers to external resources"
"$SKOLA_BIN" labels --filter "314" -o "$T/one.html" 2>/dev/null || fail "labels --filter"
[ "$(grep -c 'class="label"' "$T/one.html")" = 1 ] || fail "--filter 314: one label"
grep -q 'LVT-0002' "$T/one.html" || fail "--filter 314: LVT-0002"
"$SKOLA_BIN" labels -o "$SKOLA_DB" 2>/dev/null && fail "labels written over the database"
# a name ending in .xlsx chooses a spreadsheet elsewhere: the HTML sheet is not written under it
"$SKOLA_BIN" labels -o "$T/labels.XLSX" 2>"$T/err"; [ $? = 2 ] || fail "labels -o FILE.xlsx is not refused"
[ -e "$T/labels.XLSX" ] && fail "an HTML page was written as labels.XLSX"
grep -q "ends in .xlsx" "$T/err" || fail "labels -o FILE.xlsx: $(cat "$T/err")"
"$SKOLA_BIN" labels 2>/dev/null; [ $? = 2 ] || fail "labels without -o is a usage error"
"$SKOLA_BIN" --db "$T/demo.db" demo >/dev/null 2>&1 || fail demo
"$SKOLA_BIN" --db "$T/demo.db" labels -o "$T/many.html" 2>/dev/null || fail "demo labels"
n=$(grep -c 'class="label"' "$T/many.html")
[ "$(grep -c 'class="page"' "$T/many.html")" = $(((n + 23) / 24)) ] || fail "24 labels a page"
echo "labels written: 4, 1 and $n"

BROWSER=""
for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { BROWSER=$(command -v "$b"); break; }
done
if [ -z "$BROWSER" ] || ! command -v pdfinfo >/dev/null 2>&1; then
    echo "SKIPPED: the browser part (Chromium or pdfinfo is not installed)"
    exit 0
fi
print() { # HTML PDF
    timeout 180 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --no-first-run --user-data-dir="$T/profile" \
        --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >"$T/chromium.log" 2>&1 ||
        { cat "$T/chromium.log"; fail "chromium did not print $1"; }
    [ "$(head -c4 "$2")" = "%PDF" ] || fail "$2 is not a PDF"
}
print "$T/all.html" "$T/all.pdf"
pdfinfo "$T/all.pdf" | grep -q '^Pages: *1$' || fail "4 labels are not one page"
pdfinfo "$T/all.pdf" | grep -q 'Page size:.*(A4)' || fail "not A4"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$T/all.pdf" "$T/all.txt"
    for t in LVT-0001 LVT-0005 'Latitude 3420' 'Bibliotēka' 'Testa skola <&>'; do
        grep -qF "$t" "$T/all.txt" || fail "“$t” is not on the printed sheet"
    done
fi
print "$T/many.html" "$T/many.pdf"
pages=$(pdfinfo "$T/many.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = $(((n + 23) / 24)) ] || fail "$n labels printed on $pages pages, not $(((n + 23) / 24))"
echo "rendered: 1 and $pages A4 pages"

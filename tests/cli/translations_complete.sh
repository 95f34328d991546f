#!/usr/bin/env bash
# Every message the program can show has a Latvian translation: the message
# template made from the sources now, merged into po/lv.po, leaves nothing
# untranslated or fuzzy. (When this fails: `make po`, translate, commit.)
# Plural entries: Latvian has three forms (Plural-Forms in the header), and
# every msgstr[0..2] is filled (msgfmt counts an entry with an empty
# msgstr[2] as translated).
set -eu
: "${SKOLA_SRCDIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$SKOLA_SRCDIR"
files=$(ls forms/*.[ch] storage/*.[ch] core/*.[ch] tui/*.[ch] cli/*.[ch])
# the same keywords as the Makefile's `po` target
xgettext --from-code=UTF-8 -k -k_ -kN_ -kC_:1c,2 -kngettext:1,2 -kdngettext:2,3 -c \
    --package-name=skola -o "$T/skola.pot" $files
msgmerge --quiet --no-fuzzy-matching -o "$T/lv.po" po/lv.po "$T/skola.pot"
grep -q '^"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : "$' po/lv.po ||
    { echo "FAILED: po/lv.po's header lacks Latvian Plural-Forms (nplurals=3)"; exit 1; }
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$T/lv.po" 2>&1) ||
    { echo "$stats"; echo "FAILED: msgfmt --check"; exit 1; }
# an empty msgstr[N] "" not continued on the next line; a plural entry without msgstr[2]
empty=$(awk '
    /^msgid_plural / { plural = 1; forms = 0; id = prev }
    /^msgid / { prev = $0 }
    /^msgstr\[[0-9]\] / { forms++; if ($0 ~ /^msgstr\[[0-9]\] ""$/) { pending = $0 } next }
    pending != "" { if ($0 !~ /^"/) print id " " pending; pending = "" }
    /^$/ { if (plural && forms < 3) print id " has " forms " plural forms"; plural = 0 }
    END { if (pending != "") print id " " pending; if (plural && forms < 3) print id " has " forms " plural forms" }
' "$T/lv.po")
if [ -n "$empty" ]; then
    echo "$empty" | head -20
    echo "FAILED: plural entries of po/lv.po with an empty or missing Latvian form"
    exit 1
fi
echo "$stats"
if echo "$stats" | grep -Eq 'untranslated|fuzzy'; then
    msgattrib --untranslated --only-fuzzy "$T/lv.po" 2>/dev/null | head -40
    msgattrib --untranslated "$T/lv.po" | grep -A1 '^msgid' | head -40
    echo "FAILED: po/lv.po lacks translations of the messages above"
    exit 1
fi

#!/usr/bin/env bash
# Every message the program can show has a Latvian translation: the message
# template made from the sources now, merged into po/lv.po, leaves nothing
# untranslated or fuzzy. (When this fails: `make po`, translate, commit.)
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
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$T/lv.po" 2>&1)
echo "$stats"
if echo "$stats" | grep -Eq 'untranslated|fuzzy'; then
    msgattrib --untranslated --only-fuzzy "$T/lv.po" 2>/dev/null | head -40
    msgattrib --untranslated "$T/lv.po" | grep -A1 '^msgid' | head -40
    echo "FAILED: po/lv.po lacks translations of the messages above"
    exit 1
fi

#!/usr/bin/env bash
# Reference data has one copy: data/NAME.csv, compiled in by
# tools/refdata_gen.c. No C source repeats a row's Latvian text (it would be
# a second copy to keep in step); and the generator refuses what would
# shift or corrupt cells, and escapes what a C literal cannot hold as is.
set -eu
: "${SKOLA_SRCDIR:?}" "${SKOLA_BUILDDIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$SKOLA_SRCDIR"
status=0
# the Latvian column of each file (the keys are rightly used in code)
check() { # FILE COLUMN
    sqlite3 :memory: ".import --csv data/$1 t" "SELECT \"$2\" FROM t" > "$T/names"
    while IFS= read -r name; do
        # comments may quote an example; the observation kind still has its
        # criteria as fields (issue 13, criteria part)
        hits=$(grep -rnF --include='*.c' --include='*.h' -e "$name" forms storage core tui cli \
               | grep -Ev '^[^:]+:[0-9]+: *(\*|/\*)' \
               | grep -v '^forms/kind_observation.c:' || true)
        if [ -n "$hits" ]; then
            echo "FAILED: \"$name\" of data/$1 is repeated in: $hits"
            status=1
        fi
    done < "$T/names"
}
check device-categories.csv name_lv
check support-roles.csv name_lv
check ikvd-indicators.csv indicator_name
check observation-criteria-lvt-2023.csv criterion_text

gen="$SKOLA_BUILDDIR/refdata_gen"
# a tricky file: BOM, CRLF, quotes, an embedded "" and line break, a
# backslash, a trigraph, a comma in a cell
printf '\xef\xbb\xbfcode,name\r\na,"x, ""y"" \\ ??= z"\r\nb,"two\nlines"\r\n' > "$T/ok.csv"
"$gen" "$T/ok.csv" "$T/ok.inc" ROW "code,name"
cat > "$T/ok.c" <<'C'
#include <string.h>
static const char *const cells[][2] = {
#define ROW(a, b) {a, b},
#include "ok.inc"
};
int main(void) {
    return !(sizeof cells / sizeof cells[0] == 2 && strcmp(cells[0][1], "x, \"y\" \\ ?\?= z") == 0 &&
             strcmp(cells[1][1], "two\nlines") == 0 && strcmp(cells[1][0], "b") == 0);
}
C
cc -std=c17 -Wall -Werror -o "$T/ok" "$T/ok.c" -I"$T"
"$T/ok" || { echo "FAILED: generated cells differ from the CSV"; status=1; }

refuse() { # WHAT CSV-TEXT HEADER
    printf '%b' "$2" > "$T/bad.csv"
    if "$gen" "$T/bad.csv" "$T/bad.inc" ROW "$3" 2>"$T/err"; then
        echo "FAILED: the generator accepted $1"
        status=1
    elif [ -e "$T/bad.inc" ]; then
        echo "FAILED: the generator left a half file after $1"
        status=1
    else
        echo "refused $1: $(cat "$T/err")"
    fi
}
refuse "a renamed column" 'code,name_lv\na,b\n' "code,name"
refuse "a row with a missing cell" 'code,name\na\n' "code,name"
refuse "a row with an extra cell" 'code,name\na,b,c\n' "code,name"
refuse "an unterminated quote" 'code,name\na,"b\n' "code,name"
refuse "text after a closing quote" 'code,name\na,"b"c\n' "code,name"
refuse "a control character" 'code,name\na,b\001\n' "code,name"
refuse "no rows" 'code,name\n' "code,name"
refuse "a cp1257 cell (not UTF-8)" 'code,name\na,Ier\xeeces\n' "code,name"
refuse "an overlong UTF-8 form" 'code,name\na,\xc0\xafb\n' "code,name"
[ "$status" = 0 ] && echo "reference data: one copy"
exit "$status"

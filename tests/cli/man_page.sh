#!/usr/bin/env bash
# skola(1) in both languages: the page the build installs is what
# `skola --man` writes now; every command of the command table (as --help
# lists it) with its usage and sentence, every kind, every environment
# variable the sources read and every exit status is in it; groff and man
# render it without a warning; no line of text can be taken for a request.
set -u
: "${SKOLA_BIN:?}" "${SKOLA_SRCDIR:?}" "${SKOLA_BUILDDIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/skola-man.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= MANPAGER=cat PAGER=cat
mkdir -p "$HOME"
fail() {
    echo "FAIL (man_page): $*" >&2
    exit 1
}
for tool in groff man; do
    command -v "$tool" >/dev/null ||
        { echo "SKIP: $tool is not installed (make deps installs groff-base and man-db)"; exit 77; }
done

for lang in en lv; do
    page="$T/skola.$lang.1"
    "$SKOLA_BIN" --man --lang "$lang" >"$page" 2>"$T/err" || fail "skola --man --lang $lang failed"
    [ -s "$T/err" ] && { cat "$T/err" >&2; fail "skola --man --lang $lang wrote to stderr"; }
    cmp -s "$page" "$SKOLA_BUILDDIR/man/$lang/skola.1" ||
        fail "the built page man/$lang/skola.1 is not what skola --man --lang $lang writes"

    # groff's own warnings (-ww), and man-db's rendering with its warnings on
    groff -man -Tutf8 -ww -z "$page" 2>"$T/groff.err"
    [ -s "$T/groff.err" ] && { cat "$T/groff.err" >&2; fail "groff warns about the $lang page"; }
    MANWIDTH=80 man --warnings -l "$page" >"$T/man.out" 2>"$T/man.err" || fail "man -l failed ($lang)"
    [ -s "$T/man.err" ] && { cat "$T/man.err" >&2; fail "man -l warns about the $lang page"; }
    grep -q "SKOLA(1)" "$T/man.out" || fail "man -l rendered no page header ($lang)"

    # every line that starts like a request is one of the requests we write
    bad=$(grep -nE "^[.']" "$page" | grep -vE '^[0-9]+:\.(\\"|TH |SH |TP$|PP$|B |BR |br$|ad l$|nh$)')
    [ -n "$bad" ] && fail "lines taken for unknown requests ($lang): $bad"
    # characters beyond ASCII are written as \[uXXXX]: no input encoding assumed
    LC_ALL=C grep -qP '[\x80-\xff]' "$page" && fail "raw non-ASCII bytes in the $lang page"

    # the rendered text, one line per paragraph, no formatting
    groff -man -Tutf8 -rLL=5000n -P-cbou "$page" 2>/dev/null | sed 's/^ *//' >"$T/text"
    "$SKOLA_BIN" --lang "$lang" --help >"$T/help" || fail "--help failed"
    # "  skola NAME USAGE" then "      SENTENCE", for each command of the table
    n=0
    while IFS= read -r line; do
        case "$line" in
        "  skola "*) cmd=${line#  }; continue ;;
        "      "*)
            [ -n "${cmd:-}" ] || continue
            case "$cmd" in "skola ["*) cmd=; continue ;; esac # the interface line
            grep -qxF -- "$cmd" "$T/text" || fail "the $lang page lacks the usage “$cmd”"
            sentence=${line#      }
            grep -qxF -- "$sentence" "$T/text" || fail "the $lang page lacks “$sentence”"
            n=$((n + 1))
            cmd=
            ;;
        esac
    done <"$T/help"
    [ "$n" -ge 10 ] || fail "only $n commands read from --help"
    listed=$(grep -c '^\.TP' "$page")
    [ "$(grep -c '^\\fBskola ' "$page")" -eq "$n" ] ||
        fail "the $lang page has another number of commands than --help ($n)"
    # the kinds: the line after "KIND:" in --help
    kinds=$(sed -n '/^KIND/{n;p}' "$T/help")
    [ -n "$kinds" ] || fail "no kinds in --help"
    for k in $kinds; do
        awk -v k="$k" '$1 == k { found = 1 } END { exit !found }' "$T/text" ||
            fail "the $lang page lacks the kind $k"
    done
    # the exit statuses the program uses (sk_exit_code) and the signal case
    for code in 0 1 2 3 128+N; do
        awk -v c="$code" '$1 == c { found = 1 } END { exit !found }' "$T/text" || fail "the $lang page lacks exit status $code"
    done
    for opt in --db --lang --school --help --version; do
        grep -qE -- "^$opt( |,|$)" "$T/text" || fail "the $lang page lacks option $opt"
    done
    [ "$listed" -gt "$n" ] || fail "too few tagged paragraphs ($lang)"
    cp "$T/text" "$T/text.$lang"
done

# every variable the program reads is documented (the list comes from the sources)
vars=$(cd "$SKOLA_SRCDIR" && grep -ho 'getenv("[A-Z_]*")' forms/*.c storage/*.c core/*.c tui/*.c cli/*.c |
    sed 's/getenv("\(.*\)")/\1/' | sort -u)
[ -n "$vars" ] || fail "no getenv calls found"
for v in $vars; do
    for lang in en lv; do
        grep -qw -- "$v" "$T/text.$lang" || fail "the $lang page does not document \$$v"
    done
done

# the Latvian page is Latvian: translated section names, not the English ones
grep -qx 'KOMANDAS' "$T/text.lv" || fail "the lv page has no KOMANDAS section"
grep -qx 'COMMANDS' "$T/text.lv" && fail "the lv page has the English section COMMANDS"
grep -qx 'COMMANDS' "$T/text.en" || fail "the en page has no COMMANDS section"
echo "ok: man pages (en, lv) match the command table"

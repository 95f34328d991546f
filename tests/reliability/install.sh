#!/usr/bin/env bash
# Installable: `cmake --install` into a prefix with a space and a non-ASCII
# letter, and the Debian package (CPack on this build folder) unpacked into a
# clean root. From each: the files are where GNUInstallDirs puts them, the
# program runs (--version names the SQLite and ncurses in use, demo, check),
# its Latvian messages come from the installed catalogue (SKOLA_LOCALEDIR
# unset; removing that catalogue makes it English), also when started through
# a symlink; man finds and renders the pages; the package's Depends name the
# package of every library the binary links.
. "$(dirname "$0")/../lib/reliability.sh"
: "${SKOLA_BUILDDIR:?}"
unset SKOLA_LOCALEDIR
export LC_ALL=C.UTF-8 MANPAGER=cat PAGER=cat

for tool in cmake cpack dpkg-deb dpkg-shlibdeps dpkg-query man pkg-config sqlite3 readelf; do
    command -v "$tool" >/dev/null ||
        { echo "SKIP: $tool is not installed (make deps installs it)"; exit 77; }
done

# the values to expect, from the system rather than from skola
sqlite_v=$(sqlite3 :memory: 'select sqlite_version()')
ncurses_v=$(pkg-config --modversion ncursesw)
configured_prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$SKOLA_BUILDDIR/CMakeCache.txt")
lv_banner=$(SKOLA_LOCALEDIR="$SKOLA_BUILDDIR/locale" "$SKOLA_BIN" --lang lv --help | head -1)
en_banner=$("$SKOLA_BIN" --lang en --help | head -1)
[ -n "$lv_banner" ] && [ "$lv_banner" != "$en_banner" ] || fail "the build's lv --help is not Latvian"
lv_usage=$(SKOLA_LOCALEDIR="$SKOLA_BUILDDIR/locale" "$SKOLA_BIN" --lang lv frob-ā 2>&1)
[ "$lv_usage" != "$("$SKOLA_BIN" --lang en frob-ā 2>&1)" ] || fail "the build's lv usage error is English"

# the lookup order (cli/locale.c): SKOLA_LOCALEDIR wins, even when it holds
# nothing (then English); without it the build folder's own catalogues serve
mkdir -p "$T/empty"
[ "$(SKOLA_LOCALEDIR="$T/empty" "$SKOLA_BIN" --lang lv --help | head -1)" = "$en_banner" ] ||
    fail "SKOLA_LOCALEDIR does not override the other places"
[ "$("$SKOLA_BIN" --lang lv --help | head -1)" = "$lv_banner" ] ||
    fail "the build folder's binary is not Latvian without SKOLA_LOCALEDIR"

# check_tree ROOT — the installed files under ROOT (a prefix: bin, share)
check_tree() {
    local root=$1 f
    for f in bin/skola share/man/man1/skola.1 share/man/lv/man1/skola.1 \
        share/locale/lv/LC_MESSAGES/skola.mo; do
        [ -f "$root/$f" ] || fail "$f is not installed under $root"
    done
    [ -x "$root/bin/skola" ] || fail "bin/skola is not executable"
    for f in "$SKOLA_SRCDIR"/data/*.csv; do
        cmp -s "$f" "$root/share/skola/$(basename "$f")" ||
            fail "share/skola/$(basename "$f") is not the source's data file"
    done
    cmp -s "$root/share/man/lv/man1/skola.1" "$SKOLA_BUILDDIR/man/lv/skola.1" ||
        fail "the installed Latvian page is not the built one"

    local bin=$root/bin/skola
    expect_exit 0 "$bin" --version
    no_crash
    head -1 "$T/out" | grep -qx "skola [0-9][0-9.]*" || fail "--version: no version line"
    grep -qF "SQLite $sqlite_v" "$T/out" || fail "--version does not name SQLite $sqlite_v"
    grep -qF "ncurses $ncurses_v" "$T/out" || fail "--version does not name ncurses $ncurses_v"

    rm -f "$T/inst.db"
    expect_exit 0 env SKOLA_DB="$T/inst.db" "$bin" demo
    expect_exit 0 env SKOLA_DB="$T/inst.db" "$bin" check
    expect_exit 0 env SKOLA_DB="$T/inst.db" "$bin" --lang lv summary
    no_crash

    # Latvian from the installed catalogue, directly and through a symlink
    expect_exit 0 "$bin" --lang lv --help
    [ "$(head -1 "$T/out")" = "$lv_banner" ] || fail "--lang lv is not Latvian from $root"
    mkdir -p "$T/links"
    ln -sf "$bin" "$T/links/skola"
    expect_exit 0 "$T/links/skola" --lang lv --help
    [ "$(head -1 "$T/out")" = "$lv_banner" ] || fail "--lang lv is not Latvian through a symlink"
    # a Latvian usage error (stderr) as well
    expect_exit 2 "$bin" --lang lv frob-ā
    [ "$(cat "$T/err")" = "$lv_usage" ] || fail "the usage error is not Latvian from $root"

    # without the installed catalogue the messages are English: they did come from it
    if [ ! -e "$configured_prefix/share/locale/lv/LC_MESSAGES/skola.mo" ]; then
        mv "$root/share/locale/lv/LC_MESSAGES/skola.mo" "$T/moved.mo"
        expect_exit 0 "$bin" --lang lv --help
        [ "$(head -1 "$T/out")" = "$en_banner" ] ||
            fail "Latvian without the installed catalogue: it came from elsewhere"
        mv "$T/moved.mo" "$root/share/locale/lv/LC_MESSAGES/skola.mo"
    fi

    # man renders the Latvian page and finds the English one in the tree
    # (finding lv/ by locale needs an installed lv_LV locale: not assumed)
    MANWIDTH=80 man -l "$root/share/man/lv/man1/skola.1" >"$T/man.out" 2>"$T/man.err" ||
        { cat "$T/man.err" >&2; fail "man -l failed on the installed Latvian page"; }
    grep -q "KOMANDAS" "$T/man.out" || fail "man did not show the Latvian page"
    MANWIDTH=80 man -M "$root/share/man" skola >"$T/man.out" 2>"$T/man.err" ||
        { cat "$T/man.err" >&2; fail "man skola found no page under $root"; }
    grep -q "COMMANDS" "$T/man.out" || fail "man did not show the English page"
}

# --- cmake --install into a prefix with a space and "ā"
prefix="$T/pre fix ā"
cmake --install "$SKOLA_BUILDDIR" --prefix "$prefix" >"$T/install.log" 2>&1 ||
    { cat "$T/install.log" >&2; fail "cmake --install failed"; }
check_tree "$prefix"

# --- the Debian package, unpacked into a clean root
cpack --config "$SKOLA_BUILDDIR/CPackConfig.cmake" -G DEB -B "$T/deb" >"$T/cpack.log" 2>&1 ||
    { cat "$T/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$T"/deb/skola_*.deb)
[ -f "${debs[0]}" ] && [ "${#debs[@]}" -eq 1 ] || fail "no single skola_*.deb in $T/deb"
deb=${debs[0]}
[ "$(dpkg-deb -f "$deb" Package)" = skola ] || fail "the package is not called skola"
depends=$(dpkg-deb -f "$deb" Depends)
# every library the binary links directly (NEEDED) belongs to a package that Depends names
checked=0
for needed in $(readelf -d "$SKOLA_BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
    lib=$(ldd "$SKOLA_BIN" | awk -v n="$needed" '$1 == n && $3 ~ /^\// { print $3 }')
    [ -n "$lib" ] || continue # the dynamic loader itself
    real=$(readlink -f "$lib")
    pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$real" 2>/dev/null) ||
        continue # not from a package (a local build): nothing to depend on
    pkg=${pkg%%:*}
    echo "$depends" | grep -qE "(^|, )$pkg( |,|$)" || fail "Depends lacks $pkg (for $lib): $depends"
    checked=$((checked + 1))
done
[ "$checked" -ge 5 ] || fail "only $checked linked libraries traced to their packages"
for pkg in libsqlite3-0 libncursesw6 libcsv3 libnettle8; do
    echo "$depends" | grep -qE "(^|, )$pkg( |,|$)" || fail "Depends lacks $pkg: $depends"
done
dpkg-deb -c "$deb" >"$T/contents"
for f in ./usr/bin/skola ./usr/share/man/man1/skola.1 ./usr/share/man/lv/man1/skola.1 \
    ./usr/share/locale/lv/LC_MESSAGES/skola.mo; do
    grep -q " $f\$" "$T/contents" || fail "the package lacks $f"
done
root="$T/root"
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x failed"
check_tree "$root/usr"
echo "ok: installed by cmake --install and from $(basename "$deb") (Depends: $depends)"

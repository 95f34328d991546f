# round_trip.sh — shared by the CLI golden tests of the record kinds (sourced
# after cli.sh). round_trip KIND [DEP...] exports KIND in both profiles,
# imports each export into a fresh database (after the kinds DEP it refers
# to, copied from the test's database) and checks that exporting it again
# gives the rfc4180 export byte for byte.
round_trip() {
    local kind=$1 p dep
    shift
    run export "$kind" "$T/rt-rfc4180.csv"
    run export "$kind" "$T/rt-excel.csv" --profile excel
    show "$T/rt-excel.csv"
    for p in rfc4180 excel; do
        run --db "$T/rt-$p.db" init --school-code T2 --school-name "Otra skola"
        for dep in "$@"; do
            "$SKOLA_BIN" export "$dep" "$T/dep-$dep.csv" >/dev/null
            run --db "$T/rt-$p.db" import "$dep" "$T/dep-$dep.csv"
        done
        run --db "$T/rt-$p.db" import "$kind" "$T/rt-$p.csv"
        "$SKOLA_BIN" --db "$T/rt-$p.db" export "$kind" "$T/rt-$p-back.csv" >/dev/null 2>&1
        if cmp -s "$T/rt-rfc4180.csv" "$T/rt-$p-back.csv"; then
            note "round trip ($p): the same data"
        else
            note "round trip ($p): DIFFERENT"
            diff "$T/rt-rfc4180.csv" "$T/rt-$p-back.csv" >>"$ACTUAL"
        fi
    done
}

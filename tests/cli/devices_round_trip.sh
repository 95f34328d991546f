#!/usr/bin/env bash
# export -> import into a new database -> export gives the same bytes, in
# both profiles.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-clean.csv"
for profile in rfc4180 excel; do
    "$SKOLA_BIN" export devices "$T/one-$profile.csv" --profile $profile 2>/dev/null
    "$SKOLA_BIN" --db "$T/$profile.db" init --school-code T1 --school-name X >/dev/null
    run --db "$T/$profile.db" import devices "$T/one-$profile.csv"
    "$SKOLA_BIN" --db "$T/$profile.db" export devices "$T/two-$profile.csv" --profile $profile 2>/dev/null
    if cmp "$T/one-$profile.csv" "$T/two-$profile.csv"; then
        note "$profile round trip: identical"
    else
        note "$profile round trip: DIFFERENT"
    fi
done
finish

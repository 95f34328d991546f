#!/usr/bin/env bash
# Upsert matches on inventory_no: changed rows are updated, new ones inserted.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-clean.csv"
printf 'inventory_no,category,status,room\nLVT-0001,laptop,broken,205\nLVT-0009,monitor,in_use,101\n' >"$T/up.csv"
run import devices "$T/up.csv"
run import devices "$T/up.csv" --mode upsert
run export devices
finish

#!/usr/bin/env bash
# A clean device import, then both export profiles.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-clean.csv"
run export devices
run export devices "$T/excel.csv" --profile excel
show "$T/excel.csv"
run export devices --year 2022
run --lang lv import devices "$DATA/devices-clean.csv" --dry-run
finish

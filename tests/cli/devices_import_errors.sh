#!/usr/bin/env bash
# Every error of the file is reported as FILE:LINE:COLUMN: field: message,
# the exit status is 1 and nothing is written.
. "$(dirname "$0")/../lib/cli.sh"
run init --school-code T1 --school-name "Testa skola"
run import devices "$DATA/devices-errors.csv"
run export devices
# an unknown column lists the known ones; a missing required column is named
printf 'inventory_no,colour,status\nX-1,red,in_use\n' >"$T/unknown.csv"
run import devices "$T/unknown.csv"
printf 'inventory_no;status\nX-1;in_use\n' >"$T/missing.csv"
run import devices "$T/missing.csv"
# a duplicate against the database, and a quoted field spanning lines before an error
run import devices "$DATA/devices-clean.csv"
printf 'inventory_no,category,notes\nN-1,laptop,"two\nlines"\nLVT-0001,laptop,\nN-3,laptop,"a\n\nb"\nN-4,sofa,\n' >"$T/dup.csv"
run import devices "$T/dup.csv"
run --lang lv import devices "$T/dup.csv"
run import devices "$T/does-not-exist.csv"
finish

#!/usr/bin/env bash
# --help, --version-free usage errors and their exit status 2.
. "$(dirname "$0")/../lib/cli.sh"
run --help
run frobnicate
run import
run import gadgets x.csv
run export devices --profile word
run --lang xx --help
run --lang lv import
run export devices
finish

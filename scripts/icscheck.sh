#!/usr/bin/env bash
# Checks the calendar files lotse writes with ical.js (scripts/ics-check.mjs):
# the golden files of internal/booking, which the Go tests compare with what
# booking.ICS writes. ical.js is installed once into .tools/npm; later runs
# need no network. Run from the repository root; ./test.sh calls it.
set -euo pipefail
npmdir=$PWD/.tools/npm
if [ ! -d "$npmdir/node_modules/ical.js" ]; then
  mkdir -p "$npmdir"
  (cd "$npmdir" && npm install --no-audit --no-fund --silent ical.js@2.2.1 >/dev/null)
fi
node scripts/ics-check.mjs "$npmdir" internal/booking/testdata/*.ics

#!/usr/bin/env bash
# Import speed: `punchcard import` of a generated store against the sqlite3 shell's `.import`
# of the same ledger.csv into a plain table, on this machine, in one run.
#
#   Benchmarks/import-speed.sh [MEMBERS] [DATADIR]     (default: 100000 members, /tmp/punchcard-bench)
#
# Needs the sqlite3 shell (apt-get install sqlite3). Generated files are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
data=${2:-/tmp/punchcard-bench}/store-$members
mkdir -p "$data"
[ -f "$data/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$data"
swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard

seconds() { local start=$(date +%s.%N); "$@" >/dev/null; python3 -c "print($(date +%s.%N) - $start)"; }

rm -f "$data/sqlite-shell.db" "$data"/members.sqlite*
reference=$(seconds sqlite3 "$data/sqlite-shell.db" -cmd ".mode csv" ".import $data/ledger.csv ledger")
punchcard=$(seconds "$bin" import --store "$data/members.sqlite" --members "$data/members.csv" --ledger "$data/ledger.csv")
again=$(seconds "$bin" import --store "$data/members.sqlite" --members "$data/members.csv" --ledger "$data/ledger.csv")
rows=$(($(wc -l < "$data/ledger.csv") - 1))

printf 'ledger rows:                       %d (%s)\n' "$rows" "$(du -h "$data/ledger.csv" | cut -f1)"
printf 'sqlite3 .import of ledger.csv:     %6.1f s\n' "$reference"
printf 'punchcard import (members+ledger): %6.1f s  = %.2f x the sqlite3 shell (target: at most 1.5 x)\n' \
  "$punchcard" "$(python3 -c "print($punchcard / $reference)")"
printf 'punchcard re-import (no changes):  %6.1f s\n' "$again"
rm -f "$data/sqlite-shell.db"

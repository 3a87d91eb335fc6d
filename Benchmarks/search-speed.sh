#!/usr/bin/env bash
# The staff search at scale: `punchcard find` (the staff index's search, whole process: start-up,
# opening the store, the query) on a store of MEMBERS generated members, for queries a counter
# types, timed by farm-bench (median of 5). Members only: the search does not read the ledger.
#
#   Benchmarks/search-speed.sh [MEMBERS] [DATADIR] [STORE]
#       default: 1000000 members, /dev/shm/punchcard-search (in memory), DATADIR/members.sqlite;
#       STORE may be a postgres:// address (a database made for it).
#
# Generates members.csv with ../shared/bench/gen_store.py (its ledger is not kept) and adds a
# phone number to every third member. Generated files are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-1000000}
data=${2:-/dev/shm/punchcard-search}
store=${3:-$data/members.sqlite}
mkdir -p "$data"
if [ ! -f "$data/members-$members.csv" ]; then
  python3 ../shared/bench/gen_store.py "$members" "$data/gen" --seed 7 --as-of 2026-11-21 >/dev/null
  python3 - "$data/gen/members.csv" "$data/members-$members.csv" <<'PY'
import csv, random, sys
r = random.Random(5)
with open(sys.argv[1], encoding="utf-8", newline="") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    rows, out = csv.reader(f), csv.writer(g, lineterminator="\n")
    header = next(rows)
    out.writerow(header[:3] + ["phone"] + header[3:])
    for i, row in enumerate(rows):
        out.writerow(row[:3] + ["+98912%07d" % r.randrange(10**7) if i % 3 == 0 else ""] + row[3:])
PY
  rm -rf "$data/gen"
fi
swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
case "$store" in postgres*) ;; *) rm -f "$store" "$store"-wal "$store"-shm ;; esac
/usr/bin/time -f "import of $members members: %e s wall, %M KB" "$bin" import --store "$store" --members "$data/members-$members.csv"
phone=$(awk -F, 'NR > 1 && $4 != "" { print substr($4, 8); exit }' "$data/members-$members.csv")
for query in Kowalski M0123456 "$phone" "علی احمدی" "chloé kow" example.com nobody-at-all ab; do
  printf '%-16s ' "$query"
  farm-bench -n 5 -- "$bin" find --store "$store" "$query" 2>&1 | awk '/wall s/ { printf "wall median %s s  ", $5 } /cpu s/ { printf "cpu median %s s", $5 }'
  echo
done

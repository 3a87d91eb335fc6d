#!/usr/bin/env bash
# The member store on PostgreSQL against SQLite, in one run: import and full build of one
# generated store, on a throwaway local server (Tests/Postgres/throwaway_server.sh).
#
#   Benchmarks/postgres-speed.sh [MEMBERS] [WORKDIR]   (default: 100000 members, /tmp/punchcard-bench)
#   OUTPUT_ROOT=/dev/shm Benchmarks/postgres-speed.sh   builds into memory (tmpfs), away from disk noise
#
# Alternates, twice: a first import into a new SQLite file and into a new PostgreSQL database;
# then, twice, a full build of 2026-10 from each into a new folder; a nothing-changed build of
# each; the next month's import (one new row a member) and a re-import of the unchanged members
# file into each. Wall seconds and peak memory of the punchcard process (the server's CPU is on
# the same machine; its memory is not counted).
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
work=${2:-/tmp/punchcard-bench}
period=2026-10
mkdir -p "$work"
swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
source Benchmarks/measure.sh
source Tests/Postgres/throwaway_server.sh
data=$work/store-$members
[ -f "$data/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$data" >/dev/null
out=${OUTPUT_ROOT:-$work}
site=$work/pg-bench-site
rm -rf "$site" "$work"/pg-bench-* "$out"/pg-bench-out-* && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"
start_throwaway_postgres
results=$work/postgres-results.txt
: > "$results"
echo "$members members, $(($(wc -l < "$data/ledger.csv") - 1)) ledger rows; PostgreSQL on 127.0.0.1:$port" | tee -a "$results"
for round in 1 2; do
  sql -d postgres -c "CREATE DATABASE bench$round"
  measure "round $round: import, SQLite" "$bin" import --store "$work/pg-bench-$round.sqlite" \
    --members "$data/members.csv" --ledger "$data/ledger.csv"
  measure "round $round: import, PostgreSQL" "$bin" import --store "$server/bench$round" \
    --members "$data/members.csv" --ledger "$data/ledger.csv"
done
Benchmarks/settle.sh "$work"
for round in 1 2; do
  measure "round $round: full build, SQLite" "$bin" build --root "$site" --store "$work/pg-bench-1.sqlite" \
    --output "$out/pg-bench-out-sqlite-$round" --period $period
  measure "round $round: full build, PostgreSQL" "$bin" build --root "$site" --store "$server/bench1" \
    --output "$out/pg-bench-out-postgres-$round" --period $period
done
measure "no-change build, SQLite" "$bin" build --root "$site" --store "$work/pg-bench-1.sqlite" \
  --output "$out/pg-bench-out-sqlite-2" --period $period
measure "no-change build, PostgreSQL" "$bin" build --root "$site" --store "$server/bench1" \
  --output "$out/pg-bench-out-postgres-2" --period $period
# The monthly cycle's import: one new ledger row for every member, then the members file again.
python3 - "$data/members.csv" "$work/pg-bench-next-month.csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8") as members, open(sys.argv[2], "w") as out:
    out.write("txn_id,member_id,posted_on,kind,points,amount,description\n")
    for n, row in enumerate(r for i, r in enumerate(csv.reader(members)) if i > 0):
        out.write(f"N{n:09d},{row[0]},2026-11-05,earn,{10 + n % 90},{(10 + n % 90) / 10:.2f},Purchase\n")
PY
measure "next month's ledger rows, SQLite" "$bin" import --store "$work/pg-bench-1.sqlite" --ledger "$work/pg-bench-next-month.csv"
measure "next month's ledger rows, PostgreSQL" "$bin" import --store "$server/bench1" --ledger "$work/pg-bench-next-month.csv"
measure "members file again (unchanged), SQLite" "$bin" import --store "$work/pg-bench-1.sqlite" --members "$data/members.csv"
measure "members file again (unchanged), PostgreSQL" "$bin" import --store "$server/bench1" --members "$data/members.csv"
echo "results: $results"

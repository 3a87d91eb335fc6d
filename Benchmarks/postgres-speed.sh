#!/usr/bin/env bash
# The member store on PostgreSQL against SQLite, in one run: import and full build of one
# generated store, on a throwaway local server (Tests/Postgres/throwaway_server.sh).
#
#   Benchmarks/postgres-speed.sh [MEMBERS] [WORKDIR]   (default: 100000 members, /tmp/punchcard-bench)
#
# Alternates, twice: a first import into a new SQLite file and into a new PostgreSQL database;
# then, twice, a full build of 2026-10 from each into a new folder. Wall seconds and peak memory
# of the punchcard process (the server's memory is not counted).
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
site=$work/pg-bench-site
rm -rf "$site" "$work"/pg-bench-* && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"
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
    --output "$work/pg-bench-out-sqlite-$round" --period $period
  measure "round $round: full build, PostgreSQL" "$bin" build --root "$site" --store "$server/bench1" \
    --output "$work/pg-bench-out-postgres-$round" --period $period
done
measure "no-change build, SQLite" "$bin" build --root "$site" --store "$work/pg-bench-1.sqlite" \
  --output "$work/pg-bench-out-sqlite-2" --period $period
measure "no-change build, PostgreSQL" "$bin" build --root "$site" --store "$server/bench1" \
  --output "$work/pg-bench-out-postgres-2" --period $period
echo "results: $results"

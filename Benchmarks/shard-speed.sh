#!/usr/bin/env bash
# One build against N shard builds at once (`--shard I/N`), on one store in one run.
#
#   Benchmarks/shard-speed.sh [MEMBERS] [SHARDS] [WORKDIR]   (default: 100000 members, 4 shards, /tmp/punchcard-bench)
#
# Alternates, twice: a full build of 2026-10 into a new folder, and N shard builds started together
# into another new folder (wall time of the slowest, each shard's peak memory). On a machine with
# fewer cores than shards there is no gain to expect: the point is the per-shard cost.
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
shards=${2:-4}
work=${3:-/tmp/punchcard-bench}
period=2026-10
mkdir -p "$work"
swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
source Benchmarks/measure.sh
store=$(prepare_store "$members")
site=$work/shard-bench-site
rm -rf "$site" "$work"/shard-bench-* && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"
Benchmarks/settle.sh "$work"
results=$work/shard-results.txt
: > "$results"
for round in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" build --root "$site" --store "$store" \
    --output "$work/shard-bench-one-$round" --period $period >/dev/null
  read -r seconds kb < "$work/time.txt"
  printf 'round %d: one build                 %6.1f s  %5d MB\n' "$round" "$seconds" "$((kb / 1024))" | tee -a "$results"
  started=$(date +%s.%N)
  for i in $(seq 0 $((shards - 1))); do
    /usr/bin/time -f "%e %M" -o "$work/time-$i.txt" "$bin" build --root "$site" --store "$store" \
      --output "$work/shard-bench-shards-$round" --period $period --shard "$i/$shards" >/dev/null &
  done
  wait
  ended=$(date +%s.%N)
  peak=$(cat "$work"/time-*.txt | awk '{ if ($2 > m) m = $2 } END { print int(m / 1024) }')
  printf 'round %d: %d shards at once          %6.1f s  %5d MB per shard at most\n' "$round" "$shards" \
    "$(echo "$ended - $started" | bc)" "$peak" | tee -a "$results"
done
echo "Results in $results"

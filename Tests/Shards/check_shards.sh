#!/usr/bin/env bash
# Sharded builds: the union of N shard builds must be byte for byte the site one build makes.
#
#   Tests/Shards/check_shards.sh BIN STORE WORKDIR [N]      (default N = 4)
#
# Builds two periods (2026-09, then 2026-10 on top) of STORE three ways and compares each with the
# single build (`diff -r`, and every latest page still a hard link to its period's page):
#   1. N shard builds at once into one output, each given its index the way a Kubernetes Indexed
#      Job gives it (JOB_COMPLETION_INDEX, with --shard auto/N);
#   2. N shard builds into N outputs, merged with `rsync -aH`;
#   3. as 1, with one shard killed (kill -9) part-way through 2026-10 and then run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1
store=$2
work=$3
shards=${4:-4}
site=$work/shard-site
rm -rf "$work"/shard-* && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"

build() { "$bin" build --root "$site" --store "$store" "$@" >/dev/null; }
all_shards() { # all_shards OUTPUT PERIOD: the N shards at once, as a Kubernetes Indexed Job runs them
  local pids=()
  for i in $(seq 0 $((shards - 1))); do
    JOB_COMPLETION_INDEX=$i build --output "$1" --period "$2" --shard "auto/$shards" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
}
same() { # same OUTPUT LABEL
  diff -r "$work/shard-single" "$1" >/dev/null || { diff -rq "$work/shard-single" "$1" | head; echo "$2: differs from one build"; exit 1; }
  local unlinked
  unlinked=$(find "$1/m" -name index.html -links 1 | head -n 3)
  [ -z "$unlinked" ] || { echo "$2: latest pages that are not hard links: $unlinked"; exit 1; }
  echo "$2: the same as one build ($(find "$1" -type f | wc -l) files)"
}

for period in 2026-09 2026-10; do build --output "$work/shard-single" --period $period; done

for period in 2026-09 2026-10; do all_shards "$work/shard-shared" $period; done
same "$work/shard-shared" "$shards shards at once into one output"

for period in 2026-09 2026-10; do
  for i in $(seq 0 $((shards - 1))); do build --output "$work/shard-part-$i" --period $period --shard "$i/$shards"; done
done
mkdir -p "$work/shard-merged"
for i in $(seq 0 $((shards - 1))); do rsync -aH "$work/shard-part-$i/" "$work/shard-merged/"; done
same "$work/shard-merged" "$shards outputs merged with rsync -aH"

all_shards "$work/shard-killed" 2026-09
pids=()
for i in $(seq 0 $((shards - 1))); do # the binary itself in the background, so that kill -9 reaches it
  JOB_COMPLETION_INDEX=$i "$bin" build --root "$site" --store "$store" --output "$work/shard-killed" --period 2026-10 \
    --shard "auto/$shards" >/dev/null & pids+=($!)
done
# Killed once the shards have written a few hundred of the month's pages.
for _ in $(seq 400); do
  [ "$(find "$work/shard-killed/m" -name 2026-10.html 2>/dev/null | head -n 300 | wc -l)" -ge 300 ] && break
  sleep 0.02
done
kill -9 "${pids[1]}" 2>/dev/null || true
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
rerun=$(JOB_COMPLETION_INDEX=1 "$bin" build --root "$site" --store "$store" --output "$work/shard-killed" --period 2026-10 --shard "auto/$shards")
echo "$rerun"
same "$work/shard-killed" "shard 1 killed part-way, then run again"

# Withdrawn shard by shard: the same as one build of the period before.
for i in $(seq 0 $((shards - 1))); do
  "$bin" unpublish --root "$site" --store "$store" --output "$work/shard-shared" --period 2026-10 --shard "$i/$shards" >/dev/null
done
rm -rf "$work/shard-single" && build --output "$work/shard-single" --period 2026-09
same "$work/shard-shared" "2026-10 unpublished by each shard"

# Two members erased (`punchcard forget`): the next shard builds remove their pages, as one build does.
erased=$("$bin" links --root "$site" --store "$store" --period 2026-09 --site-output "$work/shard-single" | sed -n '2,3p')
for id in $(echo "$erased" | cut -d, -f1); do "$bin" forget --root "$site" --store "$store" --member "$id" >/dev/null; done
build --output "$work/shard-single" --period 2026-09
all_shards "$work/shard-shared" 2026-09
for token in $(echo "$erased" | grep -o '/m/[^/]*/' | cut -d/ -f3); do
  [ ! -e "$work/shard-shared/m/$token" ] && [ ! -e "$work/shard-single/m/$token" ] || { echo "an erased member's pages are still there"; exit 1; }
done
same "$work/shard-shared" "2 members erased, then built by each shard"

#!/usr/bin/env bash
# Site build speed and memory against Hugo and the floor, on one machine in one run.
#
#   Benchmarks/site-speed.sh [MEMBERS] [WORKDIR]      (default: 100000 members, /tmp/punchcard-bench)
#
# Every line gives wall and CPU seconds (user + sys) and peak memory. After the builds on disk, the
# full build, Hugo and the floor are measured again in memory (MEMORY_DIR, default
# /dev/shm/punchcard-bench), three rounds, alternating. For ratios that a shared machine's load cannot
# move, compare commands in one run.
#
# Generates the store with ../shared/bench/gen_store.py (about 60 ledger rows a member), imports
# it, and measures with peak memory:
#   1. a full build of one period into an empty output/
#   2. the same build again, nothing changed (and 2'. with cold caches, when run as root)
#   3. a build after changing the ledgers of 100 members
#   4. a build after one template change
#   5. the next period's build, on top of the previous output
# and the references: Hugo on the same statement pages (../shared/bench/hugo_site.py), and the
# floor, a minimal C program that only creates the same files with the same sizes in the same
# layout (Benchmarks/floor/floor.c). Also a full build of a 10,000-member store, for memory growth.
# Needs: hugo, a C compiler, python3 (apt-get install -y hugo). Nothing it makes is committed.
#
# To compare with an earlier release in the same run, give its binary (and, when its program file
# does not know today's keys, a copy of the site it understands):
#   BASELINE_BIN=/tmp/punchcard-old BASELINE_SITE=/tmp/old-site Benchmarks/site-speed.sh
# Its full build is then measured twice, alternating with this build's, on the same store.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
members=${1:-100000}
work=${2:-/tmp/punchcard-bench}
data=$work/store-$members
mkdir -p "$work"
period=2026-10
next=2026-11

swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
source Benchmarks/measure.sh
cc -O2 -o "$work/floor" Benchmarks/floor/floor.c

[ -f "$data/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$data" >/dev/null
[ -f "$work/store-10000/ledger.csv" ] || python3 ../shared/bench/gen_store.py 10000 "$work/store-10000" >/dev/null

# A scratch copy of the site (content and theme), so the template change does not touch the repository.
site=$work/site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/"
rm -rf "$site/content/data"

results=$work/results.txt
: > "$results"
# measure LABEL COMMAND...: wall seconds and peak memory (MB), from GNU time.

# Nothing is deleted while measuring: every build "into an empty folder" gets a new folder. Creating
# files within a minute or so of deleting hundreds of thousands was two to three times slower here
# (ext4 skips recently deleted inodes when it allocates), which swamped every other difference. So
# the previous run's folders are deleted first, and the file system gets time to settle.
rm -rf "$work/output" "$work"/output-* "$work/floor-out" "$work/hugo" "$site/.punchcard" ${BASELINE_SITE:+"$BASELINE_SITE/.punchcard"}
echo "Letting the disk settle after deleting the previous run's files..." >&2
Benchmarks/settle.sh "$work"

store=$work/members-$members.sqlite
rm -f "$store" "$work"/members-10000.sqlite
measure "import ($members members)" "$bin" import --store "$store" --members "$data/members.csv" --ledger "$data/ledger.csv"
"$bin" import --store "$work/members-10000.sqlite" --members "$work/store-10000/members.csv" --ledger "$work/store-10000/ledger.csv" >/dev/null
# The import leaves the store for the kernel to write back: let that finish before timing builds.
Benchmarks/settle.sh "$work"

out=$work/output-a
measure "1. full build, empty output" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
# The floor's list: build 1's files and sizes, and its second names (hard links).
python3 Benchmarks/floor/list.py "$out" > "$work/files.txt"
measure "2. again, nothing changed" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
# The same with cold caches (as after a reboot, or when other work pushed the site out of memory):
# needs root to drop the kernel's caches; left out otherwise.
if sync && (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then
  measure "2'. nothing changed, cold caches" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
else
  echo "2'. (cold caches: needs root to write /proc/sys/vm/drop_caches; left out)" | tee -a "$results"
fi

# 3. One new ledger row for each of 100 members.
python3 - "$data/members.csv" "$work/fix.csv" <<'PY'
import csv, sys
ids = [r["member_id"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))][::max(1, 1000)][:100]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f); w.writerow(["txn_id", "member_id", "posted_on", "kind", "points", "description"])
    for i, m in enumerate(ids): w.writerow([f"BENCH-FIX-{i}", m, "2026-10-30", "adjust", 25, "Correction"])
PY
"$bin" import --store "$store" --ledger "$work/fix.csv" >/dev/null
measure "3. after 100 members' ledgers changed" "$bin" build --root "$site" --store "$store" --output "$out" --period $period

echo "{{! benchmark change }}" >> "$site/templates/statement.mustache"
measure "4. after one template change" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
# The next period may not have ended yet: its provisional statements, as an operator previews them.
measure "5. next period, on top" "$bin" build --root "$site" --store "$store" --output "$out" --period $next --preview-unfinished

# Memory growth: the same full build on 10,000 members.
measure "full build, 10,000 members" "$bin" build --root "$site" --store "$work/members-10000.sqlite" --output "$work/output-10k" --period $period

# Hugo on the same pages, every number precomputed.
if command -v hugo >/dev/null; then
  "$bin" statement --store "$store" --all --period $period --json > "$work/statements.jsonl"
  python3 ../shared/bench/hugo_site.py "$data" "$work/statements.jsonl" "$work/hugo" >/dev/null
  measure "Hugo (hugo --source SITE --quiet)" hugo --source "$work/hugo" --quiet
else
  echo "Hugo is not installed (apt-get install -y hugo): its line is left out." | tee -a "$results"
fi

# The floor: the same files (sizes, layout and hard links of build 1's output) made by a minimal program.
measure "floor (create the same $(wc -l < "$work/files.txt") files)" "$work/floor" "$work/floor-out" < "$work/files.txt"
measure "1'. full build again, another empty output" "$bin" build --root "$site" --store "$store" --output "$work/output-b" --period $period
if [ -n "${BASELINE_BIN:-}" ]; then
  measure "B. baseline: full build, empty output" "$BASELINE_BIN" build --root "${BASELINE_SITE:-$site}" --store "$store" --output "$work/output-base-1" --period $period
  measure "1''. full build again, another empty output" "$bin" build --root "$site" --store "$store" --output "$work/output-c" --period $period
  measure "B'. baseline again, another empty output" "$BASELINE_BIN" build --root "${BASELINE_SITE:-$site}" --store "$store" --output "$work/output-base-2" --period $period
fi

# In memory (/dev/shm): the same full builds, Hugo and the floor with the disk's noise taken out.
# Commands alternate, so that a change in the machine's speed falls on both.
shm=${MEMORY_DIR:-/dev/shm/punchcard-bench}
if [ -d /dev/shm ] && mkdir -p "$shm" 2>/dev/null; then
  rm -rf "$shm"/*
  echo "In memory ($shm):" | tee -a "$results"
  for round in 1 2 3; do
    measure "M$round. full build in memory" "$bin" build --root "$site" --store "$store" --output "$shm/output-$round" --period $period
    if [ -n "${BASELINE_BIN:-}" ]; then
      measure "M$round. baseline, full build in memory" "$BASELINE_BIN" build --root "${BASELINE_SITE:-$site}" --store "$store" --output "$shm/base-$round" --period $period
    fi
    if [ -d "$work/hugo" ]; then
      rm -rf "$shm/hugo" && cp -r "$work/hugo" "$shm/hugo" && rm -rf "$shm/hugo/public"
      measure "M$round. Hugo in memory" hugo --source "$shm/hugo" --quiet
    fi
    measure "M$round. floor in memory" "$work/floor" "$shm/floor-$round" < "$work/files.txt"
  done
  measure "M. nothing changed, in memory" "$bin" build --root "$site" --store "$store" --output "$shm/output-1" --period $period
  rm -rf "$shm"
fi

echo
echo "Results in $results"

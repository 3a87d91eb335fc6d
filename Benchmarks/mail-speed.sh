#!/usr/bin/env bash
# Statement e-mails against the site build, on one store in one run.
#
#   Benchmarks/mail-speed.sh [MEMBERS] [WORKDIR]      (default: 100000 members, /tmp/punchcard-bench)
#
# Generates the store (../shared/bench/gen_store.py) and imports it if needed, then alternates,
# twice: a full site build of 2026-10 into a new folder, and `mail --out` of the same period into a
# new folder (one .eml per member). Wall time and peak memory from GNU time; 10,000 members too,
# for memory growth. The target (issue 14): writing the messages takes at most the full build's time.
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
work=${2:-/tmp/punchcard-bench}
period=2026-10
mkdir -p "$work"

swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
source Benchmarks/measure.sh
store=$(prepare_store "$members")
store10k=$(prepare_store 10000)

site=$work/mail-site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"
rm -rf "$work"/mail-bench-*
Benchmarks/settle.sh "$work"

results=$work/mail-results.txt
: > "$results"
for round in 1 2; do
  measure "full site build ($members members), round $round" "$bin" build --root "$site" --store "$store" \
    --output "$work/mail-bench-site-$round" --period $period
  measure "mail --out ($members members), round $round" "$bin" mail --root "$site" --store "$store" \
    --site-output "$work/mail-bench-site-1" --period $period --out "$work/mail-bench-eml-$round"
done
"$bin" build --root "$site" --store "$store10k" --output "$work/mail-bench-site-10k" --period $period >/dev/null
measure "mail --out (10,000 members)" "$bin" mail --root "$site" --store "$store10k" \
  --site-output "$work/mail-bench-site-10k" --period $period --out "$work/mail-bench-eml-10k"
echo "Results in $results"

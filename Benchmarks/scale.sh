#!/usr/bin/env bash
# Punchcard at scale: the monthly cycle on a store of MEMBERS members (default 1,000,000), with the
# same full build on 100,000 members in the same run for the ratio, and peak memory and disk used.
#
#   Benchmarks/scale.sh [MEMBERS] [WORKDIR]      (default: 1000000 members, /tmp/punchcard-bench)
#   HUGO=1 Benchmarks/scale.sh                   (also try Hugo on the same statements; see below)
#
# Measures, with /usr/bin/time (wall seconds, peak memory):
#   import of the generated store (../shared/bench/gen_store.py: about 60 ledger rows a member);
#   a full build of 2026-10 into an empty folder, and the same on 100,000 members (the ratio);
#   the same build again with nothing changed, warm and with cold caches (as root);
#   the next period (2026-11, provisional) on top of that output: the monthly job.
# With HUGO=1 it also writes the same statements as a Hugo site (../shared/bench/hugo_site.py) and
# runs Hugo on it, stopped by a watchdog if its memory passes HUGO_LIMIT_GB (default 18 of this
# machine's 24; there is no swap, and the kernel would otherwise kill whatever it chooses).
# Needs about 20 GB of free disk per 1,000,000 members (the output), more with HUGO=1.
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-1000000}
work=${2:-/tmp/punchcard-bench}
data=$work/store-$members
period=2026-10
next=2026-11
mkdir -p "$work"

swift build -c release --product punchcard >/dev/null
bin=$(swift build -c release --show-bin-path)/punchcard
source Benchmarks/measure.sh
[ -f "$data/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$data" >/dev/null
[ -f "$work/store-100000/ledger.csv" ] || python3 ../shared/bench/gen_store.py 100000 "$work/store-100000" >/dev/null

site=$work/site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/" && rm -rf "$site/content/data"

results=$work/scale-$members.txt
: > "$results"
drop_caches() { sync && (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; }

# Every build goes into a new folder; the previous run's are deleted first, then a pause (creating
# files soon after deleting millions is much slower on this machine's ext4).
rm -rf "$work"/scale-out-* "$site/.punchcard"
echo "Letting the disk settle after deleting the previous run's files..." >&2
Benchmarks/settle.sh "$work"

store=$work/scale-$members.sqlite
small=$work/scale-100000.sqlite
rm -f "$store" "$small"
measure "import ($members members)" "$bin" import --store "$store" --members "$data/members.csv" --ledger "$data/ledger.csv"
echo "store: $(du -sh "$store" | cut -f1)" | tee -a "$results"
"$bin" import --store "$small" --members "$work/store-100000/members.csv" --ledger "$work/store-100000/ledger.csv" >/dev/null
# The imports leave gigabytes for the kernel to write back: let that finish before timing builds.
Benchmarks/settle.sh "$work"

out=$work/scale-out-$members
measure "full build, 100,000 members, empty output" "$bin" build --root "$site" --store "$small" --output "$work/scale-out-100000" --period $period
measure "full build, $members members, empty output" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
echo "output: $(du -sh "$out" | cut -f1) on disk, $(find "$out" -type f | wc -l) names, $(find "$out" -type f -links 1 | wc -l) files with one name" | tee -a "$results"
measure "again, nothing changed (warm)" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
if drop_caches; then
  measure "again, nothing changed (cold caches)" "$bin" build --root "$site" --store "$store" --output "$out" --period $period
else
  echo "(cold caches: needs root to write /proc/sys/vm/drop_caches; left out)" | tee -a "$results"
fi
measure "next period on top (the monthly job)" "$bin" build --root "$site" --store "$store" --output "$out" --period $next --preview-unfinished
echo "output after two periods: $(du -sh "$out" | cut -f1)" | tee -a "$results"

if [ -n "${HUGO:-}" ] && command -v hugo >/dev/null; then
  limit_kb=$(( ${HUGO_LIMIT_GB:-18} * 1024 * 1024 ))
  "$bin" statement --store "$store" --all --period $period --json > "$work/scale-statements.jsonl"
  rm -rf "$work/scale-hugo" "$work/scale-hugo-out"
  measure "Hugo site for the same statements (hugo_site.py)" python3 ../shared/bench/hugo_site.py "$data" "$work/scale-statements.jsonl" "$work/scale-hugo"
  hugo --source "$work/scale-hugo" --destination "$work/scale-hugo-out" --quiet > "$work/hugo.log" 2>&1 &
  hugo_pid=$!
  started=$(date +%s)
  peak=0
  outcome="finished"
  while kill -0 "$hugo_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$hugo_pid/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    if [ "${rss:-0}" -gt "$limit_kb" ]; then
      kill -9 "$hugo_pid"; outcome="stopped at the ${HUGO_LIMIT_GB:-18} GB limit"; break
    fi
    sleep 1
  done
  wait "$hugo_pid" 2>/dev/null && status=0 || status=$?
  printf '%-48s %8d s %8d MB   %s (exit %s), %s files written\n' "Hugo (hugo --source SITE --quiet)" \
    "$(( $(date +%s) - started ))" "$((peak / 1024))" "$outcome" "$status" \
    "$(find "$work/scale-hugo-out" -type f 2>/dev/null | wc -l)" | tee -a "$results"
fi

echo
echo "Results in $results"

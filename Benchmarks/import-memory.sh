#!/usr/bin/env bash
# An import's memory as the program grows: `punchcard import` of generated stores of 10,000,
# 100,000 and 1,000,000 members (about 60 ledger rows each) into new stores, with wall, CPU and
# peak memory from GNU time. With a second binary (BEFORE=path), each size runs both, alternating.
#
#   Benchmarks/import-memory.sh [DATADIR] [SIZES...]    (default: /tmp/punchcard-bench, 10000 100000 1000000)
#   STORES=/dev/shm Benchmarks/import-memory.sh          stores in memory, to take the disk out
#
# The target: peak memory at 1,000,000 members at most 1.5 x that at 10,000. Generated files and
# stores are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/punchcard-bench}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
stores=${STORES:-$data}
swift build -c release --product punchcard >/dev/null
after=$(swift build -c release --show-bin-path)/punchcard
binaries=("$after")
[ -n "${BEFORE:-}" ] && binaries=("$BEFORE" "$after")
for members in "${sizes[@]}"; do
  folder=$data/store-$members
  mkdir -p "$folder"
  [ -f "$folder/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$folder" --seed 5 --as-of 2026-10-31 >/dev/null
  for bin in "${binaries[@]}"; do
    store=$stores/import-memory-$members.sqlite
    rm -f "$store" "$store"-*
    /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$bin" import --store "$store" \
      --members "$folder/members.csv" --ledger "$folder/ledger.csv" >/dev/null
    read -r wall user sys kb < "$data/time.txt"
    printf '%9d members  %-40s %7.1f s wall %7.1f s CPU %6d MB\n' "$members" "$(basename "$(dirname "$bin")")/$(basename "$bin")" \
      "$wall" "$(python3 -c "print($user + $sys)")" "$((kb / 1024))"
    rm -f "$store" "$store"-*
  done
done

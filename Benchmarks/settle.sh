#!/usr/bin/env bash
# Waits until the disk under DIR is quiet: no trims (discards) and few writes over 15 seconds, at
# least 30 seconds in all and at most 10 minutes. On this machine's ext4 (mounted with discard),
# deleting hundreds of thousands of files keeps the disk busy for minutes after `rm` returns, and
# files created meanwhile were two to three times slower: a fixed pause was sometimes not enough.
#   Benchmarks/settle.sh DIR
dir=${1:-/tmp}
device=$(basename "$(df --output=source "$dir" | tail -1)")
stat=/sys/block/$device/stat
[ -r "$stat" ] || { sleep 90; exit 0; }
sample() { awk '{print $5, $12}' "$stat"; }
sync
waited=0
read -r writes discards < <(sample)
while [ $waited -lt 600 ]; do
  sleep 15; waited=$((waited + 15))
  read -r w d < <(sample)
  if [ $waited -ge 30 ] && [ $((w - writes)) -lt 100 ] && [ "$d" = "$discards" ]; then break; fi
  writes=$w; discards=$d
done
echo "The disk was quiet after ${waited} s." >&2

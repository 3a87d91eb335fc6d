#!/usr/bin/env bash
# Crash safety, as an operator meets it: builds killed (kill -9 or Ctrl-C) at random moments, each
# after a template edit that is then undone (so every killed build is rewriting every statement),
# must leave an output that the next build repairs completely: byte for byte the output of a clean
# build, with no temporary files left.
#
# usage: crash_safety.sh PUNCHCARD_BINARY [MEMBERS] [ROUNDS]
set -euo pipefail
bin=$(realpath "$1")
members=${2:-3000}
rounds=${3:-6}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generator="$here/../shared/bench/gen_store.py"
if [ -f "$generator" ]; then
  python3 "$generator" "$members" "$work/data" --seed 7 >/dev/null
else
  echo "crash safety: ../shared/bench/gen_store.py not found; using the example's members instead"
  mkdir -p "$work/data" && cp "$here/content/data/"*.csv "$work/data/"
  members=$(($(wc -l < "$work/data/members.csv") - 1))
fi
site="$work/site"
mkdir -p "$site"
cp -r "$here/content" "$here/templates" "$site/"
rm -rf "$site/content/data"
"$bin" import --root "$site" --members "$work/data/members.csv" --ledger "$work/data/ledger.csv" >/dev/null
period=2026-10

# The reference: one clean build, never interrupted.
"$bin" build --root "$site" --output "$work/clean" --period "$period" >/dev/null
# The output under test, built once before the trials begin.
"$bin" build --root "$site" --output "$work/out" --period "$period" >/dev/null
clean_seconds=$( { /usr/bin/time -f %e "$bin" build --root "$site" --output "$work/timing" --period "$period" >/dev/null; } 2>&1 | tail -n 1)
echo "crash safety: $members members, a clean build takes ${clean_seconds}s; $rounds interrupted builds follow"

template="$site/templates/statement.mustache"
cp "$template" "$work/statement.orig"
for round in $(seq "$rounds"); do
  # Every round edits the theme before the build that gets killed, and undoes the edit after.
  sed -i 's/<article class="statement/<article data-abandoned="'"$round"'" class="statement/' "$template"
  signal=KILL; [ $((round % 2)) = 0 ] && signal=INT
  delay=$(python3 -c "import random; print(round(random.uniform(0.05, max(0.1, float('$clean_seconds') * 0.9)), 2))")
  "$bin" build --root "$site" --output "$work/out" --period "$period" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cp "$work/statement.orig" "$template"
  echo "  round $round: killed with SIG$signal after ${delay}s, template edit undone"
done

"$bin" build --root "$site" --output "$work/out" --period "$period"
if ! diff -r "$work/clean" "$work/out" > "$work/diff.txt"; then
  echo "crash safety FAILED: the repaired output differs from a clean build:"
  head -n 20 "$work/diff.txt"
  exit 1
fi
leftovers=$(find "$work/out" -name '.*.tmp' | wc -l)
[ "$leftovers" = 0 ] || { echo "crash safety FAILED: $leftovers temporary files left in the output"; exit 1; }
# Each member's latest page is a second name of their period's page, not a copy.
copies=$(find "$work/out/m" -name index.html -links 1 | wc -l)
[ "$copies" = 0 ] || { echo "crash safety FAILED: $copies latest pages are not hard links to their period's page"; exit 1; }
echo "crash safety: the output after $rounds interrupted builds is byte for byte a clean build's"

#!/usr/bin/env bash
# Checks statements on the Persian and Umm al-Qura calendars against the independent reference
# (statement_reference.py, with PyPI's jdatetime and hijridate): the Persian example for three
# periods, Esfand of a leap year included, and a generated 10,000-member store for three periods.
# Usage: check_calendars.sh PUNCHCARD [MEMBERS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1
size=${2:-10000}
python3 -c "import jdatetime, hijridate" 2>/dev/null || python3 -m pip install -q jdatetime hijridate
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

example=examples/tehran-cafe
tiers="برنزی:0,نقره‌ای:2500,طلایی:10000"
check() { # DATA_DIR ROOT STORE CALENDAR PERIOD...
  local data=$1 root=$2 store=$3 calendar=$4; shift 4
  for period in "$@"; do
    "$bin" statement --root "$root" --store "$store" --all --period "$period" --json > "$scratch/statements.jsonl"
    python3 Tests/Reference/statement_reference.py "$data/members.csv" "$data/ledger.csv" "$period" "$scratch/statements.jsonl" \
      --calendar "$calendar" --tiers "$tiers" --warning-days 60 --link "https://narenj.example/join?ref={code}" \
      --program $example/content/program.yml
  done
}

"$bin" import --store "$scratch/example.sqlite" --members $example/content/data/members.csv --ledger $example/content/data/ledger.csv >/dev/null
echo "Persian example, Persian calendar (1403 is a leap year: Esfand has 30 days):"
check $example/content/data $example "$scratch/example.sqlite" persian 1405-08 1403-12 1404-12

# The same program on the Umm al-Qura calendar.
mkdir -p "$scratch/hijri/content"
sed 's/^calendar: persian$/calendar: islamic-umalqura/' $example/content/program.yml > "$scratch/hijri/content/program.yml"
echo "Persian example, Umm al-Qura calendar:"
check $example/content/data "$scratch/hijri" "$scratch/example.sqlite" islamic-umalqura 1448-05 1446-09 1445-12

generator=../shared/bench/gen_store.py
if [ -f "$generator" ]; then
  python3 "$generator" "$size" "$scratch/generated" --seed 7 --as-of 2026-11-21 >/dev/null
  "$bin" import --store "$scratch/generated.sqlite" --members "$scratch/generated/members.csv" \
    --ledger "$scratch/generated/ledger.csv" >/dev/null
  echo "Generated store ($size members), Persian calendar:"
  check "$scratch/generated" $example "$scratch/generated.sqlite" persian 1405-08 1403-12 1404-06
else
  echo "($generator not found: the generated-store check is skipped)"
fi

#!/usr/bin/env bash
# The first build on a fresh machine: a new clone of COMMIT with no .build/, then the README's two
# commands — `swift run punchcard build` (the example site) and `swift test` — each timed (the
# phases are printed; time the whole with /usr/bin/time -v or a benchmark runner). Packages come from
# the machine's package mirror, so resolving them takes seconds; what is measured is compiling.
#
#   Benchmarks/first-build.sh REPO COMMIT [SWIFT_BUILD_FLAGS…]      e.g. --disable-default-traits
#   FIRST_BUILD_ONLY=run …   times `swift run punchcard build` alone
set -euo pipefail
repo=$(realpath "$1") commit=$2; shift 2
parent=${FIRST_BUILD_DIR:-/work}
dir=$(mktemp -d "$parent/first-build.XXXXXX")
git clone -q "$repo" "$dir/clone"
git -C "$dir/clone" checkout -q "$commit"
cd "$dir/clone"
start=$(date +%s.%N)
# Each line stamped with the time it came, for Benchmarks/build-costs.py.
set -o pipefail
swift run "$@" punchcard build 2>&1 | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done > "$dir/run.log" \
  || { tail -20 "$dir/run.log"; exit 1; }
ran=$(date +%s.%N)
echo "first-build $commit $*: swift run punchcard build $(echo "$ran - $start" | bc) s"
if [ "${FIRST_BUILD_ONLY:-}" != run ]; then
  swift test "$@" > "$dir/test.log" 2>&1 || { tail -20 "$dir/test.log"; exit 1; }
  tested=$(date +%s.%N)
  echo "first-build $commit $*: then swift test $(echo "$tested - $ran" | bc) s ($(grep -o 'Test run with [0-9]* tests' "$dir/test.log" | tail -1))"
fi
echo "$dir" >> "$parent/first-build.dirs"   # removed by the caller, outside the timing

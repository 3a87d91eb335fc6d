#!/usr/bin/env python3
"""Where a first build's time goes, roughly: reads `swift build` output with a timestamp before each
line (seconds, as `while read l; do echo "$(date +%s.%N) $l"; done` writes it) and gives each
line's interval, up to the next line, to the module that line names (C and C++ files, which SwiftPM
names without their module, are counted together). Two jobs run at once on two cores, so a module's
share is an estimate; the total is the build's wall time.

    swift build 2>&1 | while IFS= read -r l; do echo "$(date +%s.%N) $l"; done > build.log
    python3 Benchmarks/build-costs.py build.log
"""
import re
import sys
from collections import defaultdict

rows = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    stamp, _, text = line.partition(" ")
    try:
        rows.append((float(stamp), text.strip()))
    except ValueError:
        continue
costs = defaultdict(float)
for (start, text), (end, _) in zip(rows, rows[1:]):
    m = re.match(r"\[\d+/\d+\] (Compiling|Emitting module|Wrapping AST for|Linking|Write|Building|Merging module) (\S+)(?: (\S+))?", text)
    if not m:
        costs["(resolving, planning, other)"] += end - start
        continue
    verb, first, second = m.groups()
    if verb == "Compiling" and second is None:
        name = "C and C++ files (both BoringSSL copies, SwiftPM's C targets)" if re.search(r"\.(c|cc|cpp|S)$", first) else first
    elif verb == "Linking":
        name = "linking"
    else:
        name = first
    costs[name] += end - start
total = rows[-1][0] - rows[0][0] if rows else 0
print(f"total {total:.0f} s")
for name, seconds in sorted(costs.items(), key=lambda kv: -kv[1])[:25]:
    print(f"{seconds:7.1f} s  {100 * seconds / total:5.1f} %  {name}")

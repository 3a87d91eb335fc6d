#!/usr/bin/env bash
# A month's build as N shard processes on one large machine, with GNU parallel (apt-get install -y
# parallel): the same result as one `punchcard build`, in N processes (each also uses every core).
#
#   examples/cluster/gnu-parallel.sh 2026-10 8
set -euo pipefail
period=${1:?usage: gnu-parallel.sh YYYY-MM [SHARDS]}
shards=${2:-$(nproc)}
seq 0 $((shards - 1)) | parallel --halt now,fail=1 -j "$shards" punchcard build --period "$period" --shard "{}/$shards"

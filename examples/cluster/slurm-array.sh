#!/usr/bin/env bash
# A month's build as a Slurm job array: one array task per shard, all writing into the same output
# on the cluster's shared file system. Slurm gives each task SLURM_ARRAY_TASK_ID (counted from
# SLURM_ARRAY_TASK_MIN), which `--shard auto/N` reads; N must match the array's size.
#
#   sbatch --export=ALL,PERIOD=2026-10 slurm-array.sh
#
#SBATCH --job-name=punchcard
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=01:00:00
set -euo pipefail
cd "${SITE:-$HOME/rewards-site}"        # content/, templates/, members.sqlite, output/
srun punchcard build --period "${PERIOD:?set PERIOD=YYYY-MM}" --shard auto/8

#!/usr/bin/env bash
# A new operator's first program, from a fresh clone to a published site, timed step by step with
# only the README's commands: build and install the Debian package, `punchcard init`, import their
# CSV files (here: the example's members and ledger, as an operator's CRM would export them),
# build, publish (rsync to a folder standing in for the web server). Run as root (apt-get).
#
#   Benchmarks/new-operator.sh REPO [WORKDIR]
set -euo pipefail
repo=$(realpath "$1")
work=$(realpath "${2:-/work}")/new-operator
rm -rf "$work" && mkdir -p "$work"
t0=$(date +%s)
step() { echo "$(( $(date +%s) - t0 )) s: $*"; }
git clone -q "$repo" "$work/punchcard"
cd "$work/punchcard"
step "cloned"
Scripts/package-deb.sh "$work" > "$work/package.log" 2>&1
step "Scripts/package-deb.sh: $(ls "$work"/punchcard_*.deb)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$work"/punchcard_*.deb > "$work/install.log" 2>&1
step "apt-get install ./punchcard_*.deb: $(punchcard --version)"
cd "$work"
punchcard init club --name "Tehran Café Club" --languages fa-IR,en-US --calendar persian --currency IRR \
  --base-url https://club.example/ > /dev/null
step "punchcard init club"
cd club
punchcard import --members "$work/punchcard/examples/tehran-cafe/content/data/members.csv" \
  --ledger "$work/punchcard/examples/tehran-cafe/content/data/ledger.csv"
step "punchcard import (the operator's members.csv and ledger.csv)"
punchcard check
punchcard build
step "punchcard build"
mkdir -p "$work/www" && rsync -aH --delete output/ "$work/www/"
step "published: $(find "$work/www/m" -name index.html | wc -l) statement pages, $(find "$work/www" -type f | wc -l) files"

#!/usr/bin/env bash
# The Debian package as an operator gets it: built by Scripts/package-deb.sh, installed with
# apt-get, then `punchcard --version`, `punchcard init` and a first build run by the installed binary
# with no Swift toolchain in reach (a bare PATH, no Swift library linked).
#
#   Tests/Install/check_deb.sh WORKDIR      (as root: it installs the package)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(realpath "$1")/deb
rm -rf "$work" && mkdir -p "$work"
fail() { echo "deb check: $*" >&2; exit 1; }

started=$(date +%s)
Scripts/package-deb.sh "$work" > "$work/package.log" 2>&1 || { tail -30 "$work/package.log"; fail "the package did not build"; }
echo "package built in $(( $(date +%s) - started )) s: $(grep '^Depends:' "$work/package.log")"
deb=$(ls "$work"/punchcard_*.deb)
dpkg-deb --field "$deb" Depends | grep -q "libcmark" || fail "Depends: does not name cmark"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install failed"; }
[ -x /usr/bin/punchcard ] || fail "no /usr/bin/punchcard after installing"
! ldd /usr/bin/punchcard | grep -q 'libswift\|libFoundation\|/opt/swift' || fail "the installed binary links Swift's libraries"

bare() { env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
version=$(bare punchcard --version)
echo "$version" | grep -Eq '^punchcard [0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{7,}' || fail "--version: $version"
expected=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
[ -z "$expected" ] || echo "$version" | grep -q "$expected" || fail "--version names another commit: $version (HEAD is $expected)"
bare punchcard init "$work/club" --name "Tehran Café Club" --languages fa-IR,en-US --calendar persian --currency IRR --example >/dev/null
(cd "$work/club" && bare punchcard build > "$work/build.log" 2>&1) || { cat "$work/build.log"; fail "the installed binary could not build a new site"; }
[ "$(find "$work/club/output/m" -name index.html | wc -l)" -gt 30 ] || fail "the installed binary built no statements"
(cd "$work/club" && bare punchcard check >/dev/null) || fail "the installed binary's check failed"
echo "deb: $version installed with apt-get, init, build and check run without Swift: all passed"

#!/usr/bin/env bash
# Builds punchcard_<version>_<arch>.deb: the release binary with Swift's runtime and Foundation linked
# in (--static-swift-stdlib), so the machine it is installed on needs no Swift toolchain — only the
# Debian libraries it links (cmark, SQLite, ICU, libqrencode, librsvg and what they need), which
# dpkg-shlibdeps lists in Depends: with the versions this machine has.
#
#   Scripts/package-deb.sh [OUTDIR]        # then: apt-get install ./punchcard_*.deb
#
# Needs the build machine's -dev packages (the README's apt-get line) and dpkg-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath "${1:-.}")
mkdir -p "$out"
# The commit goes into `punchcard --version` (Plugins/BuildInfo reads it from git, or from here).
export PUNCHCARD_COMMIT=${PUNCHCARD_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}
scratch=.build-release
swift build -c release --static-swift-stdlib --product punchcard --scratch-path "$scratch"
bin="$scratch/release/punchcard"
# No Swift library may be left to find at run time.
if ldd "$bin" | grep -q 'libswift\|libFoundation\|/opt/swift'; then
  echo "package-deb: the binary still links Swift's shared libraries:" >&2
  ldd "$bin" | grep 'libswift\|libFoundation\|/opt/swift' >&2
  exit 1
fi
version=$("$bin" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$bin" "$stage/root/usr/bin/punchcard"
strip --strip-unneeded "$stage/root/usr/bin/punchcard"
install -D -m 0644 README.md "$stage/root/usr/share/doc/punchcard/README.md"
cp -r docs "$stage/root/usr/share/doc/punchcard/docs"
chmod -R u=rwX,go=rX "$stage/root/usr/share/doc/punchcard"

# Depends: as Debian computes it, from the libraries the binary needs.
mkdir -p "$stage/debian"
printf 'Source: punchcard\n\nPackage: punchcard\nArchitecture: any\n' > "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -e root/usr/bin/punchcard 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

mkdir -p "$stage/root/DEBIAN"
size=$(du -sk "$stage/root/usr" | cut -f1)
cat > "$stage/root/DEBIAN/control" <<CONTROL
Package: punchcard
Version: $version
Architecture: $arch
Maintainer: Punchcard <punchcard@example.org>
Installed-Size: $size
Depends: $depends
Section: web
Priority: optional
Homepage: https://github.com/punchcard/punchcard
Description: static-site generator for customer-loyalty programs
 Reads a loyalty program's member store (SQLite or PostgreSQL) and Markdown
 content and writes a static site: public pages about the program and one
 private statement page per member, in English, Persian and Arabic.
 Built $PUNCHCARD_COMMIT; Swift's runtime is linked in.
CONTROL
package="$out/punchcard_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage/root" "$package" >/dev/null
echo "$package"
echo "Depends: $depends"

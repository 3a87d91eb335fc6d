#!/usr/bin/env bash
# A new operator's first minutes, with the binary BIN: `punchcard init` in the three language
# combinations the issue names, then `cd DIR && punchcard build` and `punchcard check` exactly as the
# README says; init refusing to write over a site; the theme ejected and edited; check on the example
# and the Tehran example, and check finding a broken template and a bad data row with their lines.
#
#   Tests/Starter/check_init.sh BIN WORKDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
bin=$(realpath "$1")
work=$(realpath "$2")/starter
rm -rf "$work" && mkdir -p "$work"
fail() { echo "init check: $*" >&2; exit 1; }

"$bin" --version | grep -Eq '^punchcard [0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{7,}' || fail "--version: $("$bin" --version)"

check_site() { # DIR NAME LANGUAGES CALENDAR CURRENCY
  local dir=$1
  (cd "$dir" && "$bin" build > build.log 2>&1) || { cat "$dir/build.log"; fail "$2: the first build failed"; }
  grep -q "warning" "$dir/build.log" && { cat "$dir/build.log"; fail "$2: the first build warned"; }
  [ ! -e "$dir/templates" ] || fail "$2: init wrote a templates/ folder"
  [ -f "$dir/output/index.html" ] && [ -f "$dir/output/assets/style.css" ] || fail "$2: no home page or style sheet"
  pages=$(find "$dir/output/m" -name index.html | wc -l)
  [ "$pages" -gt 30 ] || fail "$2: only $pages statement pages"
  (cd "$dir" && "$bin" check --strict > check.log 2>&1) || { cat "$dir/check.log"; fail "$2: check --strict failed on a new site"; }
  grep -q '^OK in' "$dir/check.log" || fail "$2: check did not say OK"
}

"$bin" init "$work/en" --languages en-US --example >/dev/null
check_site "$work/en" "en-US"
grep -q 'dir="ltr"' "$work/en/output/index.html" || fail "en-US: not left-to-right"

"$bin" init "$work/fa" --name "باشگاه مشتریان کافه تهران" --languages fa-IR --calendar persian --currency IRR \
  --base-url https://club.example/ --example >/dev/null
check_site "$work/fa" "fa-IR"
grep -q 'dir="rtl"' "$work/fa/output/index.html" || fail "fa-IR: the home page is not right-to-left"
grep -q 'calendar: persian' "$work/fa/content/program.yml" || fail "fa-IR: not on the Persian calendar"
page=$(find "$work/fa/output/m" -name index.html | head -1)
grep -q '۱\|۲\|۳\|۴\|۵' "$page" || fail "fa-IR: a statement without Persian digits"

"$bin" init "$work/ar-en" --name 'Tehran Café Club' --languages ar-SA,en-US --calendar islamic-umalqura --currency SAR --example >/dev/null
check_site "$work/ar-en" "ar-SA + en-US"
[ -f "$work/ar-en/output/en/index.html" ] || fail "ar-SA + en-US: no English pages under /en/"
grep -q 'dir="rtl"' "$work/ar-en/output/index.html" || fail "ar-SA + en-US: the Arabic home page is not right-to-left"

# Without --example and without a terminal: the defaults, public pages, no statements.
"$bin" init "$work/empty" < /dev/null >/dev/null
(cd "$work/empty" && "$bin" build >/dev/null) || fail "an empty new site did not build"
[ "$(head -1 "$work/empty/content/data/members.csv")" = "member_id,name,email,locale,joined_on,referred_by,status" ] || fail "members.csv header"

# Never over a site: refused, naming what is there, nothing changed.
before=$(sha1sum "$work/en/content/program.yml")
if "$bin" init "$work/en" --languages fa-IR > "$work/refused.log" 2>&1; then fail "init wrote over a site"; fi
grep -q "already has a site (content/" "$work/refused.log" || { cat "$work/refused.log"; fail "the refusal does not say what is there"; }
[ "$(sha1sum "$work/en/content/program.yml")" = "$before" ] || fail "a refused init changed the site"
if "$bin" init "$work/bad" --languages de-DE 2> "$work/bad.log" >/dev/null; then fail "init took de-DE"; fi
grep -q -- "--languages" "$work/bad.log" || fail "a wrong language is not named by its flag"
[ ! -e "$work/bad" ] || fail "a refused init left a folder"

# The theme: ejected, edited, rebuilt; an unknown file refused.
(cd "$work/en" && "$bin" theme --eject partials/footer.mustache mail >/dev/null)
[ -f "$work/en/templates/partials/footer.mustache" ] && [ -f "$work/en/templates/mail/statement.html.mustache" ] || fail "eject wrote nothing"
[ ! -e "$work/en/templates/statement.mustache" ] || fail "eject copied files it was not asked for"
sed -i 's|</footer>|<p class="made-here">Edited footer</p></footer>|' "$work/en/templates/partials/footer.mustache"
(cd "$work/en" && "$bin" build >/dev/null)
grep -q "Edited footer" "$work/en/output/index.html" || fail "the ejected footer is not used"
(cd "$work/en" && "$bin" theme) | grep -q "templates/partials/footer.mustache.*the site's (replaces the built-in)" || fail "theme does not list the site's file"
if (cd "$work/en" && "$bin" theme --eject no-such.mustache) 2>/dev/null; then fail "eject took an unknown file"; fi

# check finds problems with their lines, and writes nothing.
echo '<p>{{no_such_value}}</p>' >> "$work/en/templates/partials/footer.mustache"
echo 'M9999,Broken Row,x@example.com,en-US,2026-02-30,,active' >> "$work/empty/content/data/members.csv"
if (cd "$work/en" && "$bin" check > /dev/null 2> "$work/check-en.log"); then fail "check passed a broken template"; fi
grep -q "^error: templates/partials/footer.mustache:[0-9]*:[0-9]*: .*no_such_value" "$work/check-en.log" || { cat "$work/check-en.log"; fail "check did not name the template's line"; }
rm -f "$work/empty/members.sqlite"
if (cd "$work/empty" && "$bin" check > /dev/null 2> "$work/check-empty.log"); then fail "check passed a bad members.csv row"; fi
grep -q "^error: content/data/members.csv:[0-9]*" "$work/check-empty.log" || { cat "$work/check-empty.log"; fail "check did not name the data row"; }
[ ! -e "$work/empty/members.sqlite" ] || fail "check created a store"

# The repository's two examples check clean.
"$bin" check --root "$repo" --store "$work/none.sqlite" > "$work/example.log" 2>&1 && fail "check took a store that does not exist"
grep -q "none.sqlite" "$work/example.log" || { cat "$work/example.log"; fail "check did not name the missing store"; }
example=$work/example && mkdir -p "$example" && cp -r "$repo/content" "$repo/templates" "$example/"
(cd "$example" && "$bin" check --strict) > "$work/example-ok.log" 2>&1 || { cat "$work/example-ok.log"; fail "check --strict failed on the example"; }
grep -q "^OK in" "$work/example-ok.log" || fail "check did not say OK on the example"
tehran=$work/tehran && cp -r "$repo/examples/tehran-cafe/content" "$tehran-content" && mkdir -p "$tehran" && mv "$tehran-content" "$tehran/content"
(cd "$tehran" && "$bin" check) > "$work/tehran.log" 2>&1 || { cat "$work/tehran.log"; fail "check failed on the Tehran example"; }
echo "init: three new sites built and checked (en-US; fa-IR, Persian calendar; ar-SA + en-US, Umm al-Qura), refusals, theme eject, check's errors: all passed"

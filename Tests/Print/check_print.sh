#!/usr/bin/env bash
# Prints statement pages to PDF in headless Chromium (its default paper, US Letter, the shorter of
# Letter and A4) and checks the promise of the print style: a typical member's statement (the median
# page in each language) on one sheet, the fullest page on two at most, and nothing that only makes
# sense on a screen (the link to the latest statement, the private-address note) on paper.
# Usage: check_print.sh PUNCHCARD STORE OUTPUT   (OUTPUT: a built site)
set -euo pipefail
bin=$1 store=$2 output=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bin" links --store "$store" --site-output "$output" --output "$scratch/links.csv"
# locale, role (typical | fullest), member, token: by the size of each member's page.
python3 - "$scratch/links.csv" "$output" > "$scratch/chosen.txt" <<'PY'
import csv, os, sys
pages = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    token = r["url"].rstrip("/").rsplit("/", 1)[-1]
    size = os.path.getsize(os.path.join(sys.argv[2], "m", token, "index.html"))
    pages.setdefault(r["locale"], []).append((size, r["member_id"], token))
for locale, rows in sorted(pages.items()):
    rows.sort()
    for role, (size, member, token) in (("typical", rows[len(rows) // 2]), ("fullest", rows[-1])):
        print(locale, role, member, token)
PY
failed=0
while read -r locale role member token; do
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$scratch/$member.pdf" "file://$output/m/$token/index.html" >/dev/null 2>&1
  sheets=$(pdfinfo "$scratch/$member.pdf" | awk '/^Pages:/ {print $2}')
  limit=2; [ "$role" = typical ] && limit=1
  if [ "$sheets" -gt "$limit" ]; then
    echo "$member's statement ($locale, $role) prints on $sheets pages; at most $limit expected"; failed=1
  fi
  # What is screen-only (links onward, the private-address note) must not print: none of its words.
  while IFS= read -r words; do
    if [ -n "$words" ] && pdftotext -q "$scratch/$member.pdf" - | tr -s ' \n' ' ' | grep -F "$words" >/dev/null; then
      echo "$member's printed statement ($locale) shows the screen-only text: $words"; failed=1
    fi
  done < <(python3 - "$output/m/$token/index.html" <<'PY'
import re, sys, html
page = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<p class="(?:screen-only|private)">(.*?)</p>', page, re.S):
    print(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip())
PY
)
  echo "  $locale $role ($member): $sheets page(s)"
done < "$scratch/chosen.txt"
[ "$failed" = 0 ] || exit 1
echo "Print: typical statements on one page, the fullest on two at most, screen-only parts hidden"

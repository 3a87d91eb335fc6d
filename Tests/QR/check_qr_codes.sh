#!/usr/bin/env bash
# Photographs statement pages in headless Chromium, as a phone shows them (390 px wide), and decodes
# their QR codes with zbarimg: the member card must read as the member id, the referral code as
# the referral link and each coupon as the member's code, in English, Persian and Arabic pages alike
# (in each language, a member holding a coupon when there is one).
# Usage: check_qr_codes.sh PUNCHCARD STORE OUTPUT   (OUTPUT: a built site)
set -euo pipefail
bin=$1 store=$2 output=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bin" links --store "$store" --site-output "$output" --output "$scratch/links.csv"
checked=0
for locale in en-US fa-IR ar-SA; do
  # member_id, name, email, locale, …, url: the first member in this locale with a page.
  row=$(python3 - "$scratch/links.csv" "$locale" "$output" <<'PY'
import csv, os, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["locale"] == sys.argv[2]]
def token(r): return r["url"].rstrip("/").rsplit("/", 1)[-1]
def page(r): return os.path.join(sys.argv[3], "m", token(r), "index.html")
rows = [r for r in rows if os.path.exists(page(r))]
holders = [r for r in rows if 'class="coupon"' in open(page(r), encoding="utf-8").read()]
r = (holders or rows)[0]
print(r["member_id"], token(r))
PY
)
  read -r member token <<< "$row"
  page="$output/m/$token/index.html"
  link=$(grep -o 'href="https://[^"]*ref=[^"]*"' "$page" | head -n 1 | sed 's/^href="//; s/"$//')
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=390,7000 \
    --screenshot="$scratch/$locale.png" "file://$page" >/dev/null 2>&1
  decoded=$(zbarimg -q --raw "$scratch/$locale.png" 2>/dev/null | sort)
  coupons=$(grep -o '<figure class="coupon">' "$page" >/dev/null && python3 -c '
import html, re, sys
for code in re.findall(r"<figure class=\"coupon\">.*?<code dir=\"ltr\">(.*?)</code>", open(sys.argv[1], encoding="utf-8").read(), re.S):
    print(html.unescape(code))' "$page" || true)
  expected=$(printf '%s\n%s\n%s' "$member" "$link" "$coupons" | sed '/^$/d' | sort)
  if [ "$decoded" != "$expected" ]; then
    echo "QR codes on $member's page ($locale) read as:"; echo "$decoded"; echo "expected:"; echo "$expected"; exit 1
  fi
  checked=$((checked + 1))
done
echo "QR codes: member card, referral link and coupons decode on $checked statements (en-US, fa-IR, ar-SA) at 390 px"

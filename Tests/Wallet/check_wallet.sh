#!/usr/bin/env bash
# Wallet cards end to end on the example, with throwaway credentials (make_test_credentials.sh):
# every pass and save link checked as Wallet and Google would (wallet_check.py); an unchanged
# build rewrites nothing; a new colour rewrites the passes and no page; a closed account loses its
# pass; wrong credentials are one error each and leave output/ as it was; the preview serves passes
# with their type; the e-mail links to both; a build killed mid-way is finished by the next.
#
#   Tests/Wallet/check_wallet.sh BIN WORKDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
work=$(realpath "$2")/wallet
rm -rf "$work" && mkdir -p "$work"
site=$work/site
mkdir -p "$site" && cp -r content templates "$site/"
bash Tests/Wallet/make_test_credentials.sh "$site/secrets" >/dev/null
cat >> "$site/content/program.yml" <<'YAML'
wallet:
  apple:
    pass_type_id: pass.example.saffron.card
    team_id: ABCDE12345
    organization: Saffron Rewards
    certificate: secrets/pass.pem
    key: secrets/pass.key
    wwdr: secrets/root.pem
    background_color: "#7a2e1f"
    foreground_color: "#ffffff"
    label_color: "#f6c453"
  google:
    issuer_id: "3388000000012345678"
    class_id: saffron-rewards
    service_account_key: secrets/google.json
YAML
store=$work/members.sqlite
out=$work/output
pc() { "$bin" "$1" --root "$site" "${@:2}"; }
fail() { echo "wallet check: $*" >&2; exit 1; }
pc import --store "$store" --members content/data/members.csv --ledger content/data/ledger.csv \
  --surveys content/data/surveys.csv --memberships content/data/memberships.csv --coupons content/data/coupons.csv >/dev/null
languages=$(python3 -c "import yaml,sys; print(','.join(yaml.safe_load(open('$site/content/program.yml'))['languages']))" 2>/dev/null || echo en,fa,ar)
check() {
  pc statement --store "$store" --all --json --period 2026-10 > "$work/statements.jsonl"
  python3 Tests/Wallet/wallet_check.py "$out" "$store" "$work/statements.jsonl" "$site/secrets/root.pem" \
    "$site/secrets/google-public.pem" "$languages"
}

# 1. The first build: a pass and a link per open account, checked.
pc build --store "$store" --output "$out" --period 2026-10 >/dev/null
check
passes=$(find "$out/m" -name card.pkpass | wc -l)

# 2. Nothing changed: nothing written.
line=$(pc build --store "$store" --output "$out" --period 2026-10)
echo "$line" | grep -q " 0 written" || fail "an unchanged build wrote files: $line"

# 3. A new label colour: every pass anew, no page (a page shows no colour of the pass).
sed -i 's/label_color: "#f6c453"/label_color: "#f6c454"/' "$site/content/program.yml"
line=$(pc build --store "$store" --output "$out" --period 2026-10)
echo "$line" | grep -q " $passes written" || fail "a new colour should rewrite the $passes passes only: $line"
unzip -p "$(find "$out/m" -name card.pkpass -print -quit)" pass.json | grep -q '"rgb(246, 196, 84)"' || fail "the new colour is not in the pass"

# 4. A closed account loses its pass.
closing=$(python3 - "$store" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT member_id FROM members WHERE status = 'active' ORDER BY member_id LIMIT 1").fetchone()[0])
PY
)
token=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT token FROM members WHERE member_id = ?', (sys.argv[2],)).fetchone()[0])" "$store" "$closing")
[ -f "$out/m/$token/card.pkpass" ] || fail "$closing has no pass to lose"
python3 - "$closing" content/data/members.csv "$work/members-closed.csv" <<'PY'
import csv, sys
member, source, target = sys.argv[1:]
rows = list(csv.DictReader(open(source, encoding="utf-8")))
fields = list(rows[0].keys()) + ([] if "status" in rows[0] else ["status"])
with open(target, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=fields)
    w.writeheader()
    for r in rows:
        if r["member_id"] == member: r["status"] = "closed"
        w.writerow(r)
PY
pc import --store "$store" --members "$work/members-closed.csv" >/dev/null
pc build --store "$store" --output "$out" --period 2026-10 >/dev/null
[ ! -e "$out/m/$token/card.pkpass" ] || fail "the closed account $closing still has a pass"
! grep -q "pay.google.com" "$out/m/$token/index.html" || fail "the closed account's page still offers Google Wallet"
check

# 5. Wrong credentials: one error each, naming the setting; output/ as it was.
snapshot() { find "$out" -type f -printf '%P %s %T@\n' | sort | md5sum; }
before=$(snapshot)
cp "$site/content/program.yml" "$work/program.yml"
refused() { # SED-EXPRESSION FIELD WORDS
  cp "$work/program.yml" "$site/content/program.yml"
  sed -i "$1" "$site/content/program.yml"
  if pc build --store "$store" --output "$out" --period 2026-10 > "$work/refused.log" 2>&1; then fail "built with $2 broken"; fi
  [ "$(grep -c '^error: ' "$work/refused.log")" -eq 1 ] || { cat "$work/refused.log"; fail "not one error for $2"; }
  grep -q "^error: .*content/program.yml:[0-9]*:[0-9]*: $2: .*$3" "$work/refused.log" || { cat "$work/refused.log"; fail "the error does not name $2 ($3)"; }
  [ "$(snapshot)" = "$before" ] || fail "a refused build ($2) changed output/"
}
bash Tests/Wallet/make_test_credentials.sh "$work/expired" 0 >/dev/null
cp "$work/expired/pass.pem" "$site/secrets/expired.pem"; cp "$work/expired/pass.key" "$site/secrets/expired.key"
cp "$work/expired/root.pem" "$site/secrets/expired-root.pem"
sleep 1
refused 's|secrets/pass.pem|secrets/expired.pem|; s|secrets/pass.key|secrets/expired.key|; s|secrets/root.pem|secrets/expired-root.pem|' \
  wallet.apple.certificate "expired on"
refused 's|key: secrets/pass.key|key: secrets/google.key|' wallet.apple.key "not the pass certificate's"
refused 's|certificate: secrets/pass.pem|certificate: secrets/missing.pem|' wallet.apple.certificate "cannot read"
refused 's|wwdr: secrets/root.pem|wwdr: secrets/pass.pem|' wallet.apple.wwdr "not issued by"
refused 's|service_account_key: secrets/google.json|service_account_key: secrets/pass.key|' wallet.google.service_account_key "not a service account"
mkdir -p "$site/templates/assets/keys" && cp "$site/secrets/pass.key" "$site/templates/assets/keys/"
refused 's|key: secrets/pass.key|key: templates/assets/keys/pass.key|' wallet.apple.key "published"
rm -r "$site/templates/assets/keys"
cp "$work/program.yml" "$site/content/program.yml"

# 6. The preview serves a pass with Wallet's type.
pc serve --store "$store" --output "$work/preview" --period 2026-10 --port 0 > "$work/serve.log" 2>&1 & serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "Serving" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o "http://[^ ]*/" "$work/serve.log" | sed -n 1p)
some=$(find "$work/preview/m" -name card.pkpass -print -quit)
type=$(curl -s -o /dev/null -w '%{content_type}' "$url${some#"$work/preview/"}")
kill $serve; wait $serve 2>/dev/null || true; trap - EXIT
[ "$type" = "application/vnd.apple.pkpass" ] || fail "the preview serves a pass as $type"

# 7. The e-mail links to both.
pc mail --store "$store" --period 2026-10 --site-output "$out" --out "$work/mail" >/dev/null
python3 - "$work/mail" <<'PY'
import email, pathlib, sys
found = 0
for f in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    m = email.message_from_binary_file(open(f, "rb"))
    for part in m.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            text = part.get_payload(decode=True).decode()
            assert "/card.pkpass" in text and "https://pay.google.com/gp/v/save/" in text, f"{f.name}: no wallet links"
            found += 1
assert found, "no messages"
print(f"wallet: {found} e-mail parts link to both wallets")
PY

# 8. Killed mid-build at random moments: the next build finishes every pass.
rm -rf "$out"
for _ in 1 2 3 4 5; do
  "$bin" build --root "$site" --store "$store" --output "$out" --period 2026-10 >/dev/null 2>&1 & b=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 $b 2>/dev/null || true; wait $b 2>/dev/null || true
done
pc build --store "$store" --output "$out" --period 2026-10 >/dev/null
check
[ -z "$(find "$out" -name '*.tmp')" ] || fail "temporary files left after the kills"

# 9. Without wallet: no passes, no links, and the old passes go.
cp content/program.yml "$site/content/program.yml"
pc build --store "$store" --output "$out" --period 2026-10 >/dev/null
[ -z "$(find "$out/m" -name card.pkpass)" ] || fail "passes left after wallet: was removed"
! grep -rq "pay.google.com\|card.pkpass" "$out/m" || fail "wallet links left after wallet: was removed"
echo "wallet: all checks passed"

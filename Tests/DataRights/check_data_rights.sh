#!/usr/bin/env bash
# Members' data rights end to end on the example: a member's copy (export), their erasure (forget)
# with the rebuilt site, the staff search and the delivery record checked for anything of theirs,
# the report unchanged, a re-import of the example skipping them, and a forget killed at random
# moments finished by the next run.
#
#   Tests/DataRights/check_data_rights.sh BIN WORKDIR [STORE]     (STORE: a postgres:// address; default SQLite)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
work=$(realpath "$2")/data-rights
store=${3:-$work/members.sqlite}
rm -rf "$work" && mkdir -p "$work"
site=$work/site
mkdir -p "$site" && cp -r content templates "$site/"
import() { "$bin" import --root "$site" --store "$store" --members content/data/members.csv --ledger content/data/ledger.csv \
  --surveys content/data/surveys.csv --memberships content/data/memberships.csv --coupons content/data/coupons.csv "$@"; }
import >/dev/null
"$bin" build --root "$site" --store "$store" --output "$work/output" --period 2026-10 >/dev/null
"$bin" report --root "$site" --store "$store" --period 2026-10 --output "$work/report-before" >/dev/null
"$bin" mail --root "$site" --store "$store" --period 2026-10 --site-output "$work/output" --send --sendmail "cat >/dev/null" >/dev/null

# The member: one with a plan, a survey comment and a delivery.
member=$(python3 - <<'PY'
import csv
plans = {r["member_id"] for r in csv.DictReader(open("content/data/memberships.csv"))}
surveys = {r["member_id"] for r in csv.DictReader(open("content/data/surveys.csv")) if r.get("comment")}
rows = list(csv.DictReader(open("content/data/members.csv")))
names = [r["name"] for r in rows]
for r in rows:
    if r["member_id"] in plans and r["member_id"] in surveys and r["email"] and (r.get("status") or "active") == "active" \
            and names.count(r["name"]) == 1 and (r.get("channel") or "email") == "email":
        print(r["member_id"]); break
PY
)
email=$(awk -F, -v m="$member" '$1 == m { print $3 }' content/data/members.csv)
name=$(awk -F, -v m="$member" '$1 == m { print $2 }' content/data/members.csv)
token=$("$bin" links --root "$site" --store "$store" --period 2026-10 --site-output "$work/output" | awk -F, -v m="$member" '$1 == m' | grep -o '/m/[^/]*/' | cut -d/ -f3)
[ -n "$member" ] && [ -n "$email" ] && [ -n "$token" ] || { echo "no member to test with"; exit 1; }
grep -rq "$token" "$work/output/m/$token/index.html" 2>/dev/null || [ -f "$work/output/m/$token/index.html" ] || { echo "the member has no page"; exit 1; }

# 1. Their copy: their row, every ledger row, their survey answer, their plan and their delivery.
"$bin" export --root "$site" --store "$store" --member "$member" --site-output "$work/output" > "$work/export.json"
python3 - "$work/export.json" "$member" "$email" <<'PY'
import csv, json, sys
doc = json.load(open(sys.argv[1])); member, email = sys.argv[2], sys.argv[3]; t = doc["tables"]
assert t["members"][0]["email"] == email, t["members"]
ledger = [r for r in csv.DictReader(open("content/data/ledger.csv")) if r["member_id"] == member]
assert sorted(r["txn_id"] for r in t["ledger"]) == sorted(r["txn_id"] for r in ledger), "ledger rows differ"
assert t["surveys"] and t["memberships"], "survey or plan missing"
assert any(d["address"] == email for d in t["deliveries"]), "delivery missing"
assert t["published_periods"], "no published period"
print(f"export: {member}: {len(t['ledger'])} ledger rows, {len(t['deliveries'])} deliveries, {len(t['published_periods'])} pages")
PY
"$bin" export --root "$site" --store "$store" --member "$member" --format csv --output "$work/export-csv" 2>/dev/null
[ -s "$work/export-csv/ledger.csv" ] && [ -s "$work/export-csv/members.csv" ] || { echo "csv export missing"; exit 1; }

# The staff search finds them before (so that finding nothing after means something).
[ "$("$bin" find --root "$site" --store "$store" "$email" 2>/dev/null | grep -c "^$member	")" -eq 1 ] || { echo "the staff search does not find them before the erasure"; exit 1; }

# 2. Erased, pages removed at once; the next build, the staff search and the records hold nothing of them.
"$bin" forget --root "$site" --store "$store" --member "$member" --output "$work/output" >/dev/null
"$bin" build --root "$site" --store "$store" --output "$work/output" --period 2026-10 >/dev/null
! grep -rqF -e "$email" -e "$token" -e "$name" "$work/output" || { echo "the erased member is still in output/"; exit 1; }
[ "$("$bin" find --root "$site" --store "$store" "$email" 2>/dev/null | wc -l)" -eq 0 ] || { echo "the staff search finds them"; exit 1; }
# The preview's staff index: every page of it, and a search for them.
"$bin" serve --root "$site" --store "$store" --output "$work/preview" --period 2026-10 --port 0 > "$work/serve.log" 2>&1 & serve=$!
for _ in $(seq 300); do grep -q "Serving" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -n 1)
python3 - "$url" "$name" "$email" "$member" <<'PY'
import sys, urllib.parse, urllib.request
url, name, email, member = sys.argv[1:5]
def get(path): return urllib.request.urlopen(url + path, timeout=30).read().decode()
pages = [get("_members/")]
page = 2
while 'rel="next"' in pages[-1] and page < 50:
    pages.append(get(f"_members/?page={page}")); page += 1
for text in pages:
    assert name not in text and email not in text and f"<code>{member}</code>" not in text, "the staff index lists them"
for query in (name, email, member):
    assert "0 members match" in get("_members/?q=" + urllib.parse.quote(query)), f"the staff index finds {query}"
print(f"the staff index ({len(pages)} pages, and searches for their name, e-mail and id) holds nothing of them")
PY
kill "$serve"; wait "$serve" 2>/dev/null || true
python3 - "$site/.punchcard" "$email" "$member" <<'PY'
import glob, sqlite3, sys
for path in glob.glob(sys.argv[1] + "/mail*.sqlite"):
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM deliveries WHERE address = ?", (sys.argv[2],)).fetchone()[0]
    assert rows == 0, f"{path} still has the address"
import hashlib, os
claim = hashlib.sha256(sys.argv[3].encode()).hexdigest()[:32]
for period in os.listdir(sys.argv[1] + "/mail-claims"):
    assert not os.path.exists(f"{sys.argv[1]}/mail-claims/{period}/{claim[:2]}/{claim[2:]}"), "a delivery claim is left"
PY
"$bin" report --root "$site" --store "$store" --period 2026-10 --output "$work/report-after" >/dev/null
python3 - "$work/report-before/2026-10/report.json" "$work/report-after/2026-10/report.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b): d.pop("generated_at", None)
assert a == b, "the report changed after the erasure"
PY
echo "forget: $member gone from output/, the staff search and the delivery record; the report unchanged"

# 3. The example imported again: the member stays erased, with a warning naming the file's line.
import 2> "$work/reimport.err" >/dev/null
grep -q "members.csv:[0-9]*: member_id: \"$member\" was erased on" "$work/reimport.err" || { cat "$work/reimport.err"; echo "no warning"; exit 1; }
! "$bin" export --root "$site" --store "$store" --member "$member" >/dev/null 2>&1 || { echo "the member came back"; exit 1; }
echo "re-import: $member skipped with a warning"

# 4. A forget killed at a random moment: after the next run, the member is erased, never half.
victims=$(awk -F, 'NR > 1 && NR < 40 { print $1 }' content/data/members.csv | grep -v "^$member$" | head -20)
for victim in $victims; do
  "$bin" forget --root "$site" --store "$store" --member "$victim" >/dev/null 2>&1 & pid=$!
  sleep "0.0$((RANDOM % 9))"; kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  "$bin" forget --root "$site" --store "$store" --member "$victim" >/dev/null
  ! "$bin" export --root "$site" --store "$store" --member "$victim" >/dev/null 2>&1 || { echo "$victim is not erased"; exit 1; }
done
"$bin" build --root "$site" --store "$store" --output "$work/output" --period 2026-10 >/dev/null
echo "forget killed at random moments 20 times: each finished by the next run"
echo "check_data_rights: ok"

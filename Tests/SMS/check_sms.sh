#!/usr/bin/env bash
# Statement SMS end to end: the example's messages written for a gateway (--out) and sent through
# a fake gateway command that records what it reads; then a send killed part-way (kill -9) and run
# again, checked by Tests/Reference/sms_check.py for no member missing and at most one duplicate.
#
#   Tests/SMS/check_sms.sh BIN WORKDIR        (BIN: the punchcard binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1
work=$2
period=2026-10
mkdir -p "$work"
site=$work/sms-site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/"
"$bin" import --store "$work/sms.sqlite" --members content/data/members.csv --ledger content/data/ledger.csv >/dev/null
"$bin" build --root "$site" --store "$work/sms.sqlite" --output "$work/sms-output" --period $period >/dev/null

# --out: the gateway's CSV.
"$bin" sms --root "$site" --store "$work/sms.sqlite" --site-output "$work/sms-output" --period $period --out "$work/sms.csv"
python3 Tests/Reference/sms_check.py content/data/members.csv $period "$work/sms-output" "$work/sms.csv"

# --send through a fake gateway: each message becomes one JSON line; a slow one, to be killed.
gateway=$work/gateway.py
cat > "$gateway" <<'PY'
import json, sys, time
phone = sys.stdin.readline().rstrip("\n")
message = sys.stdin.readline().rstrip("\n")
time.sleep(float(sys.argv[2]))
with open(sys.argv[1], "a", encoding="utf-8") as log:
    log.write(json.dumps({"phone": phone, "message": message}, ensure_ascii=False) + "\n")
PY
log=$work/gateway.log
rm -f "$log"
"$bin" sms --root "$site" --store "$work/sms.sqlite" --site-output "$work/sms-output" --period $period \
    --send --command "python3 '$gateway' '$log' 0.3" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 200); do [ -s "$log" ] && [ "$(wc -l < "$log")" -ge 4 ] && break; sleep 0.05; done
kill -9 $pid; wait $pid 2>/dev/null || true
before=$(wc -l < "$log")
echo "killed after $before messages"
"$bin" sms --root "$site" --store "$work/sms.sqlite" --site-output "$work/sms-output" --period $period \
    --send --command "python3 '$gateway' '$log' 0"
python3 Tests/Reference/sms_check.py content/data/members.csv $period "$work/sms-output" "$log" --gateway-log --duplicates-allowed 1
# A third run sends nothing.
"$bin" sms --root "$site" --store "$work/sms.sqlite" --site-output "$work/sms-output" --period $period \
    --send --command "python3 '$gateway' '$log' 0" | grep -q "0 sent"
# And e-mail goes to the others only.
"$bin" mail --root "$site" --store "$work/sms.sqlite" --site-output "$work/sms-output" --period $period --out "$work/eml" | grep -q "prefer SMS"
echo "check_sms: ok"

#!/usr/bin/env bash
# The member store on PostgreSQL, against a throwaway server started here (initdb into WORKDIR,
# pg_ctl on a free loopback port, stopped on exit):
#
#   Tests/Postgres/check_postgres.sh BIN WORKDIR
#
#   1. the store's Swift test suite (StoreTests) against the server;
#   2. the example imported into PostgreSQL, then every statement of three periods and the report
#      checked by the reference checkers, and a second import changing nothing;
#   3. a failed import (one bad row) leaving the store as it was;
#   4. the site built from PostgreSQL byte for byte the site built from SQLite (the same members,
#      with the SQLite store's tokens and referral codes copied over, since both are random);
#   5. statement, links, rotate-token, report, mail on the PostgreSQL store;
#   6. an import of 600,000 ledger rows killed with kill -9 part-way: the store as it was, and the
#      re-run imports everything;
#   7. TLS: require connects encrypted, verify-full refuses a self-signed certificate;
#   8. credentials: a password from the URL, PGPASSWORD or a password file, wrong ones refused;
#   9. sharded builds (Tests/Shards/check_shards.sh) reading the PostgreSQL store;
#  10. a refused first import leaving no store (no tables) behind;
#  11. the server stopped at once in the middle of an import and of a build: both end within
#      seconds, in words, and the next runs repair.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
work=$(realpath "$2")/postgres
rm -rf "$work" && mkdir -p "$work"

source Tests/Postgres/throwaway_server.sh
start_throwaway_postgres
sql -d postgres -c "CREATE DATABASE example" -c "CREATE DATABASE big"
store=$server/example
echo "PostgreSQL $("$pgbin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) on 127.0.0.1:$port"

# 1. The store's test suite, each test in a database of its own on the server.
PUNCHCARD_TEST_POSTGRES=$server/postgres swift test --filter StoreTests 2>&1 | tail -n 1

# 2. The example, and the reference checkers.
"$bin" import --store "$store" --members content/data/members.csv --ledger content/data/ledger.csv \
  --surveys content/data/surveys.csv --memberships content/data/memberships.csv --coupons content/data/coupons.csv >/dev/null
"$bin" import --store "$store" --members content/data/members.csv --ledger content/data/ledger.csv \
  --memberships content/data/memberships.csv --coupons content/data/coupons.csv \
  | grep -q "^Members: 0 added, 0 updated, 240 unchanged. Ledger: 0 rows added, 16160 already present" \
  || { echo "re-importing the example into PostgreSQL changed the store"; exit 1; }
for period in 2026-10 2025-02 2024-02; do
  "$bin" statement --store "$store" --all --period "$period" --json > "$work/statements.jsonl"
  python3 Tests/Reference/statement_reference.py content/data/members.csv content/data/ledger.csv "$period" \
    "$work/statements.jsonl" --program content/program.yml --memberships content/data/memberships.csv
  "$bin" report --store "$store" --period "$period" --output "$work/reports" >/dev/null
  python3 Tests/Reference/report_reference.py content/data/members.csv content/data/ledger.csv content/data/surveys.csv \
    "$period" "$work/reports/$period/report.json" --program content/program.yml --memberships content/data/memberships.csv
done

# 3. A failed import changes nothing.
"$bin" statement --store "$store" --all --period 2026-10 --json > "$work/before.jsonl"
{ cat content/data/ledger.csv; echo "T-new-1,M0000001,2026-10-30,earn,50,,,"; echo "T-new-2,M0000001,2026-10-31,earn,lots,,,"; } > "$work/bad-ledger.csv"
if "$bin" import --store "$store" --ledger "$work/bad-ledger.csv" > "$work/bad.log" 2>&1; then
  echo "an import with a bad row succeeded"; exit 1
fi
grep -q "bad-ledger.csv:16163" "$work/bad.log" || { cat "$work/bad.log"; echo "the bad row was not named"; exit 1; }
"$bin" statement --store "$store" --all --period 2026-10 --json > "$work/after.jsonl"
cmp -s "$work/before.jsonl" "$work/after.jsonl" || { echo "a failed import changed the PostgreSQL store"; exit 1; }
echo "a failed import left the PostgreSQL store as it was"

# 4. The same site from either store.
"$bin" import --store "$work/example.sqlite" --members content/data/members.csv --ledger content/data/ledger.csv \
  --surveys content/data/surveys.csv --memberships content/data/memberships.csv --coupons content/data/coupons.csv >/dev/null
python3 - "$work/example.sqlite" > "$work/same-keys.sql" <<'PY'
import sqlite3, sys
print("BEGIN;")
for member_id, token, code in sqlite3.connect(sys.argv[1]).execute("SELECT member_id, token, referral_code FROM members"):
    q = lambda text: "'" + text.replace("'", "''") + "'"
    print(f"UPDATE members SET token = {q(token)}, referral_code = {q(code)} WHERE member_id = {q(member_id)};")
print("COMMIT;")
PY
# Two steps, so that no referral code is held by two members in between.
sql -d example -c "UPDATE members SET referral_code = 'tmp-' || member_id, token = 'tmp-' || member_id"
sql -d example -f "$work/same-keys.sql"
for period in 2026-09 2026-10; do
  "$bin" build --store "$work/example.sqlite" --output "$work/site-sqlite" --period $period >/dev/null
  "$bin" build --store "$store" --output "$work/site-postgres" --period $period --strict >/dev/null
done
diff -r "$work/site-sqlite" "$work/site-postgres" >/dev/null \
  || { diff -rq "$work/site-sqlite" "$work/site-postgres" | head; echo "the site built from PostgreSQL differs"; exit 1; }
echo "the site built from PostgreSQL is the site built from SQLite ($(find "$work/site-postgres" -type f | wc -l) files)"

# 5. The other commands.
PUNCHCARD_STORE=$store "$bin" statement M0000002 --period 2026-10 | grep -q "Closing balance"
"$bin" links --store "$store" --period 2026-10 --site-output "$work/site-postgres" | grep -c "/m/" | grep -qx 238
old=$("$bin" links --store "$store" --period 2026-10 --site-output "$work/site-postgres" | grep "^M0000002," | grep -o '/m/[^/]*/')
"$bin" rotate-token --store "$store" M0000002 >/dev/null
"$bin" build --store "$store" --output "$work/site-postgres" --period 2026-10 | grep -q "1 member's pages moved to a new address"
[ ! -e "$work/site-postgres$old" ] || { echo "the rotated token's pages are still there"; exit 1; }
new=$("$bin" links --store "$store" --period 2026-10 --site-output "$work/site-postgres" | grep "^M0000002," | grep -o '/m/[^/]*/')
[ "$new" != "$old" ] && [ -f "$work/site-postgres${new}index.html" ] || { echo "the rotated token's pages are not at its new address"; exit 1; }
"$bin" mail --store "$store" --period 2026-10 --out "$work/mail" --site-output "$work/site-postgres" | grep -q "211 written"
echo "statement, links, rotate-token, report and mail read the PostgreSQL store"

# 5b. Members' data rights on the server: export, forget, re-import, forget killed part-way.
sql -d postgres -c "CREATE DATABASE rights" >/dev/null
bash Tests/DataRights/check_data_rights.sh "$bin" "$work" "$server/rights"

# 6. An import killed part-way: nothing of it is kept, and the re-run imports everything.
python3 - "$work/big" <<'PY'
import os, random, sys
folder = sys.argv[1]; os.makedirs(folder, exist_ok=True); rng = random.Random(7)
with open(f"{folder}/members.csv", "w") as members, open(f"{folder}/ledger.csv", "w") as ledger:
    members.write("member_id,name,joined_on\n"); ledger.write("txn_id,member_id,posted_on,kind,points\n")
    for m in range(20000):
        members.write(f"B{m:06d},Member {m},2024-01-01\n")
        for t in range(30):
            ledger.write(f"B{m:06d}-{t:02d},B{m:06d},2024-{1 + t % 12:02d}-{1 + t % 28:02d},earn,{rng.randint(1, 500)}\n")
PY
big=$server/big
"$bin" import --store "$big" --members "$work/big/members.csv" >/dev/null
"$bin" import --store "$big" --ledger "$work/big/ledger.csv" > /dev/null 2>&1 & pid=$!
# Killed part-way through its transaction: once the server has taken some of its rows (its last
# statement is a COPY, in a transaction not yet committed).
copying=0
for _ in $(seq 1 600); do
  copying=$(sql -d postgres -tA -c "SELECT count(*) FROM pg_stat_activity
    WHERE datname = 'big' AND query LIKE 'COPY%' AND state IN ('active', 'idle in transaction')")
  [ "$copying" -gt 0 ] && break
  sleep 0.05
done
[ "$copying" -gt 0 ] || { echo "the import was never seen sending rows"; exit 1; }
kill -9 "$pid" || { echo "the import finished before it could be killed"; exit 1; }
wait "$pid" 2>/dev/null || true
rows=$(sql -d big -tA -c "SELECT count(*) FROM ledger")
[ "$rows" = 0 ] || { echo "an import killed part-way left $rows ledger rows"; exit 1; }
"$bin" import --store "$big" --ledger "$work/big/ledger.csv" | grep -q "Ledger: 600000 rows added"
[ "$(sql -d big -tA -c "SELECT count(*) FROM ledger")" = 600000 ] || { echo "the re-run did not import every row"; exit 1; }
echo "an import killed while sending its rows kept nothing; the re-run imported all 600,000 rows"

# 7. TLS: the server offers it (a self-signed certificate), so the default sslmode=prefer and
#    sslmode=require connect encrypted; verify-full refuses the unknown certificate, in plain words.
"$bin" statement --store "$store?sslmode=require" M0000002 --period 2026-10 | grep -q "Closing balance"
grep -q "database=example.*SSL enabled" "$serverdir/log" || { echo "no connection of punchcard's was encrypted"; exit 1; }
if "$bin" statement --store "$store?sslmode=verify-full" M0000002 --period 2026-10 > "$work/tls.log" 2>&1; then
  echo "verify-full accepted a self-signed certificate"; exit 1
fi
grep -q "TLS" "$work/tls.log" || { cat "$work/tls.log"; echo "the refused certificate was not said plainly"; exit 1; }
echo "TLS: sslmode=require connects; verify-full refuses the self-signed certificate"

# 8. Credentials: a role that logs in with a password (SCRAM), given in the URL, by PGPASSWORD or
#    by a password file; a wrong or missing one refused in words, the password never printed.
sql -d postgres -c "CREATE ROLE password_user LOGIN PASSWORD 'pa:ss@wörd'" -c "GRANT punchcard TO password_user"
guarded=postgres://password_user@127.0.0.1:$port/example
PUNCHCARD_STORE="postgres://password_user:pa%3Ass%40w%C3%B6rd@127.0.0.1:$port/example" \
  "$bin" statement M0000002 --period 2026-10 | grep -q "Closing balance"
PGPASSWORD='pa:ss@wörd' "$bin" statement --store "$guarded" M0000002 --period 2026-10 | grep -q "Closing balance"
printf '127.0.0.1:%s:example:password_user:pa\\:ss@wörd\n' "$port" > "$work/pgpass" && chmod 600 "$work/pgpass"
PGPASSFILE=$work/pgpass "$bin" statement --store "$guarded" M0000002 --period 2026-10 | grep -q "Closing balance"
if "$bin" statement --store "postgres://password_user:not-it@127.0.0.1:$port/example" M0000002 --period 2026-10 > "$work/login.log" 2>&1 \
   || PGPASSFILE=/nonexistent "$bin" statement --store "$guarded" M0000002 --period 2026-10 >> "$work/login.log" 2>&1; then
  echo "a wrong or missing password was accepted"; exit 1
fi
grep -q "refused user password_user's login" "$work/login.log" && grep -q "asks for user password_user's password" "$work/login.log" \
  && ! grep -q "not-it" "$work/login.log" || { cat "$work/login.log"; echo "a refused login was not said plainly"; exit 1; }
echo "credentials: a password from the URL, PGPASSWORD or a password file; wrong or missing ones refused in words"

# 9. Sharded builds reading PostgreSQL.
bash Tests/Shards/check_shards.sh "$bin" "$store" "$work" 4

# 10. A refused first import leaves the database without a store: no tables, and a build says
#     there is no store (not "0 statements").
sql -d postgres -c "CREATE DATABASE refused" >/dev/null
printf 'member_id,name,joined_on\nM1,A,2020-01-01\nM2,,2020-01-01\n' > "$work/bad-first.csv"
! "$bin" import --store "$server/refused" --members "$work/bad-first.csv" >/dev/null 2>&1 \
  || { echo "a bad first import was accepted"; exit 1; }
[ "$(sql -d refused -Atc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ] \
  || { echo "a refused first import left tables behind"; exit 1; }
! "$bin" build --store "$server/refused" --output "$work/refused-site" --period 2026-10 > "$work/refused.log" 2>&1 \
  && grep -q "no member store there" "$work/refused.log" || { cat "$work/refused.log"; echo "a build on an empty database did not refuse"; exit 1; }
echo "a refused first import left no store behind"

# 11. The server stopped (immediate shutdown) in the middle of an import and of a build: each ends
#     within seconds, in words, and the next runs, once the server is back, repair everything.
sql -d postgres -c "CREATE DATABASE dying" >/dev/null
"$bin" import --store "$server/dying" --members "$work/big/members.csv" >/dev/null
"$bin" import --store "$server/dying" --ledger "$work/big/ledger.csv" > "$work/dying.log" 2>&1 &
pid=$!
copying=0
for _ in $(seq 1200); do
  copying=$(sql -d postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'dying' AND query LIKE 'COPY%'
    AND state IN ('active', 'idle in transaction')")
  [ "$copying" -gt 0 ] && break
  sleep 0.05
done
[ "$copying" -gt 0 ] || { echo "the import was never seen sending rows"; exit 1; }
stop_server_now
stopped=$(date +%s)
wait "$pid" && { echo "an import whose server died succeeded"; exit 1; }
[ $(( $(date +%s) - stopped )) -le 10 ] || { echo "an import whose server died took $(( $(date +%s) - stopped )) s to end"; exit 1; }
grep -qE "the connection to the member store was lost|cannot reach a PostgreSQL server" "$work/dying.log" \
  || { cat "$work/dying.log"; echo "a lost server was not said plainly"; exit 1; }
start_server_again
"$bin" import --store "$server/dying" --ledger "$work/big/ledger.csv" >/dev/null
"$bin" build --store "$server/dying" --output "$work/dying-site" --period 2026-10 > "$work/dying-build.log" 2>&1 &
pid=$!
sleep 0.5
stop_server_now
stopped=$(date +%s)
set +e; wait "$pid"; status=$?; set -e
[ $(( $(date +%s) - stopped )) -le 10 ] || { echo "a build whose server died took $(( $(date +%s) - stopped )) s to end"; exit 1; }
start_server_again
if [ "$status" != 0 ]; then
  # Lost mid-query, or refused while a rendering thread was connecting to the stopping server.
  grep -qE "the connection to the member store was lost|cannot reach a PostgreSQL server|connection to the server was lost" "$work/dying-build.log" \
    || { cat "$work/dying-build.log"; echo "a build's lost server was not said plainly"; exit 1; }
fi
"$bin" build --store "$server/dying" --output "$work/dying-site" --period 2026-10 >/dev/null
echo "a server stopped mid-import and mid-build: both ended within seconds, in words, and the next runs repaired"

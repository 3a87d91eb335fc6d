#!/usr/bin/env bash
# What a careless or hostile operator does at the command line (issue 24), checked as they would
# see it: redirections that must keep what is there, a full disk, outputs that would publish the
# site's own files, runs that meet (mail with different shard settings), an incomplete sharded
# build, an empty file where a store should be.
#
#   Tests/Safety/check_hostile_cli.sh BIN WORKDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
work=$(realpath "$2")/hostile-cli
rm -rf "$work" && mkdir -p "$work"
fail() { echo "check_hostile_cli: $*"; exit 1; }
site=$work/hostile-site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/"
store=$site/members.sqlite
"$bin" import --root "$site" --store "$store" --members content/data/members.csv --ledger content/data/ledger.csv >/dev/null
"$bin" build --root "$site" --period 2026-10 >/dev/null
# Every command runs from inside the site, as an operator runs it.
run() { (cd "$site" && "$bin" "$@"); }

# 1. Data on standard output is a stream: `>>` keeps what is there, a shared redirection keeps order.
echo keep > "$work/appended.csv"
run links >> "$work/appended.csv"
[ "$(head -n 1 "$work/appended.csv")" = keep ] || fail "links >> lost the file's first line"
[ "$(sed -n 2p "$work/appended.csv" | cut -d, -f1)" = member_id ] || fail "links >> did not append its header"
[ "$(tail -c 1 "$work/appended.csv" | od -An -c | tr -d ' ')" = '\n' ] || fail "the links CSV has no final newline"
{ echo A; run links --period 2026-10; echo B; run statement --all --json --period 2026-10; echo C; } > "$work/shared.txt"
[ "$(head -n 1 "$work/shared.txt")" = A ] || fail "a shared redirection lost its first line"
[ "$(grep -c '^[ABC]$' "$work/shared.txt")" = 3 ] || fail "a shared redirection lost or garbled a marker"
[ "$(grep -n '^B$' "$work/shared.txt" | cut -d: -f1)" = "$(( $(run links --period 2026-10 | wc -l) + 2 ))" ] \
  || fail "links' rows are not between A and B"
[ "$(tail -n 1 "$work/shared.txt")" = C ] || fail "a shared redirection garbled its end"

# 2. A full disk is an error in words, never a trap; --output leaves no file behind.
for command in "links" "statement --all --json --period 2026-10" "statement M0000001 --period 2026-10" \
               "statement M0000001 --json --period 2026-10"; do
  set +e
  # shellcheck disable=SC2086
  message=$(run $command 2>&1 >/dev/full)
  status=$?
  set -e
  [ "$status" = 1 ] || fail "'$command > /dev/full' exited $status: $message"
  echo "$message" | grep -q "cannot write to standard output (No space left on device)" \
    || fail "'$command > /dev/full' said: $message"
done
set +e
message=$(run links --output /tmp 2>&1); status=$?
set -e
[ "$status" = 1 ] && echo "$message" | grep -q "^error: /tmp: cannot write the file" || fail "links --output /tmp: $message"
run links --output "$work/links.csv"
[ "$(head -c 9 "$work/links.csv")" = member_id ] || fail "links --output wrote no CSV"
! ls "$work"/.links.csv.* >/dev/null 2>&1 || fail "links --output left a temporary file"

# 3. Outputs that would publish the site's own files are refused, and change nothing.
before=$(find "$site" -path "$site/.punchcard" -prune -o -type f -print | sort | xargs md5sum | md5sum)
for output in "" . content templates/assets .punchcard/x members.sqlite ..; do
  set +e
  message=$(run build --period 2026-10 --output "$output" 2>&1); status=$?
  set -e
  [ "$status" != 0 ] || fail "build --output '$output' was accepted"
  echo "$message" | grep -qiE "empty|inside|holds" || fail "build --output '$output' said: $message"
done
set +e
(cd "$site" && "$bin" serve --output . --port 0 >/dev/null 2>"$work/serve.err"); status=$?
set -e
[ "$status" != 0 ] && grep -q "holds the site's own folder" "$work/serve.err" || fail "serve --output . was accepted"
after=$(find "$site" -path "$site/.punchcard" -prune -o -type f -print | sort | xargs md5sum | md5sum)
[ "$before" = "$after" ] || fail "a refused output changed the site"

# 4. An empty file where the store should be is named as such.
: > "$work/empty.sqlite"
set +e
message=$("$bin" import --store "$work/empty.sqlite" --members content/data/members.csv 2>&1); status=$?
set -e
[ "$status" = 1 ] && echo "$message" | grep -q "an empty file" || fail "import into an empty file said: $message"

# 5. A closed member's plain statement invites nobody to refer.
closed=$(awk -F, '$NF ~ /^closed/ { print $1; exit }' content/data/members.csv)
closed_statement=$(run statement "$closed" --period 2026-10)
echo "$closed_statement" | grep -q "statement for $closed" || fail "no statement for the closed member $closed"
! echo "$closed_statement" | grep -qi "referral code" || fail "a closed member's statement shows a referral code"
run statement M0000001 --period 2026-10 | grep -qi "referral code" || fail "an open member's statement lost its referral code"

# 6. Mail runs that meet, with different shard settings, mail each member once.
cat > "$work/slow-sendmail.sh" <<'SH'
#!/bin/sh
sed -n 's/^Message-ID: //p' >> "$SENT_LOG"
sleep 0.02
SH
chmod +x "$work/slow-sendmail.sh"
export SENT_LOG=$work/sent.log
: > "$SENT_LOG"
run mail --period 2026-10 --send --sendmail "$work/slow-sendmail.sh" >/dev/null 2>&1 &
a=$!
run mail --period 2026-10 --send --sendmail "$work/slow-sendmail.sh" --shard 0/2 >/dev/null 2>&1 &
b=$!
run mail --period 2026-10 --send --sendmail "$work/slow-sendmail.sh" --shard 0/3 >/dev/null 2>&1 &
c=$!
run mail --period 2026-10 --send --sendmail "$work/slow-sendmail.sh" --shard 1/3 >/dev/null 2>&1 &
d=$!
wait $a $b $c $d || true
run mail --period 2026-10 --send --sendmail "$work/slow-sendmail.sh" >/dev/null 2>&1
expected=$(run mail --period 2026-10 --out "$work/expected-eml" 2>/dev/null | grep -oE '^Wrote [0-9]+' | grep -oE '[0-9]+' || ls "$work/expected-eml" | wc -l)
expected=$(ls "$work/expected-eml" | wc -l)
sent=$(wc -l < "$SENT_LOG")
distinct=$(sort -u "$SENT_LOG" | wc -l)
[ "$sent" = "$distinct" ] || fail "runs that met sent $((sent - distinct)) messages twice"
[ "$distinct" = "$expected" ] || fail "runs that met sent $distinct of $expected messages"

# 7. An incomplete sharded build: links and mail only for members whose shard built the period.
for index in 0 1 2; do
  run build --period 2026-10 --output "$work/sharded" --shard $index/4 >/dev/null
done
links=$(run links --period 2026-10 --site-output "$work/sharded" 2>"$work/links.err" | tail -n +2)
grep -q "3/4 of 2026-10 was not built" "$work/links.err" || fail "links did not say which shard is missing: $(cat "$work/links.err")"
echo "$links" | while IFS= read -r row; do
  url=$(echo "$row" | awk -F, '{ print $NF }')
  token=$(echo "$url" | sed -E 's|.*/m/([^/]+)/.*|\1|')
  [ -f "$work/sharded/m/$token/2026-10.html" ] || { echo "check_hostile_cli: links lists a page that does not exist: $url"; exit 1; }
done
rm -rf "$work/sharded-eml"
run mail --period 2026-10 --site-output "$work/sharded" --out "$work/sharded-eml" >/dev/null 2>&1
[ "$(ls "$work/sharded-eml" | wc -l)" -lt "$expected" ] || fail "mail --out wrote messages for a shard that was not built"
# 8. A real full disk (a 64 KB tmpfs, where this machine lets root mount one): the links file and
#    the report are refused in words, and leave nothing half-written.
tiny=$work/tiny
mkdir -p "$tiny"
if mount -t tmpfs -o size=64k tmpfs "$tiny" 2>/dev/null; then
  trap 'umount "$tiny" 2>/dev/null || true' EXIT
  head -c 60000 /dev/zero > "$tiny/filler"
  set +e
  message=$(run links --output "$tiny/links.csv" 2>&1); status=$?
  set -e
  [ "$status" = 1 ] && echo "$message" | grep -q "No space left on device" || fail "links on a full disk said: $message"
  [ "$(ls -A "$tiny")" = filler ] || fail "links on a full disk left files: $(ls -A "$tiny")"
  set +e
  message=$(run report --period 2026-10 --output "$tiny/reports" 2>&1); status=$?
  set -e
  [ "$status" = 1 ] && echo "$message" | grep -q "cannot write the report: the disk is full" || fail "report on a full disk said: $message"
  ! find "$tiny/reports" -type f | grep -q . || fail "report on a full disk left files"
  umount "$tiny"
  trap - EXIT
else
  echo "check_hostile_cli: (no tmpfs could be mounted here: the full-disk checks were skipped)"
fi
echo "check_hostile_cli: redirections, full disk, refused outputs, empty store file, closed member, meeting mail runs, incomplete shards: all held"

#!/usr/bin/env bash
# Statement e-mails end to end, through real parts: Punchcard hands the example's messages to
# msmtp, which delivers them over SMTP to a local server (aiosmtpd) that stores them in a Maildir;
# Tests/Reference/mail_check.py then reads every message back. Then a send is killed part-way
# (kill -9), run again, and checked for no member missing and at most one duplicate.
#
#   Tests/Mail/check_mail.sh BIN WORKDIR        (BIN: the punchcard binary)
# Needs msmtp (apt-get install -y msmtp) and aiosmtpd (python3 -m pip install aiosmtpd).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1
work=$2
period=2026-10
mkdir -p "$work"

# A scratch copy of the example site: the delivery record (.punchcard/mail.sqlite) goes there.
site=$work/mail-site
rm -rf "$site" && mkdir -p "$site" && cp -r content templates "$site/"
"$bin" import --store "$work/mail.sqlite" --members content/data/members.csv --ledger content/data/ledger.csv >/dev/null
"$bin" build --root "$site" --store "$work/mail.sqlite" --output "$work/mail-output" --period $period >/dev/null

sink_pid=
start_sink() { # start_sink MAILDIR: a local SMTP server; sets $port
  rm -f "$work/port"
  python3 Tests/Mail/smtp_sink.py "$1" "$work/port" & sink_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
}
stop_sink() { kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; }
trap stop_sink EXIT
count() { find "$1/new" "$1/cur" -type f 2>/dev/null | wc -l; }

# --out: the messages as files, each well formed for Python's email package.
"$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --out "$work/eml"
python3 - "$work/eml" <<'PY'
import email, email.policy, pathlib, sys
files = list(pathlib.Path(sys.argv[1]).glob("*.eml"))
assert files, "no .eml written"
for f in files:
    m = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    assert not m.defects and m.get_content_type() == "multipart/alternative", (f, m.defects)
print(f"--out: {len(files)} messages, all well formed")
PY

# --send through msmtp, four at once: every expected member exactly once.
start_sink "$work/maildir-1"
sendmail="msmtp -t --host=127.0.0.1 --port=$port --from=rewards@saffron.example"
"$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send --sendmail "$sendmail" \
  --parallel 4
python3 Tests/Reference/mail_check.py content/data/members.csv content/program.yml $period "$work/mail-output" "$work/maildir-1"
# Again: nothing is sent twice.
again=$("$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send --sendmail "$sendmail")
echo "$again"
[[ "$again" == "Mail $period: 0 sent,"* ]] || { echo "a second run sent messages again"; exit 1; }
python3 Tests/Reference/mail_check.py content/data/members.csv content/program.yml $period "$work/mail-output" "$work/maildir-1"
stop_sink

# A relay that is down: the run stops after ten failures in a row (exit status 1), and a run with
# --retry-failed once it is back sends to everyone, once.
rm -rf "$site/.punchcard/mail.sqlite"* "$site/.punchcard/mail-claims"
start_sink "$work/maildir-3"
down=$("$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send \
  --sendmail "msmtp -t --host=127.0.0.1 --port=1 --from=rewards@saffron.example" 2>&1) && { echo "a send to a closed port succeeded"; exit 1; }
grep -q "stopped after 10 failures in a row" <<< "$down" || { echo "$down"; echo "the run did not stop"; exit 1; }
"$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send \
  --sendmail "msmtp -t --host=127.0.0.1 --port=$port --from=rewards@saffron.example" --retry-failed --parallel 4
python3 Tests/Reference/mail_check.py content/data/members.csv content/program.yml $period "$work/mail-output" "$work/maildir-3"
stop_sink

# Killed part-way (kill -9) and run again: no member missing, at most one message twice (the one
# the sendmail command held when Punchcard died).
rm -rf "$site/.punchcard/mail.sqlite"* "$site/.punchcard/mail-claims"
start_sink "$work/maildir-2"
sendmail="msmtp -t --host=127.0.0.1 --port=$port --from=rewards@saffron.example"
"$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send --sendmail "$sendmail" \
  --rate 50 >/dev/null 2>&1 & mailer=$!
for _ in $(seq 300); do [ "$(count "$work/maildir-2")" -ge 60 ] && break; sleep 0.05; done
kill -9 "$mailer"; wait "$mailer" 2>/dev/null || true
echo "killed after $(count "$work/maildir-2") messages"
"$bin" mail --root "$site" --store "$work/mail.sqlite" --site-output "$work/mail-output" --period $period --send --sendmail "$sendmail"
sleep 1 # an msmtp left running by the killed run finishes its delivery
python3 Tests/Reference/mail_check.py content/data/members.csv content/program.yml $period "$work/mail-output" "$work/maildir-2" \
  --duplicates-allowed 1

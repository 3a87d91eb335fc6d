#!/usr/bin/env python3
"""Checks what a mail run delivered, independently of Punchcard's code.

    mail_check.py MEMBERS_CSV PROGRAM_YML PERIOD SITE_OUTPUT MAILDIR [--duplicates-allowed N]

Who should get a message is worked out here from members.csv alone: status active, an e-mail
address, channel email (or none given, with an address), joined on or before the end of PERIOD
(a Gregorian YYYY-MM). Every such member must have
received exactly one message (up to N extra copies in all with --duplicates-allowed, for a run that
was killed while the sendmail command held a message), and nobody else any. Each message is read
with Python's email package and must be well formed: no defects; From, To, Subject, Date,
Message-ID; multipart/alternative with a text/plain and a text/html part, both UTF-8; the link to
the member's statement page for the period, which must exist in SITE_OUTPUT; the subject and the
HTML part in the member's language (Persian and Arabic: their own digits, right to left).
"""
import argparse
import calendar
import collections
import csv
import email
import email.policy
import mailbox
import os
import re
import sys

import yaml  # PyYAML

PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = set("٠١٢٣٤٥٦٧٨٩")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("members")
    parser.add_argument("program")
    parser.add_argument("period")
    parser.add_argument("site_output")
    parser.add_argument("maildir")
    parser.add_argument("--duplicates-allowed", type=int, default=0)
    args = parser.parse_args()

    program = yaml.safe_load(open(args.program, encoding="utf-8"))
    base_url = program["base_url"].rstrip("/") + "/"
    sender = program["mail"]["from"]
    sender_address = re.search(r"<([^>]+)>", sender).group(1) if "<" in sender else sender.strip()
    unsubscribe = program["mail"].get("unsubscribe")

    year, month = map(int, args.period.split("-"))
    period_end = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    expected = {}
    for row in csv.DictReader(open(args.members, encoding="utf-8")):
        status = (row.get("status") or "active").strip() or "active"
        address = (row.get("email") or "").strip()
        channel = (row.get("channel") or "").strip().lower() or "email"
        if status == "active" and address and channel == "email" and row["joined_on"] <= period_end:
            expected[address.lower()] = row

    problems = []
    received = collections.defaultdict(list)
    box = mailbox.Maildir(args.maildir, create=False)
    for key in box.keys():
        with box.get_file(key) as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        to = message["To"]
        address = to.addresses[0].addr_spec.lower() if to and to.addresses else None
        received[address].append(message)

    for address in sorted(set(received) - set(expected), key=str):
        problems.append(f"{address}: received {len(received[address])} message(s) but should get none")
    extra = 0
    for address, row in sorted(expected.items()):
        messages = received.get(address, [])
        member = row["member_id"]
        if not messages:
            problems.append(f"{member} ({address}): no message")
            continue
        extra += len(messages) - 1
        if len(set(str(m["Message-ID"]) for m in messages)) != 1:
            problems.append(f"{member}: copies with different Message-IDs")
        problems += [f"{member}: {p}" for p in check_message(messages[0], row, args, base_url, sender_address, unsubscribe)]
    if extra > args.duplicates_allowed:
        problems.append(f"{extra} duplicate message(s); at most {args.duplicates_allowed} allowed")

    for p in problems[:50]:
        print("mail_check:", p, file=sys.stderr)
    if problems:
        print(f"mail_check: {len(problems)} problem(s)", file=sys.stderr)
        sys.exit(1)
    total = sum(len(v) for v in received.values())
    print(f"mail_check: {len(expected)} members, {total} messages, {extra} duplicate(s): OK")


def language(row):
    code = (row.get("locale") or "en").split("-")[0].lower()
    return code if code in ("en", "fa", "ar") else "en"


def check_message(message, row, args, base_url, sender_address, unsubscribe):
    problems = []
    if message.defects:
        problems.append(f"defects: {message.defects}")
    for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if message[name] is None:
            problems.append(f"no {name} header")
    if message["From"] is not None and message["From"].addresses[0].addr_spec != sender_address:
        problems.append(f"From is {message['From']}, not {sender_address}")
    if unsubscribe and message["List-Unsubscribe"] is None:
        problems.append("no List-Unsubscribe header")
    elif unsubscribe:
        # Signed per member: neither the member_id nor the statement token may be read from it.
        link = str(message["List-Unsubscribe"])
        token = re.search(r"[?&]t=([A-Za-z0-9_-]+)", link)
        if row["member_id"] in link.split("?", 1)[-1]:
            problems.append(f"List-Unsubscribe names the member: {link}")
        if token is None or len(token.group(1)) != 22:
            problems.append(f"List-Unsubscribe has no signed token: {link}")
    if message.get_content_type() != "multipart/alternative":
        return problems + [f"is {message.get_content_type()}, not multipart/alternative"]
    parts = {part.get_content_type(): part for part in message.iter_parts()}
    if set(parts) != {"text/plain", "text/html"}:
        return problems + [f"parts are {sorted(parts)}"]
    for kind, part in parts.items():
        if (part.get_content_charset() or "").lower() != "utf-8":
            problems.append(f"{kind} is not UTF-8")
        if part.defects:
            problems.append(f"{kind} defects: {part.defects}")
    text, html = parts["text/plain"].get_content(), parts["text/html"].get_content()
    links = re.findall(re.escape(base_url) + r"m/([A-Za-z0-9_-]+)/" + re.escape(args.period) + r"\.html", text)
    if not links:
        problems.append("no link to the period's statement page in the text part")
    else:
        page = os.path.join(args.site_output, "m", links[0], f"{args.period}.html")
        if not os.path.isfile(page):
            problems.append(f"the link points to {page}, which does not exist")
        if f'href="{base_url}m/{links[0]}/{args.period}.html"' not in html:
            problems.append("the HTML part does not link to the same page")
    subject = str(message["Subject"])
    lang = language(row)
    if lang == "fa":
        if not (set(subject) & PERSIAN_DIGITS) or 'dir="rtl"' not in html or 'lang="fa' not in html:
            problems.append(f"not in Persian (subject {subject!r})")
    elif lang == "ar":
        if not (set(subject) & ARABIC_DIGITS) or 'dir="rtl"' not in html or 'lang="ar' not in html:
            problems.append(f"not in Arabic (subject {subject!r})")
    else:
        if not re.search(r"[0-9]", subject) or 'dir="ltr"' not in html:
            problems.append(f"not in English (subject {subject!r})")
    if "<script" in html.lower():
        problems.append("a script in the HTML part")
    return problems


if __name__ == "__main__":
    main()

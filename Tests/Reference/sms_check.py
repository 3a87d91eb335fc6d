#!/usr/bin/env python3
"""Checks what an SMS run wrote or sent, independently of Punchcard's code.

    sms_check.py MEMBERS_CSV PERIOD SITE_OUTPUT MESSAGES [--gateway-log] [--duplicates-allowed N]

Who should get a message is worked out from members.csv alone: status active, channel sms (or no
channel, a phone and no e-mail address), a phone number, joined on or before the end of PERIOD
(a Gregorian YYYY-MM). MESSAGES is `punchcard sms --out`'s CSV (phone, language, segments,
message), or with --gateway-log what the fake gateway recorded (one JSON object per message:
the phone and message it read). Every such member must have exactly one message (up to N extra
in all with --duplicates-allowed, for a run killed while the gateway held one), nobody else any.
Each message: segments as a gateway counts them (GSM 03.38 septets, 160 / 153; else UCS-2, 70 /
67), at most two, equal to the CSV's figure; the link to the member's page for the period, whole,
and present in SITE_OUTPUT; Persian and Arabic in their own digits, with no Latin digits outside the link.
"""
import argparse
import calendar
import collections
import csv
import json
import re
import sys
from pathlib import Path

GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXT = set("^{}\\[~]|€\f")


def segments(text):
    if all(c in GSM or c in GSM_EXT for c in text):
        units, single, part = sum(2 if c in GSM_EXT else 1 for c in text), 160, 153
    else:
        units, single, part = len(text.encode("utf-16-le")) // 2, 70, 67
    return 0 if units == 0 else 1 if units <= single else -(-units // part)


def e164(text):
    digits = re.sub(r"[ ().-]", "", text.strip())
    digits = digits.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
    return digits if re.fullmatch(r"\+[1-9][0-9]{6,14}", digits) else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("members")
    parser.add_argument("period")
    parser.add_argument("output")
    parser.add_argument("messages")
    parser.add_argument("--gateway-log", action="store_true")
    parser.add_argument("--duplicates-allowed", type=int, default=0)
    args = parser.parse_args()

    year, month = map(int, args.period.split("-"))
    period_end = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    expected = {}
    for row in csv.DictReader(open(args.members, encoding="utf-8")):
        status = (row.get("status") or "active").strip() or "active"
        phone = e164(row.get("phone") or "")
        email = (row.get("email") or "").strip()
        channel = (row.get("channel") or "").strip().lower() or ("sms" if phone and not email else "email")
        if status == "active" and channel == "sms" and phone and row["joined_on"] <= period_end:
            expected[phone] = row

    if args.gateway_log:
        messages = [json.loads(line) for line in open(args.messages, encoding="utf-8") if line.strip()]
    else:
        messages = list(csv.DictReader(open(args.messages, encoding="utf-8", newline="")))
    problems = []
    received = collections.Counter(m["phone"] for m in messages)
    for phone in expected:
        if received[phone] == 0:
            problems.append(f"{phone} ({expected[phone]['member_id']}): no message")
    extra = sum(max(0, n - 1) for n in received.values())
    if extra > args.duplicates_allowed:
        problems.append(f"{extra} duplicate messages (at most {args.duplicates_allowed} allowed)")
    for phone in received:
        if phone not in expected:
            problems.append(f"{phone}: a message to a member who should get none")
    for m in messages:
        text, phone = m["message"], m["phone"]
        count = segments(text)
        if count > 2:
            problems.append(f"{phone}: {count} segments")
        if "segments" in m and int(m["segments"]) != count:
            problems.append(f"{phone}: the CSV says {m['segments']} segments, a gateway counts {count}")
        links = re.findall(r"https?://\S+", text)
        if len(links) != 1:
            problems.append(f"{phone}: {len(links)} links in {text!r}")
            continue
        page = re.sub(r"^https?://[^/]+/", "", links[0])
        if not (Path(args.output) / page).is_file():
            problems.append(f"{phone}: {links[0]} is not a page of the site")
        row = expected.get(phone)
        locale = (row or {}).get("locale") or ""
        rest = text.replace(links[0], "")
        if locale.startswith(("fa", "ar")) and re.search(r"[0-9]", rest):
            problems.append(f"{phone}: Latin digits in a {locale} message: {text!r}")
        if locale.startswith("fa") and not re.search(r"[۰-۹]", rest):
            problems.append(f"{phone}: no Persian digits in {text!r}")
        if locale.startswith("ar") and not re.search(r"[٠-٩]", rest):
            problems.append(f"{phone}: no Arabic-Indic digits in {text!r}")
    for problem in problems:
        print(problem)
    print(f"sms_check: {len(messages)} messages, {len(expected)} members expected, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

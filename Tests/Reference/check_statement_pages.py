#!/usr/bin/env python3
"""Reads every member's statement page as a member would and checks that what it shows adds up.

Usage: check_statement_pages.py OUTPUT LINKS.csv STATEMENTS.jsonl

OUTPUT is a built site, LINKS.csv what `punchcard links --site-output OUTPUT` wrote, and
STATEMENTS.jsonl what `punchcard statement --all --period P --json` wrote for the period the site
was built for. For every member with a page (m/<token>/index.html):

- "This period": opening + earned + bonus − redeemed − expired ± adjusted = closing, with no
  signed zero ("+0", "−0") and one minus sign (U+2212) throughout;
- "Your year" (the chart's table): the balance before the first month, then every month's
  previous closing + earned − redeemed − expired ± adjusted = closing, each figure equal to the
  month in the JSON's `history` (an independent check of the page against the engine);
- "where your points came from": each source's points this period and over 12 months, in the
  JSON's order (`earned_by_source_12m`, biggest first);
- a closed account's page shows its figures and nothing that invites earning, redeeming or
  keeping a tier (no member card, tier card, offers, rewards, referral, keep-your-tier sentence,
  cash value); an open account's page has its first-screen summary.

Numbers are read in any of the pages' digits (Latin, Persian, Arabic-Indic) and separators.
Exits non-zero and prints the first problems.
"""
import csv, html, json, re, sys

DIGITS = {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}}
MARKS = "\u200e\u200f\u061c\u066c\u060c,\u00a0 \u202f"
INVITATIONS = ["member-card", "class=\"glance\"", "tier-detail", "class=\"keep\"", "offers-section", "rewards-heading",
               "referral-heading", "class=\"worth\"", "next-reward", "tier-progress"]


def number(cell):
    """A cell's text as an integer: its digits, with a sign; None when it has no digits."""
    text = html.unescape(re.sub(r"<[^>]+>", "", cell))
    sign = -1 if ("\u2212" in text or "-" in text) else 1
    digits = "".join(DIGITS.get(c, c) for c in text if c not in MARKS and c not in "+\u2212-")
    digits = re.sub(r"[^0-9]", "", digits)
    return sign * int(digits) if digits else None


def cells(row):
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


def check_page(page, statement, closed):
    problems = []
    summary = re.search(r'<table class="sum">(.*?)</table>', page, re.S)
    if not summary:
        return ["no summary table"]
    values = [number(c) for c in cells(summary.group(1))]
    if len(values) != 7 or None in values:
        problems.append(f"summary cells {values}")
    else:
        opening, earned, bonus, redeemed, expired, adjusted, closing = values
        # Redeemed and expired lines carry their minus: add every line as shown.
        if opening + earned + bonus + redeemed + expired + adjusted != closing:
            problems.append(f"this period does not add up: {values}")
        if closing != statement["closing_balance"] or opening != statement["opening_balance"]:
            problems.append(f"summary {opening} → {closing}, JSON {statement['opening_balance']} → {statement['closing_balance']}")
    shown = html.unescape(re.sub(r"<[^>]+>", " ", summary.group(1)))
    for zero in ("+0", "\u22120", "+\u06f0", "\u2212\u06f0", "+\u0660", "\u2212\u0660"):
        if re.search(re.escape(zero) + r"(?![0-9\u06f0-\u06f9\u0660-\u0669])", shown.replace("\u200e", "").replace("\u061c", "")):
            problems.append(f"signed zero {zero!r} in the summary")
    if re.search(r">[\u200e\u061c]?-[0-9\u06f0-\u06f9\u0660-\u0669]", page):
        problems.append("a hyphen-minus before a number")

    table = re.search(r'<table class="history-table">(.*?)</table>', page, re.S)
    if statement["history"] and not table:
        problems.append("no history table")
    elif table:
        rows = re.findall(r"<tr(.*?)</tr>", table.group(1), re.S)[1:]
        opening_row = [r for r in rows if r.startswith(' class="opening"')]
        months = [r for r in rows if not r.startswith(' class="opening"')]
        if len(opening_row) != 1:
            problems.append("no opening line in the year's table")
        else:
            previous = number(cells(opening_row[0])[-1])
            if len(months) != len(statement["history"]):
                problems.append(f"{len(months)} months shown, {len(statement['history'])} in the JSON")
            for row, month in zip(months, statement["history"]):
                earned, redeemed, expired, adjusted, closing = (number(c) for c in cells(row))
                if previous + earned - redeemed - expired + adjusted != closing:
                    problems.append(f"{month['period']} does not add up on the page: {previous} + {earned} − {redeemed} − {expired} + {adjusted} ≠ {closing}")
                expected = (month["earned"], month["redeemed"], month["expired"], month["adjusted"], month["closing_balance"])
                if (earned, redeemed, expired, adjusted, closing) != expected:
                    problems.append(f"{month['period']}: page {(earned, redeemed, expired, adjusted, closing)}, JSON {expected}")
                previous = closing
    # Where the points came from: the 12 months biggest first, this period's beside them, as the JSON says.
    sources = re.search(r'<table class="sources-table">(.*?)</table>', page, re.S)
    expected_year = [item["points"] for item in statement.get("earned_by_source_12m", [])]
    if expected_year and not sources:
        problems.append("no table of where the points came from")
    elif sources:
        rows = re.findall(r"<tr>(.*?)</tr>", sources.group(1), re.S)[1:]
        shown = [[number(c) for c in cells(row)] for row in rows]
        period = {item["source"]: item["points"] for item in statement.get("earned_by_source", [])}
        expected = [[period.get(item["source"], 0), item["points"]] for item in statement.get("earned_by_source_12m", [])]
        if shown != expected:
            problems.append(f"where the points came from: page {shown}, JSON {expected}")
    if closed:
        for invitation in INVITATIONS:
            if invitation in page:
                problems.append(f"closed account's page shows {invitation}")
        if 'class="notice closed"' not in page:
            problems.append("closed account's page is not marked closed")
    elif 'class="glance"' not in page and 'class="balance"' not in page:
        problems.append("no first-screen summary")
    return problems


def main():
    output, links, jsonl = sys.argv[1:4]
    statements = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            statements[s["member_id"]] = s
    checked, problems, months = 0, [], 0
    with open(links, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            token = row["url"].rstrip("/").rsplit("/", 1)[-1]
            try:
                page = open(f"{output}/m/{token}/index.html", encoding="utf-8").read()
            except FileNotFoundError:
                continue
            statement = statements.get(row["member_id"])
            if statement is None:
                problems.append(f"{row['member_id']}: no JSON statement"); continue
            for problem in check_page(page, statement, row["status"] == "closed"):
                problems.append(f"{row['member_id']} ({row['locale']}): {problem}")
            checked += 1
            months += len(statement["history"])
    for problem in problems[:20]:
        print(problem)
    print(f"{checked} statement pages read: {months} months, each adding up from the one before; {len(problems)} problems")
    sys.exit(1 if problems or checked == 0 else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reads every member's statement page as a member would and checks that what it shows adds up.

Usage: check_statement_pages.py OUTPUT LINKS.csv STATEMENTS.jsonl [--coupons coupons.csv --offers content/offers]

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
  cash value); an open account's page has its first-screen summary;
- with --coupons and --offers: an open account's page shows exactly the member's codes that expire
  after the period's end for offers that run past it, each once inside its offer's card, and no other
  member's code; no page outside m/ (public pages, sitemap, search data) holds any code.

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


def offer_ends(folder):
    """Offer slug → its `ends` day, from the front matter of content/offers/<slug>.md."""
    import os
    ends = {}
    for name in os.listdir(folder):
        if not name.endswith(".md") or name.count(".") > 1:
            continue  # translations (<slug>.<lang>.md) have no dates
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        found = re.search(r"^ends:\s*(\d{4}-\d{2}-\d{2})\s*$", text, re.M)
        if found:
            ends[name[:-3]] = found.group(1)
    return ends


def check_coupons(output, links, statements, coupons_path, offers_folder):
    """Problems with the codes on statement pages and anywhere else in the site."""
    import os
    ends = offer_ends(offers_folder)
    codes = {}
    with open(coupons_path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            codes.setdefault(r["member_id"], []).append(r)
    every = {html.escape(r["code"], quote=False) for rows in codes.values() for r in rows}
    problems, shown = [], 0
    for row in links:
        token = row["url"].rstrip("/").rsplit("/", 1)[-1]
        try:
            page = open(f"{output}/m/{token}/index.html", encoding="utf-8").read()
        except FileNotFoundError:
            continue
        end = statements[row["member_id"]]["period"]["end"]
        expected = set()
        if row["status"] != "closed":
            expected = {html.escape(r["code"], quote=False) for r in codes.get(row["member_id"], [])
                        if r["expires_on"] > end and ends.get(r["offer"], "0000-00-00") > end}
        on_page = re.findall(r'<figure class="coupon">.*?<code dir="ltr">(.*?)</code>', page, re.S)
        if sorted(on_page) != sorted(expected):
            problems.append(f"{row['member_id']}: codes on the page {sorted(on_page)}, expected {sorted(expected)}")
        others = [c for c in every - expected if c in page]
        if others:
            problems.append(f"{row['member_id']}: another member's code on the page: {others[:3]}")
        shown += len(on_page)
    for folder, _, files in os.walk(output):
        if os.path.relpath(folder, output).split(os.sep)[0] == "m":
            continue
        for name in files:
            path = os.path.join(folder, name)
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            leaked = [c for c in every if c in text]
            if leaked:
                problems.append(f"{os.path.relpath(path, output)}: holds codes {leaked[:3]}")
    return problems, shown


def main():
    output, links, jsonl = sys.argv[1:4]
    opts = dict(zip(sys.argv[4::2], sys.argv[5::2]))
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
    coupons_note = ""
    if "--coupons" in opts:
        with open(links, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        found, shown = check_coupons(output, rows, statements, opts["--coupons"], opts["--offers"])
        problems += found
        coupons_note = f"; {shown} coupon codes shown, each on its holder's page only"
    for problem in problems[:20]:
        print(problem)
    print(f"{checked} statement pages read: {months} months, each adding up from the one before{coupons_note}; {len(problems)} problems")
    sys.exit(1 if problems or checked == 0 else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Gives a generated member store the example program's sources, paid plans and coupons, so that
the reference checkers cover them on data no one wrote by hand.

Usage: add_program_data.py DATA_FOLDER [--seed N]

Reads DATA_FOLDER/members.csv and ledger.csv (as bench/gen_store.py or Tests/Shards/gen_members.py
write them), gives members.csv the example's own columns (`birthday`, `favourite`, for the offers'
audiences) and writes, beside them:
- ledger-sourced.csv: the same rows with a `source` column naming the example program's sources
  (content/program.yml): some bonus rows become birthday, review or plus-bonus bonuses, some earn
  rows gym visits, some redemptions gym classes or bookshop vouchers;
- memberships.csv: about 4 % of members on Saffron Plus (`plus`), active, cancelled or lapsed, with
  dates around the example's periods;
- coupons.csv: about 2 % of members holding a Leaf Books code (`leaf-books-coffee`), some expired.
Deterministic for a seed.
"""
import csv, datetime as dt, random, sys


def main():
    folder = sys.argv[1]
    args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    rng = random.Random(int(args.get("--seed", "27")))
    with open(f"{folder}/members.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        members = list(reader)
        member_fields = [name for name in reader.fieldnames if name not in ("birthday", "favourite")] + ["birthday", "favourite"]
    drinks = ["Saffron tea", "Espresso", "Latte", "Cardamom coffee", ""]
    for m in members:
        roll = rng.random()
        m["birthday"] = "" if roll < 0.3 else f"{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" if roll < 0.65 \
            else f"{rng.randrange(1950, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        m["favourite"] = rng.choice(drinks)
    with open(f"{folder}/members.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=member_fields, lineterminator="\n", extrasaction="ignore")
        out.writeheader()
        out.writerows(members)
    plan_members = set()

    with open(f"{folder}/memberships.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["member_id", "plan", "started_on", "renews_on", "status"])
        for m in members:
            if rng.random() >= 0.04:
                continue
            joined = dt.date.fromisoformat(m["joined_on"])
            start = max(joined, dt.date(2025, 1, 1)) + dt.timedelta(days=rng.randrange(0, 540))
            renews = start + dt.timedelta(days=30 * rng.randrange(1, 14))
            status = rng.choices(["active", "cancelled", "lapsed"], [6, 2, 2])[0]
            out.writerow([m["member_id"], "plus", start.isoformat(), renews.isoformat(), status])
            plan_members.add(m["member_id"])

    with open(f"{folder}/coupons.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["member_id", "offer", "code", "expires_on"])
        for i, m in enumerate(members):
            if rng.random() >= 0.02:
                continue
            expires = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randrange(0, 150))
            out.writerow([m["member_id"], "leaf-books-coffee", f"LEAF-{i:06d}-{rng.randrange(10**6):06d}", expires.isoformat()])

    with open(f"{folder}/ledger.csv", encoding="utf-8-sig", newline="") as f, \
            open(f"{folder}/ledger-sourced.csv", "w", encoding="utf-8", newline="") as g:
        reader = csv.DictReader(f)
        fields = [name for name in reader.fieldnames if name != "source"] + ["source"]
        out = csv.DictWriter(g, fieldnames=fields, lineterminator="\n")
        out.writeheader()
        for row in reader:
            source, roll = "", rng.random()
            if row["kind"] == "bonus":
                source = "birthday" if roll < 0.3 else "review" if roll < 0.5 else \
                    "plus-bonus" if roll < 0.7 and row["member_id"] in plan_members else ""
            elif row["kind"] == "earn" and roll < 0.02:
                source = "gym"
            elif row["kind"] == "redeem" and roll < 0.04:
                source = "gym" if roll < 0.02 else "bookshop"
            row["source"] = source
            out.writerow({k: row.get(k, "") for k in fields})


if __name__ == "__main__":
    main()

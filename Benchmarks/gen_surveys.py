#!/usr/bin/env python3
"""Survey answers (Net Promoter Score, 0-10) for a member store, for the report's example and its
benchmarks: about a third of members answer, some more than once, on days after they joined and
up to AS_OF; members who earn more lean towards promoters. Deterministic for a seed.

Usage: gen_surveys.py MEMBERS.csv LEDGER.csv OUT.csv [--seed S] [--as-of 2026-11-30]
"""
import csv, datetime as dt, random, sys
from collections import defaultdict


def main():
    args = sys.argv[1:]
    members_path, ledger_path, out_path = args[:3]
    opts = dict(zip(args[3::2], args[4::2]))
    rng = random.Random(int(opts.get("--seed", 7)))
    as_of = dt.date.fromisoformat(opts.get("--as-of", "2026-11-30"))
    earned = defaultdict(int)
    with open(ledger_path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "earn":
                earned[r["member_id"]] += int(r["points"])
    comments = {"fa": ["قهوه عالی است", "شنبه‌ها شلوغ است", "جوایز خوبی دارد"],
                "ar": ["الخدمة ممتازة", "الانتظار طويل في المساء", "أحب المكافآت"],
                "en": ["Great coffee", "Slow service on weekends", "Love the rewards", "Too few rewards for Bronze"]}
    with open(members_path, encoding="utf-8-sig", newline="") as f:
        members = list(csv.DictReader(f))
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["member_id", "answered_on", "score", "comment"])
        for m in members:
            joined = dt.date.fromisoformat(m["joined_on"])
            if joined >= as_of or rng.random() > 0.35:
                continue
            span = (as_of - joined).days
            days = sorted({rng.randrange(1, span + 1) for _ in range(rng.choice([1, 1, 1, 2, 3]))})
            lean = min(3.0, earned[m["member_id"]] / 20000)
            for offset in days:
                score = max(0, min(10, round(rng.gauss(6.2 + lean, 2.4))))
                language = (m.get("locale") or "en")[:2]
                comment = rng.choice(comments.get(language, comments["en"])) if rng.random() < 0.4 else ""
                out.writerow([m["member_id"], (joined + dt.timedelta(days=offset)).isoformat(), score, comment])


if __name__ == "__main__":
    main()

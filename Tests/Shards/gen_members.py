"""A deterministic member store for CI when ../shared/bench/gen_store.py is not beside the clone:
members in three languages (some closed, some referred), about 40 ledger rows each over two years.

    python3 Tests/Shards/gen_members.py MEMBERS FOLDER     writes FOLDER/members.csv and FOLDER/ledger.csv
"""
import datetime
import os
import random
import sys

members, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(folder, exist_ok=True)
rng = random.Random(11)
names = {"en-US": ["Ana Silva", "John O'Neil", "Mei Chen"], "fa-IR": ["سارا احمدی", "علی رضایی"], "ar-SA": ["محمد العتيبي", "نورة القحطاني"]}
start = datetime.date(2024, 11, 1)
txn = 0
with open(f"{folder}/members.csv", "w", encoding="utf-8") as m, open(f"{folder}/ledger.csv", "w", encoding="utf-8") as l:
    m.write("member_id,name,email,locale,joined_on,referred_by,status\n")
    l.write("txn_id,member_id,posted_on,kind,points,amount,description\n")
    for i in range(1, members + 1):
        locale = rng.choice(list(names))
        joined = start + datetime.timedelta(days=rng.randrange(0, 700))
        referrer = f"M{rng.randrange(1, i):07d}" if i > 1 and rng.random() < 0.1 else ""
        status = "closed" if rng.random() < 0.03 else "active"
        m.write(f'M{i:07d},"{rng.choice(names[locale])}",m{i}@example.com,{locale},{joined},{referrer},{status}\n')
        balance = 0
        day = joined
        for _ in range(rng.randrange(5, 75)):
            day += datetime.timedelta(days=rng.randrange(1, 20))
            if day > datetime.date(2026, 11, 20):
                break
            txn += 1
            if balance > 500 and rng.random() < 0.15:
                points = -rng.randrange(100, balance // 2 + 101)
                l.write(f"T{txn:09d},M{i:07d},{day},redeem,{points},,Reward\n")
            else:
                points = rng.randrange(5, 400)
                l.write(f"T{txn:09d},M{i:07d},{day},earn,{points},{points / 10:.2f},Purchase\n")
            balance += points

#!/usr/bin/env python3
"""A short fuzz run of `punchcard import`: mutated members.csv, ledger.csv and surveys.csv files, each imported
into a copy of a small store. Every run must end without a crash or a hang; every refusal must
name the file and line of each problem on a line of its own; a refused import must leave the store
exactly as it was.

usage: fuzz_import.py PUNCHCARD_BINARY [RUNS] [SEED]
"""
import os, random, re, shutil, sqlite3, subprocess, sys, tempfile

binary = os.path.realpath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)

MEMBERS = (
    "member_id,name,email,locale,joined_on,referred_by,status\n"
    "M1,Sara Rezaei,sara@example.com,fa-IR,2024-01-15,,active\n"
    "M2,\"Omar, Al-Harbi\",omar@example.com,ar-SA,2024-06-01,M1,active\n"
    "M3,Alice \"\"Al\"\" Smith,,en-US,2025-02-01,M1,closed\n"
)
LEDGER = (
    "txn_id,member_id,posted_on,kind,points,amount,description\n"
    "T1,M1,2024-11-15,earn,1200,120.00,Store purchase\n"
    "T2,M1,2025-01-10,redeem,-500,,Free coffee\n"
    "T3,M2,2026-10-02,earn,300,30.00,\"Online, order\"\n"
    "T4,M1,2026-10-03,referral,500,,Friend joined\n"
    "T5,M3,2026-10-04,bonus,200,,\"Welcome\nbonus\"\n"
    "T6,M2,2026-10-05,adjust,-20,,Correction\n"
)
SURVEYS = (
    "member_id,answered_on,score,comment\n"
    "M1,2026-01-15,9,Great coffee\n"
    "M2,2026-03-01,4,\"Slow, on weekends\"\n"
    "M1,2026-06-15,10,\n"
)
NASTY = [b"\x00", b"\xff\xfe", b"\"", b",", b"\n", b"\r\n", b";", b"\t", b"9223372036854775807",
         b"-9223372036854775808", b"99999999999999999999999", b"2026-02-30", b"0000-00-00", b"\xef\xbb\xbf",
         b"=cmd|' /C calc'!A0", b"\xe2\x80\xae", b"<script>", "زهرا".encode(), b"x" * 70_000, b"-0", b"+5",
         b"1e9", b"", b"\\", b"''"]


def mutate(data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if choice == 0 and data:                      # flip a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif choice == 1:                             # insert something nasty
            data[pos:pos] = rng.choice(NASTY)
        elif choice == 2 and data:                    # delete a run
            del data[pos:pos + rng.randint(1, 20)]
        elif choice == 3:                             # duplicate a line
            lines = bytes(data).split(b"\n")
            line = rng.choice(lines)
            lines.insert(rng.randrange(len(lines) + 1), line)
            data = bytearray(b"\n".join(lines))
        elif choice == 4:                             # truncate
            data = data[:pos]
        elif choice == 5:                             # replace a field with something nasty
            fields = bytes(data).split(b",")
            fields[rng.randrange(len(fields))] = rng.choice(NASTY)
            data = bytearray(b",".join(fields))
        elif choice == 6:                             # change the separator
            data = bytearray(bytes(data).replace(b",", rng.choice([b";", b"\t"])))
        else:                                         # CRLF line ends
            data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
    return bytes(data)


def snapshot(path):
    db = sqlite3.connect(path)
    try:
        members = db.execute("SELECT * FROM members ORDER BY member_id").fetchall()
        ledger = db.execute("SELECT * FROM ledger ORDER BY txn_id").fetchall()
        surveys = db.execute("SELECT * FROM surveys ORDER BY member_id, answered_on").fetchall()
        return members, ledger, surveys
    finally:
        db.close()


work = tempfile.mkdtemp(prefix="punchcard-fuzz-")
try:
    base = os.path.join(work, "base.sqlite")
    for name, text in (("members.csv", MEMBERS), ("ledger.csv", LEDGER), ("surveys.csv", SURVEYS)):
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
    subprocess.run([binary, "import", "--store", base, "--members", os.path.join(work, "members.csv"),
                    "--ledger", os.path.join(work, "ledger.csv"), "--surveys", os.path.join(work, "surveys.csv")],
                   check=True, capture_output=True)
    before = snapshot(base)
    outcomes = {"accepted": 0, "refused": 0}
    line_pattern = re.compile(r"^(members|ledger|surveys)\.csv:\d+(:\d+)?: ")
    for run in range(runs):
        target = rng.choice(["members", "ledger", "surveys", "both"])
        args = []
        for name, text in (("members", MEMBERS), ("ledger", LEDGER), ("surveys", SURVEYS)):
            path = os.path.join(work, f"{name}.csv")
            data = text.encode()
            if target == name or (target == "both" and name != "surveys"):
                data = mutate(data)
            with open(path, "wb") as f:
                f.write(data)
            args += [f"--{name}", f"{name}.csv"]
        store = os.path.join(work, "store.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)
        shutil.copy(base, store)
        try:
            result = subprocess.run([binary, "import", "--store", store] + args, cwd=work, capture_output=True,
                                    timeout=30)
        except subprocess.TimeoutExpired:
            sys.exit(f"fuzz run {run}: import hung (seed {seed})")
        stderr = result.stderr.decode("utf-8", "replace")
        if result.returncode not in (0, 1):
            sys.exit(f"fuzz run {run}: import crashed with status {result.returncode} (seed {seed}):\n{stderr[-2000:]}")
        if len(result.stderr) > 20_000:
            sys.exit(f"fuzz run {run}: {len(result.stderr)} bytes of errors: values are not shortened")
        if result.returncode == 0:
            outcomes["accepted"] += 1
            continue
        outcomes["refused"] += 1
        lines = [l for l in stderr.splitlines() if l]
        for line in lines[:-1]:
            if line.startswith("… and "):
                continue
            if not line_pattern.match(line):
                sys.exit(f"fuzz run {run}: a refusal does not name file and line: {line[:300]!r}")
        if "the store is unchanged" not in lines[-1]:
            sys.exit(f"fuzz run {run}: the refusal does not end by saying the store is unchanged: {lines[-1][:300]!r}")
        if snapshot(store) != before:
            sys.exit(f"fuzz run {run}: a refused import changed the store")
    print(f"fuzz: {runs} mutated imports: {outcomes['accepted']} accepted, {outcomes['refused']} refused with "
          f"file:line errors and the store unchanged; no crash, no hang")
finally:
    shutil.rmtree(work)

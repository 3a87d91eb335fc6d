#!/usr/bin/env python3
"""A short fuzz run of `punchcard build` over mutated templates, string tables, program.yml and
Markdown pages with front matter: nesting thousands deep, YAML anchors and aliases that expand
without end (and as mapping keys), combining marks by the hundred thousand, invisible characters,
flipped bytes, cut and doubled lines. Every build must end without a crash and within a few
seconds; every refusal must name the file and line of each problem; a refused build must leave
output/ exactly as it was.

usage: fuzz_site.py PUNCHCARD_BINARY [RUNS] [SEED]
"""
import hashlib, os, random, re, shutil, subprocess, sys, tempfile, time

binary = os.path.realpath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
TIME_LIMIT = 20  # seconds: a debug build of the small site takes well under one

MEMBERS = (
    "member_id,name,email,locale,joined_on,referred_by,status\n"
    "M1,Sara Rezaei,sara@example.com,fa-IR,2024-01-15,,active\n"
    "M2,\"Omar, Al-Harbi\",omar@example.com,ar-SA,2024-06-01,M1,active\n"
    "M3,Alice Smith,,en-US,2025-02-01,M1,closed\n"
)
LEDGER = (
    "txn_id,member_id,posted_on,kind,points,amount,description\n"
    "T1,M1,2024-11-15,earn,1200,120.00,Store purchase\n"
    "T2,M1,2025-01-10,redeem,-500,,Free coffee\n"
    "T3,M2,2026-10-02,earn,300,30.00,\"Online, order\"\n"
)

INVISIBLE = ["\u202e", "\u200b", "\ufeff", "\u200d", "\u2066", "\u00ad"]


def alias_bomb(depth: int, as_key: bool) -> str:
    lines = ['fz_a: &fz_a ["x","x","x","x","x","x","x","x","x"]']
    previous = "fz_a"
    for level in range(1, depth + 1):
        name = f"fz_{chr(97 + level)}"
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    if as_key:
        lines.append(f"? *{previous}\n: 1")
    return "\n".join(lines) + "\n"


def mutate(path: str, text: str) -> str:
    is_template = path.endswith(".mustache")
    is_markdown = path.endswith(".md")
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(10)
        where = rng.randrange(len(lines) + 1)
        if choice == 0:  # nesting, thousands deep
            depth = rng.choice([50, 101, 500, 3000, 20000])
            if is_template:
                insert = "{{#fz}}" * depth + "x" + "{{/fz}}" * depth
            else:
                insert = "fz: " + "[" * depth + "]" * depth
            lines.insert(where, insert)
        elif choice == 1:  # anchors and aliases
            bomb = alias_bomb(rng.randint(3, 9), rng.random() < 0.5)
            if is_template:
                lines.insert(where, bomb)
            elif is_markdown and text.startswith("---\n"):
                lines.insert(1, bomb)  # inside the front matter
            else:
                lines.append(bomb)
        elif choice == 2:  # combining marks on one character
            marks = "a" + "\u0301" * rng.choice([5, 40, 1000, 300_000])
            if not lines:
                lines = [marks]
            else:
                index = min(where, len(lines) - 1)
                cut = rng.randrange(len(lines[index]) + 1)
                lines[index] = lines[index][:cut] + marks + lines[index][cut:]
        elif choice == 3 and lines:  # an invisible character
            index = min(where, len(lines) - 1)
            line = lines[index]
            cut = rng.randrange(len(line) + 1)
            lines[index] = line[:cut] + rng.choice(INVISIBLE) + line[cut:]
        elif choice == 4 and lines:  # cut a line short
            index = min(where, len(lines) - 1)
            lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]
        elif choice == 5 and lines:  # a line twice
            index = min(where, len(lines) - 1)
            lines.insert(index, lines[index])
        elif choice == 6 and lines:  # a line gone
            del lines[min(where, len(lines) - 1)]
        elif choice == 7:  # an unbalanced or odd tag
            lines.insert(where, rng.choice(["{{#open}}", "{{/close}}", "{{", "}}", "{{=<% %>=}}", "{{>nope}}",
                                            "{{{raw", "{{^x}}{{/y}}", "&anchor *alias", ": : :", "- - -", "\t\tkey: v"]))
        elif choice == 8:  # a key nobody asked for, very long
            lines.insert(where, "k" * rng.choice([10, 1000, 100_000]) + ": 1")
        else:  # flipped bytes, kept as text
            if lines:
                index = min(where, len(lines) - 1)
                chars = list(lines[index])
                for _ in range(rng.randint(1, 5)):
                    if chars:
                        chars[rng.randrange(len(chars))] = chr(rng.randrange(0x20, 0x2FF))
                lines[index] = "".join(chars)
    return "\n".join(lines)


def tree_digest(folder: str) -> str:
    digest = hashlib.sha256()
    for base, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(os.path.relpath(path, folder).encode())
            if os.path.islink(path):
                digest.update(os.readlink(path).encode())
            else:
                with open(path, "rb") as f:
                    digest.update(f.read())
    return digest.hexdigest()


def main() -> int:
    work = tempfile.mkdtemp(prefix="punchcard-fuzz-site-")
    try:
        site = os.path.join(work, "site")
        os.makedirs(site)
        shutil.copytree(os.path.join(repository, "content"), os.path.join(site, "content"),
                        ignore=shutil.ignore_patterns("data"))
        shutil.copytree(os.path.join(repository, "templates"), os.path.join(site, "templates"))
        for name, text in [("members.csv", MEMBERS), ("ledger.csv", LEDGER)]:
            with open(os.path.join(work, name), "w") as f:
                f.write(text)
        store = os.path.join(work, "members.sqlite")
        subprocess.run([binary, "import", "--store", store, "--members", os.path.join(work, "members.csv"),
                        "--ledger", os.path.join(work, "ledger.csv")], check=True, capture_output=True)
        build = [binary, "build", "--root", site, "--store", store, "--period", "2026-10", "--output",
                 os.path.join(work, "output")]
        subprocess.run(build, check=True, capture_output=True)

        targets = []
        for base, _, files in os.walk(site):
            for name in files:
                relative = os.path.relpath(os.path.join(base, name), site)
                if relative.startswith("templates/assets") or relative.startswith("templates/mail"):
                    continue
                if name.endswith((".mustache", ".yml", ".md")):
                    targets.append(relative)
        targets.sort()

        crashes, hangs, unnamed, changed, refused, slowest = 0, 0, 0, 0, 0, 0.0
        for run in range(runs):
            relative = rng.choice(targets)
            path = os.path.join(site, relative)
            with open(path, encoding="utf-8") as f:
                original = f.read()
            mutated = mutate(relative, original)
            with open(path, "w", encoding="utf-8") as f:
                f.write(mutated)
            before = tree_digest(os.path.join(work, "output"))
            started = time.monotonic()
            try:
                result = subprocess.run(build, capture_output=True, timeout=TIME_LIMIT)
            except subprocess.TimeoutExpired:
                hangs += 1
                print(f"HANG (> {TIME_LIMIT} s): run {run}, {relative}")
                shutil.copy(path, os.path.join(repository, f"fuzz-site-hang-{run}.txt"))
                result = None
            elapsed = time.monotonic() - started
            slowest = max(slowest, elapsed)
            if result is not None:
                stderr = result.stderr.decode("utf-8", "replace")
                if result.returncode < 0 or result.returncode >= 128 or "Fatal error" in stderr:
                    crashes += 1
                    print(f"CRASH (exit {result.returncode}): run {run}, {relative}: {stderr[-400:]}")
                elif result.returncode != 0:
                    refused += 1
                    problems = [line for line in stderr.splitlines()
                                if line and not line.startswith(("Build stopped", "warning:"))]
                    for line in problems:
                        # file:line[:column]: message, with or without "error: " and the step's name.
                        if not re.search(r"(content|templates)/[^:\s]+:\d+(:\d+)?: ", line):
                            unnamed += 1
                            print(f"NO FILE:LINE: run {run}, {relative}: {line[:300]}")
                    if len(stderr) > 20_000:
                        unnamed += 1
                        print(f"FLOOD: run {run}, {relative}: {len(stderr)} bytes of errors: {stderr[:300]!r}")
                    if tree_digest(os.path.join(work, "output")) != before:
                        changed += 1
                        print(f"OUTPUT CHANGED by a refused build: run {run}, {relative}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
            # A build that succeeded with the mutation is rebuilt as it was, for the next run.
            if result is not None and result.returncode == 0:
                subprocess.run(build, check=True, capture_output=True)
        print(f"fuzz_site: {runs} mutated sites, {refused} refused, {crashes} crashes, {hangs} hangs, "
              f"{unnamed} refusals without file:line, {changed} outputs changed by a refusal; slowest {slowest:.1f} s")
        return 1 if crashes or hangs or unnamed or changed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

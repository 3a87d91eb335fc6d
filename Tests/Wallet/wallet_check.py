#!/usr/bin/env python3
"""Checks a built site's wallet cards as Wallet and Google would, against `statement --json`.

For every member with a statement page for the period:
- an open account has m/<token>/card.pkpass, a closed one has none;
- the pass is a zip whose manifest.json lists every other file with its SHA-1, and nothing is
  unlisted; `openssl smime -verify` accepts `signature` over manifest.json against the test root
  (standing in for Apple's chain, the WWDR certificate carried inside the signature);
- pass.json has Wallet's required keys, a storeCard, the member id as a QR barcode, and the
  member's figures equal to `statement --json` (balance, tier, next expiry);
- every program language has <lang>.lproj/pass.strings, whose entries translate pass.json's labels;
- the page's "Save to Google Wallet" link is a JWT that verifies RS256 with the service account's
  public key (PyJWT), aud google, typ savetowallet, with one loyalty object carrying the member's
  id, name, balance and tier.

usage: wallet_check.py SITE_OUTPUT STORE.sqlite STATEMENTS.jsonl ROOT.pem GOOGLE_PUBLIC.pem LANGUAGES
"""
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import unquote

import jwt  # PyJWT

REQUIRED = ["formatVersion", "passTypeIdentifier", "serialNumber", "teamIdentifier", "organizationName", "description"]


def strings_table(data):
    text = data.decode("utf-8")
    table = {}
    for line in text.splitlines():
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)" = "((?:[^"\\]|\\.)*)";', line)
        if not m:
            raise ValueError(f"not a .strings line: {line!r}")
        unescape = lambda s: s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        table[unescape(m.group(1))] = unescape(m.group(2))
    return table


def main():
    site, store, statements_file, root_ca, google_public, languages = sys.argv[1:7]
    site = Path(site)
    languages = [tag.split("-")[0] for tag in languages.split(",")]
    statements = {}
    for line in open(statements_file, encoding="utf-8"):
        s = json.loads(line)
        statements[s["member_id"]] = s
    db = sqlite3.connect(store)
    members = {row[0]: row for row in db.execute("SELECT member_id, name, token, status, locale FROM members")}
    public_key = open(google_public).read()
    problems = []
    checked = passes = links = 0
    for member_id, statement in statements.items():
        _, name, token, status, locale = members[member_id]
        folder = site / "m" / token
        if not (folder / "index.html").exists():
            continue
        checked += 1
        card = folder / "card.pkpass"
        if status == "closed":
            if card.exists():
                problems.append(f"{member_id}: closed account has a pass")
            continue
        if not card.exists():
            problems.append(f"{member_id}: no card.pkpass")
            continue
        passes += 1
        z = zipfile.ZipFile(card)
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        for file in names - {"manifest.json", "signature"}:
            if file not in manifest:
                problems.append(f"{member_id}: {file} is not in the manifest")
            elif hashlib.sha1(z.read(file)).hexdigest() != manifest[file]:
                problems.append(f"{member_id}: {file}'s SHA-1 differs from the manifest's")
        for file in manifest:
            if file not in names:
                problems.append(f"{member_id}: manifest names {file}, which is not in the pass")
        for image in ["icon.png", "icon@2x.png", "icon@3x.png", "logo.png"]:
            if image not in names or not z.read(image).startswith(b"\x89PNG"):
                problems.append(f"{member_id}: no {image}")
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "manifest.json").write_bytes(z.read("manifest.json"))
            (Path(tmp) / "signature").write_bytes(z.read("signature"))
            verify = subprocess.run(["openssl", "smime", "-verify", "-binary", "-inform", "DER", "-in", f"{tmp}/signature",
                                     "-content", f"{tmp}/manifest.json", "-CAfile", root_ca, "-purpose", "any",
                                     "-out", "/dev/null"], capture_output=True, text=True)
            if verify.returncode != 0:
                problems.append(f"{member_id}: signature does not verify: {verify.stderr.strip()[:200]}")
        p = json.loads(z.read("pass.json"))
        for key in REQUIRED:
            if key not in p:
                problems.append(f"{member_id}: pass.json has no {key}")
        if p.get("formatVersion") != 1:
            problems.append(f"{member_id}: formatVersion is not 1")
        card_fields = p.get("storeCard", {})
        fields = {f["key"]: f for row in card_fields.values() for f in row}
        barcode = (p.get("barcodes") or [{}])[0]
        if barcode.get("format") != "PKBarcodeFormatQR" or barcode.get("message") != member_id:
            problems.append(f"{member_id}: barcode {barcode}")
        if fields.get("balance", {}).get("value") != statement["closing_balance"]:
            problems.append(f"{member_id}: balance {fields.get('balance')} != {statement['closing_balance']}")
        if fields.get("name", {}).get("value") != name:
            problems.append(f"{member_id}: name {fields.get('name')}")
        if statement.get("tier") != fields.get("tier", {}).get("value"):
            problems.append(f"{member_id}: tier {fields.get('tier')} != {statement.get('tier')}")
        expiring = statement.get("expiring") or []
        if expiring:
            if fields.get("expiring_points", {}).get("value") != expiring[0]["points"] \
                    or not str(fields.get("expiring_on", {}).get("value", "")).startswith(expiring[0]["on"]) \
                    or not str(p.get("relevantDate", "")).startswith(expiring[0]["on"]):
                problems.append(f"{member_id}: next expiry {fields.get('expiring_points')} {fields.get('expiring_on')} != {expiring[0]}")
        elif "expiring_points" in fields:
            problems.append(f"{member_id}: expiry shown without one")
        labels = [f["label"] for f in fields.values()] + [p["description"]]
        for language in languages:
            entry = f"{language}.lproj/pass.strings"
            if entry not in names:
                problems.append(f"{member_id}: no {entry}")
                continue
            table = strings_table(z.read(entry))
            for label in labels:
                if label not in table:
                    problems.append(f"{member_id}: {entry} does not translate {label!r}")
            if statement.get("tier") and statement["tier"] not in table:
                problems.append(f"{member_id}: {entry} does not translate the tier {statement['tier']!r}")
        if (locale or "").startswith("fa"):
            table = strings_table(z.read("fa.lproj/pass.strings"))
            if not any("\u0600" <= ch <= "\u06ff" for ch in "".join(table.values())):
                problems.append(f"{member_id}: fa.lproj/pass.strings is not in Persian")

        page = (folder / "index.html").read_text(encoding="utf-8")
        if 'href="card.pkpass"' not in page:
            problems.append(f"{member_id}: the page does not link to card.pkpass")
        m = re.search(r'href="https://pay\.google\.com/gp/v/save/([^"]+)"', page)
        if not m:
            problems.append(f"{member_id}: no Save to Google Wallet link")
            continue
        links += 1
        token_text = unquote(m.group(1))
        try:
            claims = jwt.decode(token_text, public_key, algorithms=["RS256"], audience="google")
        except Exception as error:  # noqa: BLE001
            problems.append(f"{member_id}: the JWT does not verify: {error}")
            continue
        if claims.get("typ") != "savetowallet" or not claims.get("iss", "").endswith("gserviceaccount.com"):
            problems.append(f"{member_id}: JWT claims {claims.get('typ')} {claims.get('iss')}")
        objects = claims.get("payload", {}).get("loyaltyObjects", [])
        if len(objects) != 1:
            problems.append(f"{member_id}: {len(objects)} loyalty objects")
            continue
        o = objects[0]
        balance = o.get("loyaltyPoints", {}).get("balance", {})
        if o.get("accountId") != member_id or o.get("accountName") != name or o.get("barcode", {}).get("value") != member_id:
            problems.append(f"{member_id}: object ids {o.get('accountId')} {o.get('accountName')}")
        if balance.get("int", balance.get("string")) != statement["closing_balance"]:
            problems.append(f"{member_id}: object balance {balance} != {statement['closing_balance']}")
        tiers = [t for t in o.get("textModulesData", []) if t.get("id") == "rewardsTier"]
        if bool(tiers) != bool(statement.get("tier")):
            problems.append(f"{member_id}: object tier {tiers} vs {statement.get('tier')}")
        if not o.get("classId", "").endswith("." + o.get("classId", "").split(".", 1)[-1]) or "." not in o.get("id", ""):
            problems.append(f"{member_id}: object/class id {o.get('id')} {o.get('classId')}")
    for problem in problems[:40]:
        print(problem)
    print(f"wallet: {checked} statement pages, {passes} passes and {links} Google links checked; {len(problems)} problems")
    sys.exit(1 if problems or passes == 0 or links == 0 else 0)


if __name__ == "__main__":
    main()

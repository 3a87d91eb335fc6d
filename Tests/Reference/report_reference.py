#!/usr/bin/env python3
"""Independent reference for `punchcard report`: recomputes every figure of report.json from the
CSV files, with exact fractions, and compares.

Usage: report_reference.py MEMBERS.csv LEDGER.csv SURVEYS.csv|- PERIOD REPORT.json --program program.yml
           [--memberships memberships.csv]

With --memberships, `memberships` (per plan, and retention and CLV on a plan beside none) is computed
from the places in the file; without it, a program with plans has no places on them.

The definitions are docs/report.md's. Month arithmetic (clamped) and calendars are the statement
reference's (MonthCalendar). Exits non-zero on any difference.
"""
import bisect, csv, datetime as dt, json, os, sys
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statement_reference import MonthCalendar  # noqa: E402


def round_half_away(value, places):
    """A Fraction rounded to `places` decimals, half away from zero, as a Decimal."""
    scale = 10 ** places
    scaled = abs(value) * scale
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    result = Decimal(whole) / Decimal(scale)
    return -result if value < 0 else result


def pct(numerator, denominator):
    return None if denominator == 0 else round_half_away(Fraction(numerator * 100, denominator), 1)


def main():
    args = sys.argv[1:]
    members_path, ledger_path, surveys_path, period, report_path = args[:5]
    opts = dict(zip(args[5::2], args[6::2]))
    import yaml
    with open(opts["--program"], encoding="utf-8") as f:
        program = yaml.safe_load(f)
    calendar = MonthCalendar(program.get("calendar", "gregorian"))
    default_language = (program.get("languages") or [program.get("default_locale", "en")])[0]

    def tier_name(name):
        """A tier's key: its name, or with a name per language, the default language's."""
        if isinstance(name, dict):
            return str(name.get(default_language) or next(iter(name.values())))
        return str(name)
    tiers = [(tier_name(t["name"]), int(t["threshold"])) for t in program["tiers"]]
    point_value = program.get("point_value")
    point_value = Fraction(Decimal(str(point_value))) if point_value is not None else None
    active_months = int((program.get("report") or {}).get("active_months", 6))

    def tier_of(qualifying):
        found = None
        for index, (_, threshold) in enumerate(tiers):
            if threshold <= qualifying:
                found = index
        return found

    year, month = map(int, period.split("-"))
    months = [(year, month)]
    while len(months) < 12:
        y, m = months[0]
        months.insert(0, (y - 1, 12) if m == 1 else (y, m - 1))
    spans = [(calendar.first_day(y, m), calendar.last_day(y, m)) for y, m in months]

    with open(members_path, encoding="utf-8-sig", newline="") as f:
        members = list(csv.DictReader(f))
    rows = defaultdict(list)
    sourced = []  # (posted, kind, points, source) of rows that name a source
    with open(ledger_path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            rows[r["member_id"]].append((dt.date.fromisoformat(r["posted_on"]), r["kind"], int(r["points"]),
                                         (r.get("amount") or "").strip()))
            if r.get("source"):
                sourced.append((dt.date.fromisoformat(r["posted_on"]), r["kind"], int(r["points"]), r["source"]))
    answers = defaultdict(list)
    if surveys_path != "-":
        with open(surveys_path, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                answers[r["member_id"]].append((dt.date.fromisoformat(r["answered_on"]), int(r["score"])))

    earn_days = {mid: sorted(posted for posted, kind, _, _ in r if kind == "earn") for mid, r in rows.items()}
    add_months_cache = {}

    def active(m, day):
        """Joined by `day`, with an earn row in (day - k months, day]."""
        joined = dt.date.fromisoformat(m["joined_on"])
        if joined > day:
            return False
        after = add_months_cache.get(day)
        if after is None:
            after = add_months_cache[day] = calendar.add_months(day, -active_months)
        days = earn_days.get(m["member_id"], [])
        i = bisect.bisect_right(days, after)
        return i < len(days) and days[i] <= day

    def nps_counts(day_end, only=None):
        after = calendar.add_months(day_end, -12)
        counts = [0, 0, 0]  # promoters, passives, detractors
        for m in members:
            if only is not None and not only(m):
                continue
            inside = [a for a in answers[m["member_id"]] if after < a[0] <= day_end]
            if not inside:
                continue
            score = max(inside)[1]
            counts[0 if score >= 9 else 1 if score >= 7 else 2] += 1
        return counts

    def nps_object(counts):
        total = sum(counts)
        if total == 0:
            return None
        return {"score": pct(counts[0] - counts[2], total), "responses": total, "promoters": counts[0],
                "passives": counts[1], "detractors": counts[2]}

    def figures(start, end):
        day_before = start - dt.timedelta(days=1)
        total = S = E = N = lost = 0
        issued = redeemed = expired = adjusted = outstanding = 0
        for m in members:
            joined = dt.date.fromisoformat(m["joined_on"])
            a_start, a_end = active(m, day_before), active(m, end)
            total += joined <= end
            S += a_start
            E += a_end
            N += a_end and start <= joined <= end
            lost += a_start and not a_end
            balance = 0
            for posted, kind, pts, _ in rows[m["member_id"]]:
                if posted <= end:
                    balance += pts
                if start <= posted <= end:
                    if kind in ("earn", "bonus", "referral"):
                        issued += pts
                    elif kind == "redeem":
                        redeemed -= pts
                    elif kind == "expire":
                        expired -= pts
                    else:
                        adjusted += pts
            if joined <= end and balance > 0:
                outstanding += balance
        members_obj = {"total": total, "active_start": S, "active_end": E, "new": N, "lost": lost,
                       "returning": E - N - (S - lost)}
        points = {"issued": issued, "redeemed": redeemed, "expired": expired, "adjusted": adjusted,
                  "outstanding": outstanding}
        liability = round_half_away(outstanding * point_value, 2) if point_value is not None else None
        return members_obj, pct(E - N, S), pct(lost, S), points, liability

    trend = []
    for (start, end), (y, m) in zip(spans, months):
        members_obj, crr, churn, points, liability = figures(start, end)
        nps = nps_object(nps_counts(end))
        trend.append({"period": f"{y:04d}-{m:02d}", "members": members_obj, "crr": crr, "churn_rate": churn,
                      "points": points, "outstanding": points["outstanding"], "liability": liability,
                      "nps": nps["score"] if nps else None})
    start, end = spans[-1]
    prev_end = spans[-2][1]
    year_after = calendar.add_months(end, -12)
    prev_year_after = calendar.add_months(prev_end, -12)
    last = trend[-1]

    issued12 = redeemed12 = expired12 = 0
    tier_counts = [0] * (len(tiers) + 1)
    moves = defaultdict(int)
    referred_new = referral_points = 0
    amount_sum, amount_rows, amount_members = Fraction(0), 0, 0
    life_days, life_members = 0, 0
    for m in members:
        joined = dt.date.fromisoformat(m["joined_on"])
        mine = rows[m["member_id"]]
        qualifying = qualifying_before = 0
        member_amounts = 0
        for posted, kind, pts, amount in mine:
            if year_after < posted <= end:
                if kind in ("earn", "bonus", "referral"):
                    issued12 += pts
                elif kind == "redeem":
                    redeemed12 -= pts
                elif kind == "expire":
                    expired12 -= pts
                if kind == "earn":
                    qualifying += pts
                    if amount:
                        amount_sum += Fraction(Decimal(amount))
                        member_amounts += 1
            if kind == "earn" and prev_year_after < posted <= prev_end:
                qualifying_before += pts
            if kind == "referral" and start <= posted <= end:
                referral_points += pts
        if member_amounts:
            amount_rows += member_amounts
            amount_members += 1
        tier = tier_of(qualifying)
        if joined <= end:
            tier_counts[len(tiers) if tier is None else tier] += 1
        if joined <= prev_end:
            before = tier_of(qualifying_before)
            if before != tier:
                moves[(before, tier)] += 1
        if start <= joined <= end and m.get("referred_by"):
            referred_new += 1
        if active(m, end):
            life_days += (end - joined).days
            life_members += 1

    name = lambda index: None if index is None else tiers[index][0]
    key = lambda index: -1 if index is None else index
    tier_moves = [{"from": name(f), "to": name(t), "members": n} for (f, t), n in sorted(moves.items(), key=lambda kv: (key(kv[0][0]), key(kv[0][1])))]
    clv = None
    if amount_rows:
        lifespan = Fraction(life_days * 4, life_members * 1461) if life_members else None
        avg = amount_sum / amount_rows
        freq = Fraction(amount_rows, amount_members)
        clv = {"avg_purchase": round_half_away(avg, 2), "frequency": round_half_away(freq, 2),
               "lifespan_years": round_half_away(lifespan, 2) if lifespan is not None else None,
               "value": round_half_away(avg * freq * lifespan, 2) if lifespan is not None else None}
    # Partners: points issued (earn, bonus, referral) and redeemed through each partner's sources,
    # in the period and the 12 months to its end, and their value at the point value.
    partner_of = {src["id"]: src["partner"] for src in program.get("sources") or [] if src.get("partner")}
    partners = []
    for partner in program.get("partners") or []:
        t = {"issued": 0, "redeemed": 0, "issued_12m": 0, "redeemed_12m": 0}
        for posted, kind, pts, source in sourced:
            if partner_of.get(source) != partner["id"] or not (year_after < posted <= end):
                continue
            if kind in ("earn", "bonus", "referral"):
                t["issued_12m"] += pts
                if start <= posted:
                    t["issued"] += pts
            elif kind == "redeem":
                t["redeemed_12m"] -= pts
                if start <= posted:
                    t["redeemed"] -= pts
        value = lambda n: round_half_away(n * point_value, 2) if point_value is not None else None
        partners.append({"partner": partner["id"], **t,
                         "issued_value": value(t["issued"]), "redeemed_value": value(t["redeemed"]),
                         "issued_value_12m": value(t["issued_12m"]), "redeemed_value_12m": value(t["redeemed_12m"])})
    # Paid plans (memberships: in program.yml; --memberships FILE gives the places). Each place is
    # on its plan from started_on and, unless active, through renews_on; it is charged on
    # started_on and every cycle after (clamped months), never from renews_on on unless active.
    places = []
    if "--memberships" in opts:
        with open(opts["--memberships"], encoding="utf-8-sig", newline="") as f:
            places = [dict(r, started_on=dt.date.fromisoformat(r["started_on"]), renews_on=dt.date.fromisoformat(r["renews_on"]))
                      for r in csv.DictReader(f)]
    plans = program.get("memberships") or []
    memberships = None
    if plans:
        declared = {p["id"] for p in plans}

        def on(place, day):
            return place["started_on"] <= day and (place["status"] == "active" or day <= place["renews_on"])

        plan_rows = []
        for plan in plans:
            cycle = 1 if plan["billing"] == "monthly" else 12
            mine = [pl for pl in places if pl["plan"] == plan["id"]]
            charges = renewals = 0
            for pl in mine:
                k = 0
                while True:
                    day = pl["started_on"] if k == 0 else calendar.add_months(pl["started_on"], k * cycle)
                    if day > end or (k > 0 and pl["status"] != "active" and day >= pl["renews_on"]):
                        break
                    if day >= start:
                        charges += 1
                        renewals += k > 0
                    k += 1
            ended = lambda status: sum(1 for pl in mine if pl["status"] == status and start <= pl["renews_on"] <= end)
            cancelled, lapsed = ended("cancelled"), ended("lapsed")
            plan_rows.append({"plan": plan["id"], "members": sum(1 for pl in mine if on(pl, end)),
                              "new": sum(1 for pl in mine if start <= pl["started_on"] <= end),
                              "cancelled": cancelled, "lapsed": lapsed,
                              "renewal_rate": pct(renewals, renewals + cancelled + lapsed),
                              "fee_revenue": Decimal(str(plan["fee"])) * charges})
        on_plan_ids = {pl["member_id"] for pl in places if pl["plan"] in declared and on(pl, end)}

        def group(selected):
            """CRR and CLV over some members, by the report's own definitions."""
            day_before = start - dt.timedelta(days=1)
            S = E = N = total = 0
            amount_total, rows_n, buyers, days_sum, active_n = Fraction(0), 0, 0, 0, 0
            for m in selected:
                joined = dt.date.fromisoformat(m["joined_on"])
                a_start, a_end = active(m, day_before), active(m, end)
                total += joined <= end
                S += a_start
                E += a_end
                N += a_end and start <= joined <= end
                n = 0
                for posted, kind, pts, amount in rows[m["member_id"]]:
                    if kind == "earn" and amount and year_after < posted <= end:
                        amount_total += Fraction(Decimal(amount))
                        n += 1
                if n:
                    rows_n += n
                    buyers += 1
                if a_end:
                    days_sum += (end - joined).days
                    active_n += 1
            clv_g = None
            if rows_n:
                life = Fraction(days_sum * 4, active_n * 1461) if active_n else None
                avg, freq = amount_total / rows_n, Fraction(rows_n, buyers)
                clv_g = {"avg_purchase": round_half_away(avg, 2), "frequency": round_half_away(freq, 2),
                         "lifespan_years": round_half_away(life, 2) if life is not None else None,
                         "value": round_half_away(avg * freq * life, 2) if life is not None else None}
            return {"members": total, "active_start": S, "active_end": E, "new": N, "crr": pct(E - N, S), "clv": clv_g}

        memberships = {"plans": plan_rows,
                       "on_plan": group([m for m in members if m["member_id"] in on_plan_ids]),
                       "no_plan": group([m for m in members if m["member_id"] not in on_plan_ids])}

    expected = {
        "memberships": memberships,
        "period": period, "start": start.isoformat(), "end": end.isoformat(), "partners": partners,
        "members": last["members"], "crr": last["crr"], "churn_rate": last["churn_rate"], "points": last["points"],
        "liability": last["liability"], "redemption_rate_12m": pct(redeemed12, issued12),
        "breakage_rate_12m": pct(expired12, issued12),
        "tiers": {n: tier_counts[i] for i, (n, _) in enumerate(tiers)},
        "tier_moves": tier_moves,
        "upgrades": sum(n for (f, t), n in moves.items() if key(t) > key(f)),
        "downgrades": sum(n for (f, t), n in moves.items() if key(t) < key(f)),
        "referrals": {"new_members": referred_new, "points": referral_points},
        "clv": clv, "nps": nps_object(nps_counts(end)), "trend": trend,
    }
    with open(report_path, encoding="utf-8") as f:
        got = json.load(f, parse_float=Decimal)

    differences = []

    def compare(path, want, have):
        if isinstance(want, dict) and isinstance(have, dict):
            for k in sorted(set(want) | set(have)):
                if k not in have:
                    differences.append(f"{path}.{k}: missing")
                elif k not in want:
                    differences.append(f"{path}.{k}: unexpected")
                else:
                    compare(f"{path}.{k}", want[k], have[k])
        elif isinstance(want, list) and isinstance(have, list):
            if len(want) != len(have):
                differences.append(f"{path}: {len(have)} items, expected {len(want)}")
            for i, (w, h) in enumerate(zip(want, have)):
                compare(f"{path}[{i}]", w, h)
        elif isinstance(want, (int, Decimal)) and not isinstance(want, bool) and isinstance(have, (int, Decimal)) and not isinstance(have, bool):
            if Decimal(want) != Decimal(have):
                differences.append(f"{path}: {have}, expected {want}")
        elif want != have:
            differences.append(f"{path}: {have!r}, expected {want!r}")

    compare("report", expected, got)
    for line in differences[:40]:
        print(line)
    print(f"report {period}: {len(members)} members, {len(differences)} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()

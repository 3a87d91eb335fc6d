import Foundation
import PunchcardCalendars
import PunchcardSupport

extension Statement {
    /// Computes a member's statement for `period` from the member's ledger.
    ///
    /// - Parameters:
    ///   - entries: the member's ledger rows, in any order; rows after the period's end are ignored.
    ///   - referredCount: members this one referred who joined on or before the period's end
    ///     (the store counts them; it is the only figure that depends on other members).
    public static func compute(
        memberID: String,
        referralCode: String,
        referredCount: Int,
        entries: [LedgerEntry],
        program: Program,
        period: Period,
        memberships: [Membership] = [],
        coupons: [Coupon] = []
    ) -> Statement {
        let start = period.start
        let end = period.end
        // The qualifying window is (end − 12 months, end]; for 2026-11-30 that is rows after 2025-11-30.
        let calendar = program.calendar
        let qualifyingAfter = calendar.adding(months: -12, to: end)

        var opening = 0, earned = 0, bonus = 0, redeemed = 0, expired = 0, adjusted = 0
        var qualifying = 0, referralPoints = 0, earnedThisYear = 0
        let yearStart = Period(year: period.year, month: 1, calendar: calendar)?.start ?? start
        var lots = PointLots()
        // The last 12 periods, and the earn rows of the qualifying window (for keeping the tier).
        var history = period.trailing(12).map { Statement.HistoryMonth(period: $0) }
        var month = 0, running = 0
        var qualifyingEarns: [(postedOn: CalendarDate, points: Int)] = []
        var bySource: [String: Int] = [:], bySource12m: [String: Int] = [:]
        var lastEarnOn: CalendarDate?

        // Sums saturate instead of trapping: the importer bounds every row, but a store written
        // before it did may hold values whose sums overflow, and no store may crash a command.
        for entry in LedgerEntry.inRuleOrder(entries) {
            guard entry.postedOn <= end else { break }
            let points = entry.points
            if entry.postedOn < start {
                opening = opening.addingSaturating(points)
            } else {
                switch entry.kind {
                case .earn: earned = earned.addingSaturating(points)
                case .bonus, .referral: bonus = bonus.addingSaturating(points)
                case .redeem: redeemed = redeemed.subtractingSaturating(points)
                case .expire: expired = expired.subtractingSaturating(points)
                case .adjust: adjusted = adjusted.addingSaturating(points)
                }
            }
            while month < history.count, entry.postedOn > history[month].period.end {
                history[month].closingBalance = running
                month += 1
            }
            running = running.addingSaturating(points)
            if month < history.count, entry.postedOn >= history[month].period.start {
                switch entry.kind {
                case .earn, .bonus, .referral: history[month].earned = history[month].earned.addingSaturating(points)
                case .redeem: history[month].redeemed = history[month].redeemed.subtractingSaturating(points)
                case .expire: history[month].expired = history[month].expired.subtractingSaturating(points)
                case .adjust: history[month].adjusted = history[month].adjusted.addingSaturating(points)
                }
            }
            if entry.kind == .earn, entry.postedOn > qualifyingAfter {
                qualifying = qualifying.addingSaturating(points)
                qualifyingEarns.append((entry.postedOn, points))
            }
            if entry.kind == .referral { referralPoints = referralPoints.addingSaturating(points) }
            if entry.kind == .earn { lastEarnOn = entry.postedOn }
            if entry.postedOn > qualifyingAfter, let source = PointSource.id(of: entry) {
                bySource12m[source, default: 0] = bySource12m[source, default: 0].addingSaturating(points)
                if entry.postedOn >= start { bySource[source, default: 0] = bySource[source, default: 0].addingSaturating(points) }
            }
            if entry.postedOn >= yearStart, entry.kind == .earn || entry.kind == .bonus || entry.kind == .referral {
                earnedThisYear = earnedThisYear.addingSaturating(points)
            }
            lots.post(points, on: entry.postedOn)
        }

        while month < history.count {
            history[month].closingBalance = running
            month += 1
        }

        let tierIndex = program.tierIndex(forQualifyingPoints: qualifying)
        let nextIndex = tierIndex.map { $0 + 1 } ?? 0
        let nextTier = nextIndex < program.tiers.count ? program.tiers[nextIndex] : nil

        var statement = Statement(
            memberID: memberID,
            period: period,
            openingBalance: opening,
            closingBalance: opening.addingSaturating(earned).addingSaturating(bonus).subtractingSaturating(redeemed)
                .subtractingSaturating(expired).addingSaturating(adjusted),
            earned: earned,
            bonus: bonus,
            redeemed: redeemed,
            expired: expired,
            adjusted: adjusted,
            qualifyingPoints: qualifying,
            tier: tierIndex.map { program.tiers[$0].name },
            nextTier: nextTier?.name,
            pointsToNextTier: nextTier.map { $0.threshold.subtractingSaturating(qualifying) },
            expiring: lots.expiring(after: end, withinDays: program.expiry.warningDays,
                                    expiryMonths: program.expiry.months, calendar: calendar),
            referral: ReferralSummary(
                code: referralCode,
                link: program.referral.link(for: referralCode),
                referredCount: referredCount,
                pointsEarned: referralPoints))
        statement.history = history
        statement.earnedThisYear = earnedThisYear
        statement.earnedBySource = SourcePoints.sorted(bySource)
        statement.earnedBySource12m = SourcePoints.sorted(bySource12m)
        statement.membership = membershipSummary(memberships, program: program, end: end, bySource12m: bySource12m)
        statement.coupons = Coupon.held(coupons, after: end)
        statement.lastEarnOn = lastEarnOn
        statement.rewards = rewardsSummary(program: program, tier: statement.tier, balance: statement.closingBalance)
        statement.keepTier = keepTier(program: program, tierIndex: tierIndex, end: end, calendar: calendar,
                                      qualifyingEarns: qualifyingEarns)
        return statement
    }

    /// The plan the member is on at `end` (`Membership.current`), with the points its sources gave
    /// in the 12 months and their value.
    static func membershipSummary(_ memberships: [Membership], program: Program, end: CalendarDate,
                                  bySource12m: [String: Int]) -> MembershipSummary? {
        guard let current = Membership.current(memberships, on: end),
              let plan = program.memberships.first(where: { $0.id == current.plan }) else { return nil }
        let points = program.sources.filter { $0.plan == plan.id }
            .reduce(0) { $0.addingSaturating(bySource12m[$1.id] ?? 0) }
        let value = program.pointValue.flatMap { Decimal(string: "\($0)") }.map { perPoint -> Decimal in
            var product = Decimal(points) * perPoint, rounded = Decimal()
            NSDecimalRound(&rounded, &product, 2, .plain)
            return rounded
        }
        let horizon = end.adding(days: program.expiry.warningDays)
        return MembershipSummary(plan: plan.id, status: current.status, startedOn: current.startedOn, renewsOn: current.renewsOn,
                                 fee: plan.fee, points12m: points, value12m: value,
                                 renewsSoon: current.status == .active && current.renewsOn > end && current.renewsOn <= horizon)
    }

    /// The rewards a member in `tier` with `balance` points may redeem now, and the next one.
    public static func rewardsSummary(program: Program, tier: String?, balance: Int) -> RewardsSummary {
        let allowed = program.rewards.filter { $0.isAllowed(forTier: tier) } // cheapest first
        let next = allowed.first { $0.points > balance }
        return RewardsSummary(available: allowed.filter { $0.points <= balance }.map(\.id),
                              next: next.map { ($0.id, $0.points.subtractingSaturating(balance)) })
    }

    /// With no rows after `end`: the first month-end E_k (k = 1…12) at which the qualifying points
    /// fall below the tier's threshold. The tier holds through E_(k−1) (`end` for k = 1), and
    /// earning the shortfall by E_k keeps it; otherwise the member holds, from the day after E_k,
    /// the tier the points left then reach. Nil on the lowest tier (it cannot be lost).
    public static func keepTier(program: Program, tierIndex: Int?, end: CalendarDate, calendar: BillingCalendar,
                                qualifyingEarns: [(postedOn: CalendarDate, points: Int)]) -> KeepTier? {
        guard let tierIndex, tierIndex > 0, tierIndex < program.tiers.count else { return nil }
        let tier = program.tiers[tierIndex]
        var through = end
        var remaining = qualifyingEarns[...] // posting order: the oldest leave the window first
        var qualifying = remaining.reduce(0) { $0.addingSaturating($1.points) }
        for k in 1...12 {
            let monthEnd = calendar.endOfMonth(calendar.adding(months: k, to: end))
            let windowAfter = calendar.adding(months: -12, to: monthEnd)
            while let first = remaining.first, first.postedOn <= windowAfter {
                qualifying = qualifying.subtractingSaturating(first.points)
                remaining = remaining.dropFirst()
            }
            if qualifying < tier.threshold {
                return KeepTier(tier: tier.name, through: through,
                                pointsNeeded: tier.threshold.subtractingSaturating(qualifying), by: monthEnd,
                                fallsTo: program.tierIndex(forQualifyingPoints: qualifying).map { program.tiers[$0].name })
            }
            through = monthEnd
        }
        return nil
    }
}

extension LedgerEntry {
    /// `entries` in rule order (posting day, then txn_id). The store already returns them so;
    /// checking is cheaper than sorting again.
    static func inRuleOrder(_ entries: [LedgerEntry]) -> [LedgerEntry] {
        for index in entries.indices.dropFirst() where precedes(entries[index], entries[index - 1]) {
            return entries.sorted(by: precedes)
        }
        return entries
    }

    /// The day a lot posted on `postedOn` expires: the end of the month in which `postedOn` plus
    /// `months` months falls (2024-11-15 + 24 months → 2026-11-30; 2024-02-29 → 2026-02-28), in
    /// the program's calendar.
    public static func expiryDate(postedOn: CalendarDate, months: Int, calendar: BillingCalendar = .gregorian) -> CalendarDate {
        calendar.endOfMonth(calendar.adding(months: months, to: postedOn))
    }
}

/// The FIFO lots behind a balance: every positive row is a lot, and every negative row uses up the
/// oldest lots first. A negative row larger than what is left becomes a debt that later lots repay
/// first, so the unspent lots always add up to the balance whenever the balance is not negative.
struct PointLots {
    private var lots: [(postedOn: CalendarDate, remaining: Int)] = []
    /// Index of the oldest lot with points left.
    private var head = 0
    private var debt = 0

    mutating func post(_ points: Int, on day: CalendarDate) {
        if points > 0 {
            let repaid = min(debt, points)
            debt -= repaid
            if points > repaid { lots.append((day, points - repaid)) }
        } else {
            var owed = points.saturatingMagnitude
            while owed > 0, head < lots.count {
                let used = min(owed, lots[head].remaining)
                lots[head].remaining -= used
                owed -= used
                if lots[head].remaining == 0 { head += 1 }
            }
            debt = debt.addingSaturating(owed)
        }
    }

    /// Unspent points whose expiry falls in (after, after + days], summed per expiry day, earliest first.
    func expiring(after end: CalendarDate, withinDays days: Int, expiryMonths: Int,
                  calendar: BillingCalendar) -> [Statement.ExpiringPoints] {
        let horizon = end.adding(days: days)
        var result: [Statement.ExpiringPoints] = []
        // Lots are in posting order, so their expiry days never decrease: equal days are neighbours.
        for lot in lots[head...] where lot.remaining > 0 {
            let expiry = LedgerEntry.expiryDate(postedOn: lot.postedOn, months: expiryMonths, calendar: calendar)
            guard expiry > end else { continue }
            guard expiry <= horizon else { break }
            if result.last?.on == expiry {
                result[result.count - 1].points = result[result.count - 1].points.addingSaturating(lot.remaining)
            } else {
                result.append(Statement.ExpiringPoints(points: lot.remaining, on: expiry))
            }
        }
        return result
    }
}

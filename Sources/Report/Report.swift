import Foundation
import PunchcardStatements
import PunchcardSupport

/// The operator's report for one period: the figures of docs/report.md, rounded as its contract says
/// (percentages and scores to one place, money and CLV parts to two, half away from zero, from
/// unrounded values).
public struct Report: Sendable, Hashable {
    public var period: Period
    public var members: Members
    public var crr: Decimal?
    public var churnRate: Decimal?
    public var points: Points
    public var liability: Decimal?
    public var redemptionRate12m: Decimal?
    public var breakageRate12m: Decimal?
    /// Every tier of the program, lowest first, with its members at the end (zeros included).
    public var tiers: [TierCount]
    /// Members below the lowest tier's threshold (only when that threshold is above 0).
    public var withoutTier: Int
    public var tierMoves: [TierMove]
    public var upgrades: Int
    public var downgrades: Int
    public var referrals: Referrals
    public var clv: CLV?
    public var nps: NPS?
    /// NPS per tier at the end (nil tier: below the lowest), for the page.
    public var npsByTier: [(tier: String?, nps: NPS)]
    /// The 12 periods ending with this one, oldest first.
    public var trend: [TrendPoint]
    /// Set when the report covers one shard's members only (`report --shard I/N`).
    public var shard: Shard? = nil
    /// Per partner (in program.yml's order): points issued and redeemed through it, the
    /// settlement table an operator sends each partner.
    public var partners: [PartnerSettlement] = []
    /// The paid plans: each plan's figures, and members on a plan beside those on none; nil for a
    /// program without plans.
    public var memberships: MembershipFigures? = nil

    public struct MembershipFigures: Sendable, Hashable {
        /// Per plan of program.yml, in its order.
        public var plans: [PlanFigures]
        /// Members on a plan at the period's end, and members on none.
        public var onPlan: GroupFigures, noPlan: GroupFigures
    }

    public struct PlanFigures: Sendable, Hashable {
        public var plan: String
        /// On the plan at the end; started in the period; cancelled or lapsed with their end in it.
        public var members = 0, new = 0, cancelled = 0, lapsed = 0
        /// Renewals ÷ (renewals + cancelled + lapsed) in the period × 100; nil when none was due.
        public var renewalRate: Decimal?
        /// The fees charged in the period (first charges and renewals), exact.
        public var feeRevenue: Decimal = 0
    }

    /// Retention and lifetime value over one group of members, as the report's own figures define them.
    public struct GroupFigures: Sendable, Hashable {
        public var members = 0, activeStart = 0, activeEnd = 0, new = 0
        public var crr: Decimal?
        public var clv: CLV?
    }

    public struct PartnerSettlement: Sendable, Hashable {
        public var partner: String
        /// Points of earn, bonus and referral rows whose source belongs to the partner.
        public var issued = 0, issued12m = 0
        /// Points of redeem rows whose source belongs to the partner, as positive numbers.
        public var redeemed = 0, redeemed12m = 0
        /// The same in money, with `point_value` (rounded to cents); nil without.
        public var issuedValue: Decimal?, redeemedValue: Decimal?, issuedValue12m: Decimal?, redeemedValue12m: Decimal?
    }

    public struct Members: Sendable, Hashable {
        public var total = 0, activeStart = 0, activeEnd = 0, new = 0, lost = 0
        /// Active at the end, not new, and not active at the start: members who came back.
        public var returning: Int { activeEnd - new - (activeStart - lost) }
    }

    public struct Points: Sendable, Hashable {
        public var issued = 0, redeemed = 0, expired = 0, adjusted = 0, outstanding = 0
    }

    public struct TierCount: Sendable, Hashable {
        public var tier: String
        public var members: Int
    }

    public struct TierMove: Sendable, Hashable {
        public var from: String?
        public var to: String?
        public var members: Int

        public init(from: String?, to: String?, members: Int) {
            self.from = from
            self.to = to
            self.members = members
        }
    }

    public struct Referrals: Sendable, Hashable {
        public var newMembers = 0, points = 0
    }

    public struct CLV: Sendable, Hashable {
        public init(avgPurchase: Decimal, frequency: Decimal, lifespanYears: Decimal?, value: Decimal?) {
            self.avgPurchase = avgPurchase
            self.frequency = frequency
            self.lifespanYears = lifespanYears
            self.value = value
        }

        public var avgPurchase: Decimal
        public var frequency: Decimal
        /// nil when no member is active at the end.
        public var lifespanYears: Decimal?
        public var value: Decimal?
    }

    public struct NPS: Sendable, Hashable {
        public var score: Decimal
        public var responses: Int, promoters: Int, passives: Int, detractors: Int

        init?(_ counts: ReportAccumulator.NPSCounts) {
            guard counts.responses > 0 else { return nil }
            responses = counts.responses
            promoters = counts.promoters
            passives = counts.passives
            detractors = counts.detractors
            score = ReportRules.netPromoterScore(promoters: counts.promoters, detractors: counts.detractors,
                                                 responses: counts.responses) ?? 0
        }
    }

    public struct TrendPoint: Sendable, Hashable {
        public var period: Period
        public var members: Members
        public var crr: Decimal?
        public var churnRate: Decimal?
        public var points: Points
        public var liability: Decimal?
        public var nps: Decimal?
    }

    public static func == (lhs: Report, rhs: Report) -> Bool {
        lhs.period == rhs.period && lhs.members == rhs.members && lhs.crr == rhs.crr && lhs.churnRate == rhs.churnRate
            && lhs.points == rhs.points && lhs.liability == rhs.liability && lhs.tiers == rhs.tiers
            && lhs.tierMoves == rhs.tierMoves && lhs.referrals == rhs.referrals && lhs.clv == rhs.clv
            && lhs.nps == rhs.nps && lhs.trend == rhs.trend && lhs.redemptionRate12m == rhs.redemptionRate12m
            && lhs.breakageRate12m == rhs.breakageRate12m && lhs.withoutTier == rhs.withoutTier
            && lhs.partners == rhs.partners && lhs.memberships == rhs.memberships
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(period)
        hasher.combine(members)
        hasher.combine(points)
    }
}

extension ReportAccumulator {
    /// The finished figures.
    public func report() -> Report {
        let pointValue = program.pointValue.flatMap { Decimal(string: "\($0)", locale: Locale(identifier: "en_US_POSIX")) }
        func liability(_ outstanding: Int) -> Decimal? {
            pointValue.map { Rounding.rounded(Decimal(outstanding) * $0, places: 2) }
        }
        let trend = zip(days, periods).map { day, totals -> Report.TrendPoint in
            let members = Report.Members(total: totals.total, activeStart: totals.activeStart, activeEnd: totals.activeEnd,
                                         new: totals.new, lost: totals.lost)
            return Report.TrendPoint(
                period: day.period, members: members,
                crr: ReportRules.retentionRate(activeStart: totals.activeStart, activeEnd: totals.activeEnd, new: totals.new),
                churnRate: ReportRules.churnRate(lost: totals.lost, activeStart: totals.activeStart),
                points: Report.Points(issued: totals.issued, redeemed: totals.redeemed, expired: totals.expired,
                                      adjusted: totals.adjusted, outstanding: totals.outstanding),
                liability: liability(totals.outstanding),
                nps: Report.NPS(totals.nps)?.score)
        }
        let last = trend[trend.count - 1]
        let tierName = { (index: Int?) -> String? in index.map { self.program.tiers[$0].name } }
        let moves = main.moves.sorted { a, b in
            (a.key.from ?? -1, a.key.to ?? -1) < (b.key.from ?? -1, b.key.to ?? -1)
        }
        let clv = ReportRules.lifetimeValue(amountSum: main.amounts.total, rows: main.amountRows, buyers: main.amountMembers,
                                            lifespanDays: main.lifespanDays, activeMembers: main.lifespanMembers)
        let npsByTier = main.npsByTier.sorted { $0.key < $1.key }.compactMap { key, counts in
            Report.NPS(counts).map { (tier: key < 0 ? nil : tierName(key), nps: $0) }
        }
        var report = Report(
            period: last.period,
            members: last.members,
            crr: last.crr,
            churnRate: last.churnRate,
            points: last.points,
            liability: last.liability,
            redemptionRate12m: Rounding.percent(main.redeemed12, of: main.issued12),
            breakageRate12m: Rounding.percent(main.expired12, of: main.issued12),
            tiers: program.tiers.enumerated().map { Report.TierCount(tier: $1.name, members: main.tiers[$0]) },
            withoutTier: main.tiers[program.tiers.count],
            tierMoves: moves.map { Report.TierMove(from: tierName($0.key.from), to: tierName($0.key.to), members: $0.value) },
            upgrades: moves.filter { ($0.key.to ?? -1) > ($0.key.from ?? -1) }.reduce(0) { $0 + $1.value },
            downgrades: moves.filter { ($0.key.to ?? -1) < ($0.key.from ?? -1) }.reduce(0) { $0 + $1.value },
            referrals: Report.Referrals(newMembers: main.referredNewMembers, points: main.referralPoints),
            clv: clv,
            nps: Report.NPS(periods[periods.count - 1].nps),
            npsByTier: npsByTier,
            trend: trend)
        report.partners = program.partners.map { partner in
            let totals = main.partners[partner.id] ?? PartnerTotals()
            return Report.PartnerSettlement(
                partner: partner.id, issued: totals.issued, issued12m: totals.issued12m, redeemed: totals.redeemed,
                redeemed12m: totals.redeemed12m, issuedValue: liability(totals.issued), redeemedValue: liability(totals.redeemed),
                issuedValue12m: liability(totals.issued12m), redeemedValue12m: liability(totals.redeemed12m))
        }
        if !program.memberships.isEmpty {
            report.memberships = Report.MembershipFigures(
                plans: zip(program.memberships, main.plans).map { plan, totals in
                    Report.PlanFigures(
                        plan: plan.id, members: totals.members, new: totals.new, cancelled: totals.cancelled, lapsed: totals.lapsed,
                        renewalRate: Rounding.percent(totals.renewals, of: totals.renewals + totals.cancelled + totals.lapsed),
                        feeRevenue: plan.fee * Decimal(totals.charges))
                },
                onPlan: main.onPlan.figures, noPlan: main.noPlan.figures)
        }
        return report
    }
}

extension ReportAccumulator.GroupTotals {
    /// CRR and CLV over the group, by the same rules as the whole program's.
    var figures: Report.GroupFigures {
        Report.GroupFigures(
            members: members, activeStart: activeStart, activeEnd: activeEnd, new: new,
            crr: ReportRules.retentionRate(activeStart: activeStart, activeEnd: activeEnd, new: new),
            clv: ReportRules.lifetimeValue(amountSum: amounts.total, rows: amountRows, buyers: amountMembers,
                                           lifespanDays: lifespanDays, activeMembers: lifespanMembers))
    }
}

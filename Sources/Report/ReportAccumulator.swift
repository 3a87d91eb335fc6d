import Foundation
import PunchcardStatements
import PunchcardSupport

/// Adds up the report, one member at a time (the store streams them): memory does not grow with
/// the number of members. Every figure is defined in docs/report.md; `report()` finishes them.
public struct ReportAccumulator: Sendable {
    public let program: Program
    /// The 12 periods ending with the reported one, oldest first; the last is the report's period.
    public let days: [ReportDays]
    var periods: [PeriodTotals]
    var main = MainTotals()

    /// What is counted for every period of the trend.
    struct PeriodTotals: Sendable, Hashable {
        var total = 0, activeStart = 0, activeEnd = 0, new = 0, lost = 0
        var issued = 0, redeemed = 0, expired = 0, adjusted = 0, outstanding = 0
        var nps = NPSCounts()
    }

    /// What is counted for the reported period only.
    struct MainTotals: Sendable, Hashable {
        var issued12 = 0, redeemed12 = 0, expired12 = 0
        /// Members by tier index at the end; index `tiers.count`: no tier.
        var tiers: [Int] = []
        var moves: [TierMove: Int] = [:]
        var referredNewMembers = 0, referralPoints = 0
        var amounts = ExactSum(), amountRows = 0, amountMembers = 0
        var lifespanDays = 0, lifespanMembers = 0
        var npsByTier: [Int: NPSCounts] = [:]
        /// Partner id → points through it.
        var partners: [String: PartnerTotals] = [:]
        /// Per plan of program.yml, in its order.
        var plans: [PlanTotals] = []
        /// Members on a plan at the end, and members on none (only for a program with plans).
        var onPlan = GroupTotals(), noPlan = GroupTotals()
    }

    struct PlanTotals: Sendable, Hashable {
        var members = 0, new = 0, cancelled = 0, lapsed = 0, charges = 0, renewals = 0
    }

    /// What retention and lifetime value are computed from, for a group of members.
    struct GroupTotals: Sendable, Hashable {
        var members = 0, activeStart = 0, activeEnd = 0, new = 0
        var amounts = ExactSum(), amountRows = 0, amountMembers = 0
        var lifespanDays = 0, lifespanMembers = 0
    }

    struct PartnerTotals: Sendable, Hashable {
        var issued = 0, issued12m = 0, redeemed = 0, redeemed12m = 0
    }

    /// Source id → the partner it belongs to.
    let partnerOfSource: [String: String]

    struct TierMove: Hashable, Sendable { var from: Int?, to: Int? }

    public struct NPSCounts: Sendable, Hashable {
        public var promoters = 0, passives = 0, detractors = 0
        public var responses: Int { promoters + passives + detractors }

        mutating func add(_ group: SurveyAnswer.Group) {
            switch group {
            case .promoter: promoters += 1
            case .passive: passives += 1
            case .detractor: detractors += 1
            }
        }
    }

    public init(program: Program, period: Period) {
        self.program = program
        days = period.trailing(12).map {
            ReportDays(period: $0, activeMonths: program.report.activeMonths, calendar: program.calendar)
        }
        periods = Array(repeating: PeriodTotals(), count: days.count)
        main.tiers = Array(repeating: 0, count: program.tiers.count + 1)
        partnerOfSource = Dictionary(program.sources.compactMap { source in source.partner.map { (source.id, $0) } },
                                     uniquingKeysWith: { first, _ in first })
        main.plans = Array(repeating: PlanTotals(), count: program.memberships.count)
    }

    /// Adds one member.
    /// - Parameters:
    ///   - entries: the member's ledger rows through the period's end, in rule order (by day).
    ///   - surveys: the member's survey answers, any order.
    ///   - memberships: the member's places on paid plans.
    public mutating func add(joinedOn: CalendarDate, referredBy: String?, entries: [LedgerEntry], surveys: [SurveyAnswer],
                             memberships: [Membership] = []) {
        let earns = entries.compactMap { $0.kind == .earn ? $0.postedOn : nil }
        let hasPlans = !program.memberships.isEmpty
        // With plans, the member's group: on a plan of the program at the end, or on none.
        var group = GroupTotals()
        let onPlanAtEnd = hasPlans && Membership.current(
            memberships.filter { place in program.memberships.contains { $0.id == place.plan } }, on: days[days.count - 1].end) != nil
        if hasPlans { addPlaces(memberships) }

        // Balances at each period's end, and the period's points by kind.
        var closing = Array(repeating: 0, count: days.count)
        var running = 0, index = 0
        for entry in entries {
            while index < days.count, entry.postedOn > days[index].end {
                closing[index] = running
                index += 1
            }
            guard index < days.count else { break }
            if entry.postedOn >= days[index].start {
                let points = entry.points
                switch entry.kind {
                case .earn, .bonus, .referral: periods[index].issued = periods[index].issued.addingSaturating(points)
                case .redeem: periods[index].redeemed = periods[index].redeemed.subtractingSaturating(points)
                case .expire: periods[index].expired = periods[index].expired.subtractingSaturating(points)
                case .adjust: periods[index].adjusted = periods[index].adjusted.addingSaturating(points)
                }
            }
            running = running.addingSaturating(entry.points)
        }
        while index < days.count {
            closing[index] = running
            index += 1
        }

        var activeAtEnd = false
        for (i, day) in days.enumerated() {
            let joinedByEnd = joinedOn <= day.end
            let activeStart = ReportRules.isActive(joinedOn: joinedOn, earnDays: earns, on: day.dayBefore,
                                                   activeAfter: day.activeAfterAtStart)
            let activeEnd = ReportRules.isActive(joinedOn: joinedOn, earnDays: earns, on: day.end,
                                                 activeAfter: day.activeAfterAtEnd)
            if joinedByEnd {
                periods[i].total += 1
                if closing[i] > 0 { periods[i].outstanding = periods[i].outstanding.addingSaturating(closing[i]) }
            }
            if activeStart { periods[i].activeStart += 1 }
            if activeEnd { periods[i].activeEnd += 1 }
            if activeEnd, day.inPeriod(joinedOn) { periods[i].new += 1 }
            if activeStart, !activeEnd { periods[i].lost += 1 }
            if let latest = Self.latestAnswer(surveys, in: day) { periods[i].nps.add(latest.group) }
            if i == days.count - 1 {
                activeAtEnd = activeEnd
                if joinedByEnd { group.members = 1 }
                if activeStart { group.activeStart = 1 }
                if activeEnd { group.activeEnd = 1 }
                if activeEnd, day.inPeriod(joinedOn) { group.new = 1 }
            }
        }

        // The reported period.
        let day = days[days.count - 1]
        var qualifying = 0, amountRows = 0
        for entry in entries where day.inYear(entry.postedOn) {
            let points = entry.points
            switch entry.kind {
            case .earn:
                main.issued12 = main.issued12.addingSaturating(points)
                qualifying = qualifying.addingSaturating(points)
                if let amount = entry.amount {
                    main.amounts.add(amount)
                    if hasPlans { group.amounts.add(amount) }
                    amountRows += 1
                }
            case .bonus, .referral: main.issued12 = main.issued12.addingSaturating(points)
            case .redeem: main.redeemed12 = main.redeemed12.subtractingSaturating(points)
            case .expire: main.expired12 = main.expired12.subtractingSaturating(points)
            case .adjust: break
            }
            if entry.kind == .referral, day.inPeriod(entry.postedOn) {
                main.referralPoints = main.referralPoints.addingSaturating(points)
            }
            // Through a partner: its earnings and redemptions, for the settlement table.
            if let source = entry.source, let partner = partnerOfSource[source] {
                var totals = main.partners[partner] ?? PartnerTotals()
                let inPeriod = day.inPeriod(entry.postedOn)
                switch entry.kind {
                case .earn, .bonus, .referral:
                    totals.issued12m = totals.issued12m.addingSaturating(points)
                    if inPeriod { totals.issued = totals.issued.addingSaturating(points) }
                case .redeem:
                    totals.redeemed12m = totals.redeemed12m.subtractingSaturating(points)
                    if inPeriod { totals.redeemed = totals.redeemed.subtractingSaturating(points) }
                case .expire, .adjust: break
                }
                main.partners[partner] = totals
            }
        }
        if amountRows > 0 {
            main.amountRows += amountRows
            main.amountMembers += 1
        }
        let tier = program.tierIndex(forQualifyingPoints: qualifying)
        if joinedOn <= day.end { main.tiers[tier ?? program.tiers.count] += 1 }
        if days.count > 1, joinedOn <= days[days.count - 2].end {
            let before = days[days.count - 2]
            var qualifyingBefore = 0
            for entry in entries where entry.kind == .earn && before.inYear(entry.postedOn) {
                qualifyingBefore = qualifyingBefore.addingSaturating(entry.points)
            }
            let from = program.tierIndex(forQualifyingPoints: qualifyingBefore)
            if from != tier { main.moves[TierMove(from: from, to: tier), default: 0] += 1 }
        }
        if day.inPeriod(joinedOn), let referredBy, !referredBy.isEmpty { main.referredNewMembers += 1 }
        if activeAtEnd {
            main.lifespanDays = main.lifespanDays.addingSaturating(day.end.daysSinceEpoch - joinedOn.daysSinceEpoch)
            main.lifespanMembers += 1
        }
        if hasPlans {
            if amountRows > 0 {
                group.amountRows = amountRows
                group.amountMembers = 1
            }
            if activeAtEnd {
                group.lifespanDays = day.end.daysSinceEpoch - joinedOn.daysSinceEpoch
                group.lifespanMembers = 1
            }
            if onPlanAtEnd { main.onPlan.add(group) } else { main.noPlan.add(group) }
        }
        if let latest = Self.latestAnswer(surveys, in: day) {
            main.npsByTier[tier ?? -1, default: NPSCounts()].add(latest.group)
        }
    }

    /// A member's places on the program's plans, counted per plan for the reported period.
    mutating func addPlaces(_ memberships: [Membership]) {
        let day = days[days.count - 1]
        for place in memberships {
            guard let index = program.memberships.firstIndex(where: { $0.id == place.plan }) else { continue }
            let plan = program.memberships[index]
            var totals = main.plans[index]
            if place.isOn(day.end) { totals.members += 1 }
            if day.inPeriod(place.startedOn) { totals.new += 1 }
            if day.inPeriod(place.renewsOn) {
                if place.status == .cancelled { totals.cancelled += 1 }
                if place.status == .lapsed { totals.lapsed += 1 }
            }
            let charged = ReportRules.planCharges(place, cycleMonths: plan.billing == .monthly ? 1 : 12,
                                                  calendar: program.calendar, start: day.start, end: day.end)
            totals.charges += charged.charges
            totals.renewals += charged.renewals
            main.plans[index] = totals
        }
    }

    /// A member's latest answer in the 12 months up to `day.end`.
    static func latestAnswer(_ surveys: [SurveyAnswer], in day: ReportDays) -> SurveyAnswer? {
        ReportRules.latestAnswer(surveys, after: day.yearAfter, through: day.end)
    }
}

extension ReportAccumulator.GroupTotals {
    mutating func add(_ other: Self) {
        members += other.members
        activeStart += other.activeStart
        activeEnd += other.activeEnd
        new += other.new
        amounts.add(other.amounts)
        amountRows += other.amountRows
        amountMembers += other.amountMembers
        lifespanDays = lifespanDays.addingSaturating(other.lifespanDays)
        lifespanMembers += other.lifespanMembers
    }
}

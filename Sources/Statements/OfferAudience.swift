import PunchcardSupport

/// Who an offer is for (`audience:` in an offer's front matter): every condition given must hold
/// for the member at the period's end. Pure: decided from the member, their statement and the period.
public struct OfferAudience: Sendable, Hashable {
    /// The member's tier at the end is one of these.
    public var tiers: [String] = []
    /// The member is on one of these paid plans at the end.
    public var plans: [String] = []
    /// The member earned points from one of these sources in the 12 months to the end.
    public var sources: [String] = []
    /// The member joined within the N days up to the end: on a day in (end − N, end].
    public var joinedWithinDays: Int?
    /// No `earn` row in the N days up to the end, (end − N, end], for a member who joined before
    /// them (a member to win back; a new member is not one).
    public var inactiveDays: Int?
    /// The balance at the end is at least this.
    public var minBalance: Int?
    /// The period contains the member's birthday (29 February falls on 28 February in other years).
    public var birthday = false
    /// The period contains the day the member joined, a year or more later.
    public var anniversary = false
    /// The member's own members.csv columns equal these (as text).
    public var attributes: [String: String] = [:]

    public init() {}

    /// Longest window accepted: a hundred years of days.
    public static let maxDays = 36_525

    /// No condition at all.
    public var isEmpty: Bool { self == OfferAudience() }

    /// Whether the member, with this statement for `period`, is in the audience.
    public func includes(_ member: Member, statement: Statement, period: Period) -> Bool {
        let end = period.end
        if !tiers.isEmpty, !(statement.tier.map(tiers.contains) ?? false) { return false }
        if !plans.isEmpty, !(statement.membership.map { plans.contains($0.plan) } ?? false) { return false }
        if !sources.isEmpty, !statement.earnedBySource12m.contains(where: { sources.contains($0.source) && $0.points > 0 }) {
            return false
        }
        if let days = joinedWithinDays, !(member.joinedOn <= end && member.joinedOn > end.adding(days: -days)) { return false }
        if let days = inactiveDays {
            let windowAfter = end.adding(days: -days)
            if member.joinedOn > windowAfter { return false }
            if let last = statement.lastEarnOn, last > windowAfter { return false }
        }
        if let minimum = minBalance, statement.closingBalance < minimum { return false }
        if birthday {
            guard let day = member.birthday, Self.period(period, contains: day, after: nil) else { return false }
        }
        if anniversary {
            let joined = MonthDay(month: member.joinedOn.month, day: member.joinedOn.day)
            guard Self.period(period, contains: joined, after: member.joinedOn.year) else { return false }
        }
        for (name, value) in attributes where member.attributes[name] != value { return false }
        return true
    }

    /// Whether a yearly day falls in the period (in a year after `afterYear`, when given).
    static func period(_ period: Period, contains day: MonthDay, after afterYear: Int?) -> Bool {
        for year in period.start.year...period.end.year where afterYear.map({ year > $0 }) ?? true {
            let date = day.date(in: year)
            if date >= period.start && date <= period.end { return true }
        }
        return false
    }
}

/// A day of the year without a year (a birthday): `MM-DD`, or read from `YYYY-MM-DD`.
public struct MonthDay: Sendable, Hashable {
    public var month: Int, day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// `MM-DD` or `YYYY-MM-DD` (a real day, 02-29 included); nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, let date = CalendarDate(iso: text) {
            self.init(month: date.month, day: date.day)
            return
        }
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let month = Int(parts[0]), let day = Int(parts[1]),
              CalendarDate(year: 2000, month: month, day: day) != nil else { return nil }
        self.init(month: month, day: day)
    }

    /// The day in `year`: 29 February is 28 February in a year without it.
    public func date(in year: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)
            ?? CalendarDate(year: year, month: month, day: day - 1)
            ?? CalendarDate(year: year, month: 1, day: 1)!
    }
}

extension Member {
    /// members.csv's optional `birthday` column (`MM-DD` or `YYYY-MM-DD`, checked on import).
    public var birthday: MonthDay? { attributes["birthday"].flatMap(MonthDay.init(text:)) }
}

import Foundation
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// The report's definitions (docs/report.md), each a pure function over plain values; the
/// accumulator applies them member by member.
public enum ReportRules {
    /// active(D): joined on or before D, with an `earn` row in (activeAfter, D], where activeAfter
    /// is D − k months. `earnDays` are the member's earn rows' days, ascending.
    public static func isActive(joinedOn: CalendarDate, earnDays: [CalendarDate], on day: CalendarDate,
                                activeAfter: CalendarDate) -> Bool {
        guard joinedOn <= day else { return false }
        var low = 0, high = earnDays.count // the first earn day after activeAfter
        while low < high {
            let middle = (low + high) / 2
            if earnDays[middle] <= activeAfter { low = middle + 1 } else { high = middle }
        }
        return low < earnDays.count && earnDays[low] <= day
    }

    /// CRR = (E − N) ÷ S × 100; nil when S = 0.
    public static func retentionRate(activeStart: Int, activeEnd: Int, new: Int) -> Decimal? {
        Rounding.percent(activeEnd - new, of: activeStart)
    }

    /// Churn = lost ÷ S × 100; nil when S = 0.
    public static func churnRate(lost: Int, activeStart: Int) -> Decimal? {
        Rounding.percent(lost, of: activeStart)
    }

    /// NPS = (promoters − detractors) ÷ responses × 100; nil without responses.
    public static func netPromoterScore(promoters: Int, detractors: Int, responses: Int) -> Decimal? {
        Rounding.percent(promoters - detractors, of: responses)
    }

    /// A member's latest answer in (yearAfter, end]; nil without one.
    public static func latestAnswer(_ answers: [SurveyAnswer], after yearAfter: CalendarDate,
                                    through end: CalendarDate) -> SurveyAnswer? {
        var latest: SurveyAnswer?
        for answer in answers where answer.answeredOn > yearAfter && answer.answeredOn <= end {
            if latest.map({ answer.answeredOn > $0.answeredOn }) ?? true { latest = answer }
        }
        return latest
    }

    /// Customer lifetime value from its sums: the amounts of the 12 months' earn rows (`rows` of
    /// them, from `buyers` members), and the days since joining summed over the `activeMembers`
    /// active at the end. Nil without such rows; lifespan and value nil without active members.
    public static func lifetimeValue(amountSum: Decimal, rows: Int, buyers: Int, lifespanDays: Int,
                                     activeMembers: Int) -> Report.CLV? {
        guard rows > 0, buyers > 0 else { return nil }
        // days ÷ 365.25 = days × 4 ÷ 1461, exactly.
        let lifespan: Decimal? = activeMembers > 0 ? Decimal(lifespanDays) * 4 / (Decimal(activeMembers) * 1461) : nil
        // avg × frequency × lifespan = sum ÷ buyers × days × 4 ÷ (active × 1461), in one division.
        let value: Decimal? = activeMembers > 0
            ? amountSum * Decimal(lifespanDays) * 4 / (Decimal(buyers) * Decimal(activeMembers) * 1461) : nil
        return Report.CLV(
            avgPurchase: Rounding.rounded(amountSum / Decimal(rows), places: 2),
            frequency: Rounding.rounded(Decimal(rows) / Decimal(buyers), places: 2),
            lifespanYears: lifespan.map { Rounding.rounded($0, places: 2) },
            value: value.map { Rounding.rounded($0, places: 2) })
    }

    /// The fees a place on a plan was charged in [start, end]: on `startedOn`, then every billing
    /// cycle after it (clamped month arithmetic); a cancelled or lapsed place is charged no more
    /// from `renewsOn` on (it ran until then and was not renewed). `renewals` are those charges
    /// after the first.
    public static func planCharges(_ place: Membership, cycleMonths: Int, calendar: BillingCalendar,
                                   start: CalendarDate, end: CalendarDate) -> (charges: Int, renewals: Int) {
        guard place.startedOn <= end, cycleMonths > 0 else { return (0, 0) }
        let first = calendar.month(containing: place.startedOn), target = calendar.month(containing: start)
        let monthsBetween = (target.year - first.year) * 12 + (target.month - first.month)
        // The cycle before the period's month: charges before it cannot fall in the period.
        var cycle = max(0, monthsBetween / cycleMonths - 1)
        var charges = 0, renewals = 0
        // A period is a month: a few cycles at most reach it (bounded for a calendar's last day).
        for _ in 0..<40 {
            let day = cycle == 0 ? place.startedOn : calendar.adding(months: cycle * cycleMonths, to: place.startedOn)
            if day > end || (cycle > 0 && place.status != .active && day >= place.renewsOn) { break }
            if day >= start {
                charges += 1
                if cycle > 0 { renewals += 1 }
            }
            cycle += 1
        }
        return (charges, renewals)
    }
}

import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// The days one period's report figures are taken on, with the program's clamped month arithmetic
/// (the same as the qualifying window's).
public struct ReportDays: Sendable, Hashable {
    public let period: Period
    /// "At the start": the day before the period's first day.
    public let dayBefore: CalendarDate
    /// Active at the start: an earn row in (activeAfterAtStart, dayBefore].
    public let activeAfterAtStart: CalendarDate
    /// Active at the end: an earn row in (activeAfterAtEnd, period.end].
    public let activeAfterAtEnd: CalendarDate
    /// The 12 months: (yearAfter, period.end].
    public let yearAfter: CalendarDate

    public init(period: Period, activeMonths: Int, calendar: BillingCalendar) {
        self.period = period
        dayBefore = period.start.adding(days: -1)
        activeAfterAtStart = calendar.adding(months: -activeMonths, to: dayBefore)
        activeAfterAtEnd = calendar.adding(months: -activeMonths, to: period.end)
        yearAfter = calendar.adding(months: -12, to: period.end)
    }

    public var start: CalendarDate { period.start }
    public var end: CalendarDate { period.end }

    public func inPeriod(_ day: CalendarDate) -> Bool { day >= period.start && day <= period.end }
    public func inYear(_ day: CalendarDate) -> Bool { day > yearAfter && day <= period.end }
}

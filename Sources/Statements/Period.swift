import PunchcardCalendars
import PunchcardSupport

/// A billing period: one month of the program's calendar, named `YYYY-MM` in that calendar
/// (`1405-08` is Aban 1405 on the Persian calendar: 2026-10-23 … 2026-11-21).
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let calendar: BillingCalendar
    /// The first day of the month, in the Gregorian calendar.
    public let start: CalendarDate
    /// The last day of the month, in the Gregorian calendar.
    public let end: CalendarDate

    public init?(year: Int, month: Int, calendar: BillingCalendar = .gregorian) {
        guard (1...9999).contains(year), (1...12).contains(month),
              let start = calendar.firstDay(year: year, month: month),
              let end = calendar.lastDay(year: year, month: month), start <= end,
              start.year >= 1, end.year <= 9999 // days this program can name: 0001-01-01 to 9999-12-31
        else { return nil }
        self.year = year
        self.month = month
        self.calendar = calendar
        self.start = start
        self.end = end
    }

    /// Parses exactly `YYYY-MM`, a month of `calendar`.
    public init?(_ text: String, calendar: BillingCalendar = .gregorian) {
        guard let (year, month) = Period.parse(text) else { return nil }
        self.init(year: year, month: month, calendar: calendar)
    }

    /// The year and month of `YYYY-MM`, in whichever calendar.
    public static func parse(_ text: String) -> (year: Int, month: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) }),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2))
        else { return nil }
        return (year, month)
    }

    /// The period that contains `date`.
    public init(containing date: CalendarDate, calendar: BillingCalendar = .gregorian) {
        let (year, month) = calendar.month(containing: date)
        if let period = Period(year: year, month: month, calendar: calendar) {
            self = period
        } else { // a day at the very edge of 0001–9999: the Gregorian month, held inside that range
            self.init(year: min(max(date.year, 1), 9999), month: min(max(date.month, 1), 12), calendar: .gregorian)!
        }
    }

    /// The last period that has fully ended on `today`: the month before today's.
    public static func lastEnded(asOf today: CalendarDate, calendar: BillingCalendar = .gregorian) -> Period {
        Period(containing: Period(containing: today, calendar: calendar).start.adding(days: -1), calendar: calendar)
    }

    public var previous: Period { Period(containing: start.adding(days: -1), calendar: calendar) }
    public var next: Period { Period(containing: end.adding(days: 1), calendar: calendar) }

    /// The `count` periods ending with this one, oldest first; fewer at the very start of the
    /// days this program can name (0001-01 has no period before it, and must not wrap around).
    public func trailing(_ count: Int) -> [Period] {
        var periods = [self]
        while periods.count < count {
            let earlier = periods[0].previous
            guard earlier < periods[0] else { break }
            periods.insert(earlier, at: 0)
        }
        return periods
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `YYYY-MM`, in the period's calendar.
    public var description: String {
        let year = String(self.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + (month < 10 ? "-0" : "-") + String(month)
    }
}

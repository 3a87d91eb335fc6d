import Foundation
import PunchcardSupport

/// The calendar a program bills on: its months are the billing periods, and every month in the
/// rules (the qualifying window, expiry) is one of its months. Days stay days.
///
/// Month arithmetic comes from Foundation's calendars. Statements ask for it once per ledger lot,
/// so the month boundaries Foundation gives are kept in a table over the years loyalty programs
/// live in (Gregorian 1900–2299) and looked up; days outside it ask Foundation directly.
public struct BillingCalendar: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case gregorian
        /// The Solar Hijri calendar of Iran and Afghanistan.
        case persian
        /// Saudi Arabia's Umm al-Qura calendar.
        case islamicUmmAlQura = "islamic-umalqura"
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public static let gregorian = BillingCalendar(.gregorian)

    /// The name used in `program.yml`.
    public var description: String { kind.rawValue }

    /// Foundation's calendar, in UTC (billing days have no time of day).
    public var foundationCalendar: Calendar {
        var calendar: Calendar
        switch kind {
        case .gregorian: calendar = Calendar(identifier: .gregorian)
        case .persian: calendar = Calendar(identifier: .persian)
        case .islamicUmmAlQura: calendar = Calendar(identifier: .islamicUmmAlQura)
        }
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// The year and month (in this calendar) of the month that contains `day`.
    public func month(containing day: CalendarDate) -> (year: Int, month: Int) {
        guard let table else { return (day.year, day.month) }
        if let index = table.index(containing: day.daysSinceEpoch) { return table.yearMonth(at: index) }
        let parts = foundationCalendar.dateComponents([.year, .month], from: day.instant)
        return (parts.year ?? day.year, parts.month ?? day.month)
    }

    /// The first day of a month of this calendar, nil when there is no such month in 0001–9999.
    public func firstDay(year: Int, month: Int) -> CalendarDate? {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        guard let table else { return CalendarDate(year: year, month: month, day: 1) }
        if let start = table.start(year: year, month: month) { return CalendarDate(daysSinceEpoch: start) }
        guard let date = foundationCalendar.date(from: DateComponents(year: year, month: month, day: 1)) else { return nil }
        return CalendarDate(instant: date)
    }

    /// The last day of a month of this calendar.
    public func lastDay(year: Int, month: Int) -> CalendarDate? {
        let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
        if let next = firstDay(year: nextYear, month: nextMonth) { return next.adding(days: -1) }
        // The last month before year 10000: count its days instead.
        guard let first = firstDay(year: year, month: month) else { return nil }
        return first.adding(days: daysInMonth(containing: first) - 1)
    }

    /// The last day of the month containing `day`.
    public func endOfMonth(_ day: CalendarDate) -> CalendarDate {
        if kind == .gregorian { return day.endOfMonth }
        let (year, month) = month(containing: day)
        return lastDay(year: year, month: month) ?? day
    }

    /// The same day of the month `months` later, clamped to the end of a shorter month.
    public func adding(months: Int, to day: CalendarDate) -> CalendarDate {
        if kind == .gregorian { return day.adding(months: months) }
        let (year, month) = month(containing: day)
        guard let first = firstDay(year: year, month: month) else { return day }
        let dayOfMonth = day.daysSinceEpoch - first.daysSinceEpoch + 1
        let index = year * 12 + (month - 1) + months
        let (targetYear, targetMonth) = (index / 12, index % 12 + 1)
        guard let targetFirst = firstDay(year: targetYear, month: targetMonth),
              let targetLast = lastDay(year: targetYear, month: targetMonth)
        else { return months < 0 ? CalendarDate(year: 1, month: 1, day: 1)! : CalendarDate(year: 9999, month: 12, day: 31)! }
        return targetFirst.adding(days: min(dayOfMonth, targetLast.daysSinceEpoch - targetFirst.daysSinceEpoch + 1) - 1)
    }

    private func daysInMonth(containing day: CalendarDate) -> Int {
        foundationCalendar.range(of: .day, in: .month, for: day.instant)?.count ?? 29
    }

    private var table: MonthTable? {
        switch kind {
        case .gregorian: return nil
        case .persian: return MonthTable.persian
        case .islamicUmmAlQura: return MonthTable.islamicUmmAlQura
        }
    }
}

/// The first days of consecutive months of a calendar, as days since 1970-01-01, from Foundation.
final class MonthTable: Sendable {
    static let persian = MonthTable(BillingCalendar(.persian))
    static let islamicUmmAlQura = MonthTable(BillingCalendar(.islamicUmmAlQura))

    let firstYear: Int
    let firstMonth: Int
    /// starts[i] is the first day of month i; the last entry only closes the month before it.
    let starts: [Int]

    init(_ billing: BillingCalendar) {
        let calendar = billing.foundationCalendar
        let from = CalendarDate(year: 1900, month: 1, day: 1)!.instant
        let until = CalendarDate(year: 2300, month: 1, day: 1)!.daysSinceEpoch
        let first = calendar.dateComponents([.year, .month], from: from)
        var (year, month) = (first.year ?? 1, first.month ?? 1)
        firstYear = year
        firstMonth = month
        var starts: [Int] = []
        while true {
            guard let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)) else { break }
            let day = CalendarDate(instant: date).daysSinceEpoch
            starts.append(day)
            if day > until { break }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        self.starts = starts
    }

    /// The month whose days include `day`, when the table covers it.
    func index(containing day: Int) -> Int? {
        guard let first = starts.first, let last = starts.last, day >= first, day < last else { return nil }
        var low = 0, high = starts.count - 1 // starts[low] <= day < starts[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= day { low = middle } else { high = middle }
        }
        return low
    }

    func yearMonth(at index: Int) -> (year: Int, month: Int) {
        let absolute = firstYear * 12 + (firstMonth - 1) + index
        return (absolute / 12, absolute % 12 + 1)
    }

    func start(year: Int, month: Int) -> Int? {
        let index = (year * 12 + month - 1) - (firstYear * 12 + firstMonth - 1)
        guard index >= 0, index < starts.count else { return nil }
        return starts[index]
    }
}

extension CalendarDate {
    /// Midnight UTC at the start of the day.
    public var instant: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400) }

    /// The UTC day of an instant.
    public init(instant: Date) {
        let seconds = instant.timeIntervalSince1970
        self.init(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }
}

import PunchcardSupport

/// A billing period: one calendar month, `YYYY-MM`.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2)),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The period that contains `date`.
    public init(containing date: CalendarDate) {
        year = date.year
        month = date.month
    }

    /// The last period that has fully ended on `today`: the previous calendar month.
    public static func lastEnded(asOf today: CalendarDate) -> Period {
        Period(containing: today.firstOfMonth.adding(days: -1))
    }

    /// The first day of the month.
    public var start: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    /// The last day of the month.
    public var end: CalendarDate { start.endOfMonth }

    public var previous: Period { Period(containing: start.adding(days: -1)) }
    public var next: Period { Period(containing: end.adding(days: 1)) }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `YYYY-MM`.
    public var description: String { String(start.description.prefix(7)) }
}

import Foundation

/// The exact sum of decimal amounts as imported (`12.50`, `-3`, `0.125`), without binary floating
/// point: digits are added as whole numbers per count of decimal places, and only the total becomes
/// a `Decimal`. Amounts too long for 64 bits are added as `Decimal`s instead.
public struct ExactSum: Sendable, Hashable {
    /// Index = decimal places: the sum of the amounts with that many, in units of 10^-places.
    private var byPlaces: [Int] = []
    private var large = Decimal(0)

    public init() {}

    /// Adds an amount in the importer's form: optional sign, digits, optional `.` and digits.
    public mutating func add(_ text: String) {
        var value = 0, places = 0, negative = false, sawPoint = false, overflow = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): sawPoint = true
            case 48...57:
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int(byte) - 48)
                overflow = overflow || o1 || o2
                value = plus
                if sawPoint { places += 1 }
            default: return // not an amount: the importer lets none through
            }
        }
        if overflow || places > 18 {
            if let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { large += decimal }
            return
        }
        if negative { value = -value }
        add(units: value, places: places)
    }

    /// Adds `value` × 10^-places; a sum that would overflow moves to `large` first.
    private mutating func add(units value: Int, places: Int) {
        while byPlaces.count <= places { byPlaces.append(0) }
        let (sum, o) = byPlaces[places].addingReportingOverflow(value)
        if o {
            large += Decimal(byPlaces[places]) / Self.power(places)
            byPlaces[places] = value
        } else {
            byPlaces[places] = sum
        }
    }

    /// Adds another sum (exactly: place by place).
    public mutating func add(_ other: ExactSum) {
        large += other.large
        for (places, value) in other.byPlaces.enumerated() where value != 0 { add(units: value, places: places) }
    }

    public var total: Decimal {
        var total = large
        for (places, sum) in byPlaces.enumerated() where sum != 0 { total += Decimal(sum) / Self.power(places) }
        return total
    }

    static func power(_ places: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<places { result *= 10 }
        return result
    }
}

/// Rounding as the report's contract says: to a number of decimal places, half away from zero.
public enum Rounding {
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain) // .plain: halves away from zero
        return result
    }

    /// numerator / denominator × 100, to one place; nil when the denominator is 0.
    public static func percent(_ numerator: Int, of denominator: Int) -> Decimal? {
        guard denominator != 0 else { return nil }
        return rounded(Decimal(numerator) * 100 / Decimal(denominator), places: 1)
    }
}

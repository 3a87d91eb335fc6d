import Foundation

/// A Double's shortest decimal form (what `description` writes, and what ICU formats from), rounded
/// half-to-even to `places` decimals as NumberFormatter rounds: the digits, without the formatter.
struct RoundedDecimal: Equatable {
    var negative: Bool
    /// The integer part's digits, most significant first (at least one).
    var integer: [UInt8]
    /// Exactly `places` digits.
    var fraction: [UInt8]

    /// Nil for what this does not handle (exponent forms, infinities, NaN): callers use the formatter.
    init?(_ value: Double, places: Int) {
        guard value.isFinite, value.magnitude < 1e15 else { return nil }
        let text = Array(value.description.utf8)
        var index = 0
        negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var whole: [UInt8] = [], decimals: [UInt8] = []
        while index < text.count, text[index] >= 48, text[index] <= 57 { whole.append(text[index] - 48); index += 1 }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, text[index] >= 48, text[index] <= 57 { decimals.append(text[index] - 48); index += 1 }
        }
        guard index == text.count, !whole.isEmpty else { return nil } // "1e-05" and the like
        var kept = whole + decimals.prefix(places) + [UInt8](repeating: 0, count: max(0, places - decimals.count))
        let dropped = decimals.count > places ? Array(decimals[places...]) : []
        if let first = dropped.first {
            let beyondHalf = first > 5 || (first == 5 && dropped.dropFirst().contains { $0 != 0 })
            let exactlyHalf = first == 5 && !dropped.dropFirst().contains { $0 != 0 }
            if beyondHalf || (exactlyHalf && kept.last.map { $0 % 2 == 1 } == true) {
                var position = kept.count - 1
                while position >= 0 {
                    if kept[position] == 9 { kept[position] = 0; position -= 1 } else { kept[position] += 1; break }
                }
                if position < 0 { kept.insert(1, at: 0) }
            }
        }
        integer = Array(kept.prefix(kept.count - places))
        fraction = Array(kept.suffix(places))
        while integer.count > 1, integer.first == 0 { integer.removeFirst() }
        if integer.isEmpty { integer = [0] }
        // A negative amount that rounds to zero: how the formatter signs it is left to it.
        if negative, integer == [0], !fraction.contains(where: { $0 != 0 }) { return nil }
    }
}

/// Sums of money as a locale's currency NumberFormatter writes them, without calling it (a statement
/// shows one per ledger row, and the formatter costs several microseconds each). Learnt from the
/// formatter and checked against it on probes; a currency or locale that does not fit gets none.
struct MoneyFormat {
    private let places: Int
    private let digits: [[UInt8]]
    private let grouping: [UInt8]
    private let decimal: [UInt8]
    private let positive: (prefix: [UInt8], suffix: [UInt8])
    private let negative: (prefix: [UInt8], suffix: [UInt8])

    /// The formatter's decimal places are tried first, then the others: with a symbol of its own a
    /// currency may be written with fewer than the formatter says (no decimals for USD in fa-IR).
    init?(_ formatter: NumberFormatter, digits: [String]) {
        for places in [formatter.maximumFractionDigits] + Array(0...3) {
            if let made = MoneyFormat(formatter, digits: digits, places: places) {
                self = made
                return
            }
        }
        return nil
    }

    private init?(_ formatter: NumberFormatter, digits: [String], places: Int) {
        guard formatter.numberStyle == .currency, places >= 0, places <= 4,
              formatter.usesGroupingSeparator, formatter.groupingSize == 3,
              formatter.secondaryGroupingSize <= 0 || formatter.secondaryGroupingSize == 3,
              digits.count == 10 else { return nil }
        self.places = places
        self.digits = digits.map { Array($0.utf8) }
        grouping = Array((formatter.currencyGroupingSeparator ?? formatter.groupingSeparator ?? "").utf8)
        decimal = Array((formatter.currencyDecimalSeparator ?? formatter.decimalSeparator ?? ".").utf8)
        // "1" followed by its decimals, found inside the formatted 1 and -1: what is around it is the affix.
        var core = self.digits[1]
        if places > 0 { core += decimal + Array(repeating: self.digits[0], count: places).flatMap { $0 } }
        func affixes(_ value: Double) -> ([UInt8], [UInt8])? {
            guard let text = formatter.string(from: NSNumber(value: value)) else { return nil }
            let bytes = Array(text.utf8)
            guard bytes.count >= core.count else { return nil }
            for start in 0...(bytes.count - core.count) where Array(bytes[start..<(start + core.count)]) == core {
                return (Array(bytes[..<start]), Array(bytes[(start + core.count)...]))
            }
            return nil
        }
        guard let positive = affixes(1), let negative = affixes(-1) else { return nil }
        self.positive = positive
        self.negative = negative
        let probes: [Double] = [0, 0.5, 1, 12.34, 51.62, 999.99, 999.995, 1000, 1234.5, 1234567.891, 0.005, 0.015, 0.125,
                                2.675, 1e9 + 0.25, 123456789012.34, -3.5, -1234.56, -0.75, 7.1, 10.005, 0.045]
        for probe in probes {
            guard let fast = string(probe), fast == formatter.string(from: NSNumber(value: probe)) else { return nil }
        }
    }

    func string(_ amount: Double) -> String? {
        guard let rounded = RoundedDecimal(amount, places: places) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        let (prefix, suffix) = rounded.negative ? negative : positive
        bytes += prefix
        for (index, digit) in rounded.integer.enumerated() {
            let remaining = rounded.integer.count - index
            bytes += digits[Int(digit)]
            if remaining > 1, (remaining - 1) % 3 == 0 { bytes += grouping }
        }
        if places > 0 {
            bytes += decimal
            for digit in rounded.fraction { bytes += digits[Int(digit)] }
        }
        bytes += suffix
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation

/// Whole numbers written as a locale's NumberFormatter writes them (its digits, grouping separator
/// and signs), without calling it: a statement formats fifty or so numbers, and NumberFormatter
/// costs about a microsecond each.
///
/// Learnt from the formatter itself and then checked against it on numbers of every length and
/// both signs: a locale whose numbers do not follow the simple pattern (other grouping sizes,
/// digits that are not one character) gets no `IntegerFormat`, and its formatter is used instead.
struct IntegerFormat {
    private let digits: [String]
    private let separator: String
    private let positive: (prefix: String, suffix: String)
    private let negative: (prefix: String, suffix: String)

    init?(_ formatter: NumberFormatter) {
        guard formatter.numberStyle == .decimal, formatter.usesGroupingSeparator, formatter.groupingSize == 3,
              formatter.secondaryGroupingSize <= 0 || formatter.secondaryGroupingSize == 3 else { return nil }
        let digits = (0...9).compactMap { formatter.string(from: NSNumber(value: $0)) }
        guard digits.count == 10, Set(digits).count == 10, digits.allSatisfy({ $0.count == 1 }) else { return nil }
        func affixes(_ value: Int) -> (String, String)? {
            guard let text = formatter.string(from: NSNumber(value: value)), let one = text.range(of: digits[1]) else { return nil }
            return (String(text[..<one.lowerBound]), String(text[one.upperBound...]))
        }
        guard let positive = affixes(1), let negative = affixes(-1) else { return nil }
        self.digits = digits
        separator = formatter.groupingSeparator ?? ""
        self.positive = positive
        self.negative = negative
        let probes = [0, 5, 42, 999, 1_000, 12_345, 123_456, 1_234_567, 90_000_001, 1_000_000_000_000, Int.max, Int.min + 1]
        for probe in probes + probes.map({ -$0 }) where string(probe) != formatter.string(from: NSNumber(value: probe)) {
            return nil
        }
    }

    func string(_ value: Int) -> String {
        let (prefix, suffix) = value < 0 ? negative : positive
        var text = prefix
        let magnitude = String(value.magnitude)
        var remaining = magnitude.utf8.count
        for byte in magnitude.utf8 {
            text += digits[Int(byte - UInt8(ascii: "0"))]
            remaining -= 1
            if remaining > 0, remaining % 3 == 0 { text += separator }
        }
        return text + suffix
    }
}

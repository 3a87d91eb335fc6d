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
    /// The same as UTF-8 bytes, for `string`: a number is put together as bytes, then made a String once.
    private let digitBytes: [[UInt8]]
    private let separatorBytes: [UInt8]
    private let positiveBytes: (prefix: [UInt8], suffix: [UInt8])
    private let negativeBytes: (prefix: [UInt8], suffix: [UInt8])

    /// - Parameter digitsFrom: where to learn the ten digits, when `formatter` writes a sign before
    ///   each (a signed formatter writes `+1`): a plain formatter of the same locale.
    init?(_ formatter: NumberFormatter, digitsFrom plain: NumberFormatter? = nil) {
        guard formatter.numberStyle == .decimal, formatter.usesGroupingSeparator, formatter.groupingSize == 3,
              formatter.secondaryGroupingSize <= 0 || formatter.secondaryGroupingSize == 3 else { return nil }
        let digits = (0...9).compactMap { (plain ?? formatter).string(from: NSNumber(value: $0)) }
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
        digitBytes = digits.map { Array($0.utf8) }
        separatorBytes = Array(separator.utf8)
        positiveBytes = (Array(positive.0.utf8), Array(positive.1.utf8))
        negativeBytes = (Array(negative.0.utf8), Array(negative.1.utf8))
        let probes = [0, 5, 42, 999, 1_000, 12_345, 123_456, 1_234_567, 90_000_001, 1_000_000_000_000, Int.max, Int.min + 1]
        for probe in probes + probes.map({ -$0 }) where string(probe) != formatter.string(from: NSNumber(value: probe)) {
            return nil
        }
    }

    func string(_ value: Int) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(value)`'s bytes, appended.
    func append(_ value: Int, to bytes: inout [UInt8]) {
        let (prefix, suffix) = value < 0 ? negativeBytes : positiveBytes
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { reversed in
            // The magnitude's decimal digits, least significant first (at most 20 for a 64-bit Int).
            var magnitude = value.magnitude
            var count = 0
            repeat {
                reversed[count] = UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.reserveCapacity(bytes.count + prefix.count + suffix.count + count * (digitBytes[0].count + separatorBytes.count))
            bytes.append(contentsOf: prefix)
            var remaining = count
            while remaining > 0 {
                remaining -= 1
                bytes.append(contentsOf: digitBytes[Int(reversed[remaining])])
                if remaining > 0, remaining % 3 == 0 { bytes.append(contentsOf: separatorBytes) }
            }
            bytes.append(contentsOf: suffix)
        }
    }

    /// Whether every number it writes is safe in HTML as it is (no `&`, `<`, `>`, `"` or `'`).
    var needsNoEscaping: Bool {
        (digitBytes.flatMap { $0 } + separatorBytes + positiveBytes.prefix + positiveBytes.suffix
            + negativeBytes.prefix + negativeBytes.suffix).allSatisfy { !Array("&<>\"'".utf8).contains($0) }
    }

}

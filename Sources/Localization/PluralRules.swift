import CPluralRules
import Foundation

/// CLDR plural categories (`zero`, `one`, `two`, `few`, `many`, `other`) from ICU: English says
/// "1 point" and "2 points"; Arabic has six forms.
public enum PluralRules {
    public static let categories = ["zero", "one", "two", "few", "many", "other"]

    private static let cache = Cache()

    /// The category of `count` in `locale`; `other` when ICU knows no rules for it.
    public static func category(of count: Int, locale: String) -> String {
        // Categories repeat beyond small numbers only by their last digits; cache the first 1000.
        let key = "\(locale)\u{0}\(count)"
        if (0..<1000).contains(count), let known = cache.value(key) { return known }
        var buffer = [CChar](repeating: 0, count: 16)
        let length = punchcard_plural_category(locale, Double(count), &buffer, Int32(buffer.count))
        let category = length > 0 ? String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "other"
        if (0..<1000).contains(count) { cache.store(key, category) }
        return category
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: String] = [:]
        func value(_ key: String) -> String? { lock.withLock { values[key] } }
        func store(_ key: String, _ value: String) { lock.withLock { values[key] = value } }
    }
}

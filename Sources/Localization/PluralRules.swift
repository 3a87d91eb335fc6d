import CPluralRules
import Foundation

/// CLDR plural categories (`zero`, `one`, `two`, `few`, `many`, `other`) from ICU: English says
/// "1 point" and "2 points"; Arabic has six forms.
public enum PluralRules {
    public static let categories = ["zero", "one", "two", "few", "many", "other"]

    /// The category of `count` in `locale`; `other` when ICU knows no rules for it.
    public static func category(of count: Int, locale: String) -> String {
        guard let rules = RuleSets.shared.rules(for: locale) else { return "other" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 16) { buffer in
            let length = punchcard_plural_rules_select(rules.pointer, Double(count), buffer.baseAddress, 16)
            guard length > 0 else { return "other" }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(length)), as: UTF8.self)
        }
    }

    /// ICU's rules, opened once per locale and kept for the life of the process.
    private final class RuleSets: @unchecked Sendable {
        static let shared = RuleSets()
        private let lock = NSLock()
        private var byLocale: [String: Handle?] = [:]

        struct Handle { let pointer: UnsafeMutableRawPointer }

        func rules(for locale: String) -> Handle? {
            lock.lock()
            defer { lock.unlock() }
            if let known = byLocale[locale] { return known }
            let handle = punchcard_plural_rules_open(locale).map(Handle.init)
            byLocale[locale] = .some(handle)
            return handle
        }
    }
}

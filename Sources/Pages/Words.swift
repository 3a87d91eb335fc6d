import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// The theme's words for one page language: its string table, with any key it lacks taken from
/// the default language's table. Templates read them as `{{t.key}}`; words that follow a number
/// are chosen by Swift with the language's plural rules.
public struct Words: Sendable {
    public let locale: String
    /// Key → text (plural keys by their `other` form).
    public let all: [String: String]
    private let plurals: [String: [String: String]]
    /// Each ledger kind's word (`kind_earn`, …), looked up once: an activity row names one.
    private let kindNames: [LedgerKind: String]

    public init(locale: String, table: StringTable?, fallback: StringTable?) {
        self.locale = locale
        var entries = fallback?.entries ?? [:]
        for (key, forms) in table?.entries ?? [:] { entries[key] = forms }
        plurals = entries
        all = entries.compactMapValues { $0["other"] }
        var kindNames: [LedgerKind: String] = [:]
        for kind in LedgerKind.allCases { kindNames[kind] = all["kind_\(kind.rawValue)"] ?? "kind_\(kind.rawValue)" }
        self.kindNames = kindNames
    }

    /// The word for a ledger row's kind (the string table's `kind_<kind>`).
    public func kind(_ kind: LedgerKind) -> String { kindNames[kind] ?? "kind_\(kind.rawValue)" }

    public subscript(key: String) -> String { all[key] ?? key }

    /// The form of `key` that goes with `count`.
    public func plural(_ key: String, count: Int) -> String {
        guard let forms = plurals[key] else { return key }
        guard forms.count > 1 else { return forms["other"] ?? key }
        return forms[PluralRules.category(of: count, locale: locale)] ?? forms["other"] ?? key
    }
}

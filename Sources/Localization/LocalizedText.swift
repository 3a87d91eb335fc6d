/// A text of the program in each of its languages: a plain string (the same in every language) or
/// a map from language to text, and for words that follow a number, to plural forms.
public struct LocalizedText: Sendable, Hashable {
    /// Language code (`fa`) → plural category → text; `other` is always present. The key `""`
    /// holds a text that is the same in every language.
    public let forms: [String: [String: String]]
    /// The language whose text stands in for a missing translation.
    public let defaultLanguage: String

    /// A text that is the same in every language.
    public init(_ text: String) {
        forms = ["": ["other": text]]
        defaultLanguage = ""
    }

    /// Per-language texts; `forms[defaultLanguage]` must exist.
    public init(forms: [String: [String: String]], defaultLanguage: String) {
        self.forms = forms
        self.defaultLanguage = defaultLanguage
    }

    public var isSameInEveryLanguage: Bool { forms[""] != nil }

    /// The text in the default language (or the only text).
    public var defaultText: String { text(in: defaultLanguage) }

    /// Whether a reader of `language` gets their own language (or a text meant for everyone).
    public func isTranslated(to language: String) -> Bool {
        isSameInEveryLanguage || forms[Language.code(of: language)] != nil
    }

    /// The language the text shown to a reader of `language` is written in: theirs, or the
    /// default language when it falls back (nil for a text that is the same in every language).
    public func sourceLanguage(for language: String) -> String? {
        if isSameInEveryLanguage { return nil }
        return forms[Language.code(of: language)] != nil ? Language.code(of: language) : defaultLanguage
    }

    private func forms(for language: String) -> [String: String] {
        forms[""] ?? forms[Language.code(of: language)] ?? forms[defaultLanguage] ?? forms.values.first ?? ["other": ""]
    }

    /// The text for a reader of `language`, falling back to the default language.
    public func text(in language: String) -> String {
        let forms = forms(for: language)
        return forms["other"] ?? forms.values.first ?? ""
    }

    /// The form that goes with `count` (`1 point`, `2 points`) for a reader of `locale`.
    public func text(in locale: String, count: Int) -> String {
        let forms = forms(for: locale)
        guard forms.count > 1 else { return forms["other"] ?? "" }
        let textLanguage = sourceLanguage(for: locale) ?? Language.code(of: locale)
        let category = PluralRules.category(of: count, locale: textLanguage)
        return forms[category] ?? forms["other"] ?? ""
    }
}

extension LocalizedText: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(text) }
}

import PunchcardSupport
import Yams

extension YAMLFields {
    /// A text that may be translated: a plain string, or a map from the program's languages to
    /// text, where a language's text may itself be a map of plural forms (`one:`, `other:`).
    ///
    /// - Parameter languages: the program's language tags, the default first.
    public mutating func localizedText(_ key: String, languages: [String]) throws(Diagnostic) -> LocalizedText? {
        guard let node = node(key) else { return nil }
        return try localizedText(node, key: key, languages: languages)
    }

    public mutating func requiredLocalizedText(_ key: String, languages: [String]) throws(Diagnostic) -> LocalizedText {
        guard let text = try localizedText(key, languages: languages), !text.defaultText.isEmpty else { throw missing(key) }
        return text
    }

    func localizedText(_ node: Node, key: String, languages: [String]) throws(Diagnostic) -> LocalizedText {
        if let scalar = node.scalar { return LocalizedText(scalar.string) }
        guard case .mapping(let mapping) = node else {
            throw problem(at: node, key: key, "expected text, or a map from language to text")
        }
        let codes = languages.map(Language.code(of:))
        var forms: [String: [String: String]] = [:]
        for (languageNode, value) in mapping {
            let tag = languageNode.scalar?.string ?? ""
            let code = Language.code(of: tag)
            guard codes.contains(code), languages.contains(tag) || tag == code else {
                throw problem(at: languageNode, key: "\(key).\(tag)",
                              "\(Diagnostic.quote(tag)) is not one of the program's languages (languages: \(languages.joined(separator: ", ")))")
            }
            guard forms[code] == nil else { throw problem(at: languageNode, key: "\(key).\(tag)", "this language appears twice") }
            forms[code] = try pluralForms(value, key: "\(key).\(tag)")
        }
        guard let first = codes.first, forms[first] != nil else {
            throw problem(at: node, key: key, "has no text in \(languages.first ?? "the default language"), the program's first language")
        }
        return LocalizedText(forms: forms, defaultLanguage: first)
    }

    /// Text, or plural forms of it (`one:`, `other:`).
    func pluralForms(_ node: Node, key: String) throws(Diagnostic) -> [String: String] {
        if let scalar = node.scalar {
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                throw problem(at: node, key: key, "empty; give the text, or leave the language out to use the default language's")
            }
            return ["other": scalar.string]
        }
        guard case .mapping(let mapping) = node else {
            throw problem(at: node, key: key, "expected text, or plural forms (one:, other:)")
        }
        var forms: [String: String] = [:]
        for (categoryNode, value) in mapping {
            let category = categoryNode.scalar?.string ?? ""
            guard PluralRules.categories.contains(category), let text = value.scalar?.string else {
                throw problem(at: categoryNode, key: "\(key).\(category)",
                              "expected a plural form (\(PluralRules.categories.joined(separator: ", "))) with its text")
            }
            forms[category] = text
        }
        guard forms["other"] != nil else { throw problem(at: node, key: key, "plural forms need `other:`") }
        return forms
    }
}

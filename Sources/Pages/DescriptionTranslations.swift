import Foundation
import PunchcardLocalization
import PunchcardSupport

/// Translations of ledger descriptions, from `content/descriptions.yml`: the texts the operator's
/// systems export ("Café visit", "خرید حضوری"), each with its text in other languages.
///
/// ```yaml
/// Café visit:
///   fa: خرید از کافه
///   ar: زيارة المقهى
/// ```
public struct DescriptionTranslations: Sendable, Hashable {
    /// Exported text → language code → text.
    public let translations: [String: [String: String]]
    /// The file's text, for the build's fingerprint.
    public let source: String

    public init(translations: [String: [String: String]] = [:], source: String = "") {
        self.translations = translations
        self.source = source
    }

    public static let fileName = "content/descriptions.yml"

    public static func load(root: URL, languages: [String]) throws(Diagnostic) -> DescriptionTranslations {
        let url = root.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DescriptionTranslations() }
        let text = try TextFile.read(url, file: fileName)
        var fields = try YAMLFields.parse(text, file: fileName)
        let codes = Set(languages.map(Language.code(of:)))
        var translations: [String: [String: String]] = [:]
        for exported in fields.keys {
            guard var byLanguage = try fields.fields(exported) else { continue }
            var texts: [String: String] = [:]
            for tag in byLanguage.keys {
                let code = Language.code(of: tag)
                guard codes.contains(code) else {
                    throw byLanguage.problem(key: tag,
                        "\(Diagnostic.quote(tag)) is not one of the program's languages (languages: \(languages.joined(separator: ", ")))")
                }
                texts[code] = try byLanguage.string(tag)
            }
            try byLanguage.rejectUnknownKeys()
            translations[exported] = texts
        }
        return DescriptionTranslations(translations: translations, source: text)
    }

    /// The description for a reader of `language`, and whether it is a translation.
    public func text(_ description: String, language: String) -> (text: String, translated: Bool) {
        if let text = translations[description]?[Language.code(of: language)] { return (text, true) }
        return (description, false)
    }
}

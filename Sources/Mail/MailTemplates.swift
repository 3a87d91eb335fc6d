import Foundation
import PunchcardLocalization
import PunchcardPages
import PunchcardSupport
import PunchcardTheme
import PunchcardTemplating

/// The e-mail's theme: `templates/mail/statement.txt.mustache` (the plain-text part, nothing
/// escaped) and `templates/mail/statement.html.mustache` (the HTML part, every value escaped), bound
/// to `MailValues` and compiled once per language with its words written in. Every language the
/// site has words for is compiled when the templates are loaded, so a tag the e-mail cannot fill
/// stops `punchcard mail` before anything is written or sent, naming file, line and column.
public struct MailTemplates: Sendable {
    /// Both sources, for a test or a check that the theme changed.
    public let sources: [String: String]
    private let compiled: Locked<[String: Parts]>

    public struct Parts: Sendable {
        public let text: TypedTemplate<MailValues>
        public let html: TypedTemplate<MailValues>
    }

    public static let names = ["statement.txt", "statement.html"]

    public static func load(root: URL) throws(Diagnostic) -> MailTemplates {
        try load(root: root, content: try SiteContent.load(root: root))
    }

    /// The templates of the site at `root`, checked for each language of its `content`.
    public static func load(root: URL, content: SiteContent) throws(Diagnostic) -> MailTemplates {
        let theme = Theme(root: root)
        var sources: [String: String] = [:]
        for name in names {
            // The built-in theme has both; the site's own override them.
            sources[name] = try theme.text("mail/\(name).mustache")
        }
        return try MailTemplates(sources: sources, content: content)
    }

    public init(sources: [String: String], content: SiteContent) throws(Diagnostic) {
        self.sources = sources
        compiled = Locked([:])
        for name in Self.names where sources[name] == nil {
            throw Diagnostic(SourceLocation(file: "templates/mail/\(name).mustache"), "required for mail, but missing")
        }
        let locales = Set([content.defaultLanguage] + content.program.languages + content.strings.tables.keys)
        for locale in locales.sorted() {
            _ = try compile(for: content.words(for: content.pageLocale(for: locale)))
        }
    }

    /// Both parts for a member's language (compiled on first use; checked when loaded).
    public func parts(for words: Words) -> Parts {
        if let known = compiled.withLock({ $0[words.locale] }) { return known }
        let parts = (try? compile(for: words)) ?? Parts(text: .empty, html: .empty)
        return parts
    }

    private func compile(for words: Words) throws(Diagnostic) -> Parts {
        let locale = words.locale
        let direction = Language.direction(of: locale)
        var constants = ["lang": locale, "dir": direction, "align": direction == "rtl" ? "right" : "left"]
        for (key, value) in words.all { constants["t.\(key)"] = value }
        func template(_ name: String, plainText: Bool) throws(Diagnostic) -> TypedTemplate<MailValues> {
            let file = "templates/mail/\(name).mustache"
            let source = sources[name] ?? ""
            // Parsed as the theme's other templates are first, for errors that show the line.
            _ = try TemplateSet.standalone(source, file: file, plainText: plainText)
            return try TypedTemplate<MailValues>(source, file: file, constants: constants, plainText: plainText)
        }
        let parts = Parts(text: try template("statement.txt", plainText: true), html: try template("statement.html", plainText: false))
        compiled.withLock { $0[locale] = parts }
        return parts
    }
}

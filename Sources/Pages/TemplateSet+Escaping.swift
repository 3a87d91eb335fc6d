import Mustache
import PunchcardSupport

/// How `{{value}}` is escaped in the theme's templates.
///
/// swift-mustache's own HTML escaping walks the text by `Character`, so a quote followed by a
/// combining mark (`"\u{301}`, one Character) is not escaped, and a value placed in an attribute
/// could end it. Every template Punchcard compiles therefore starts with a content-type pragma naming
/// this escaper, which escapes the same five characters byte by byte (`String.htmlEscaped`). It is
/// also about eight times faster, which matters on statement pages with a few hundred tags.
struct PunchcardHTML: MustacheContentType {
    static let name = "PUNCHCARD_HTML"

    /// Registered once, before the first template that names it is parsed.
    static let registered: Void = MustacheContentTypes.register(PunchcardHTML(), named: name)

    /// A line of its own at the top of a template: the parser drops standalone pragma lines, so the
    /// output is unchanged. A partial starts with HTML escaping again, so each template carries it.
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"

    func escapeText(_ text: String) -> String { text.htmlEscaped }
}

/// Templates of plain text (an e-mail's text part): `{{value}}` is written as it is, like `{{{value}}}`.
struct PunchcardText: MustacheContentType {
    static let name = "PUNCHCARD_TEXT"
    static let registered: Void = MustacheContentTypes.register(PunchcardText(), named: name)
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"

    func escapeText(_ text: String) -> String { text }
}

/// A `{{value}}` that is a String is rendered as itself: without this, swift-mustache tries three
/// other protocols and `String(describing:)` on every tag before it gets there.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    /// A string is never Mustache's null: an empty one still opens `{{#name}}` (as before).
    public var isNull: Bool { false }
}

extension TemplateSet {
    /// A template compiled for rendering: escaped by `PunchcardHTML`.
    static func compile(_ text: String) throws -> MustacheTemplate {
        _ = PunchcardHTML.registered
        return try MustacheTemplate(string: PunchcardHTML.pragma + text)
    }

    /// A template outside the theme's set (an e-mail's parts), ready for `CompiledTemplate`:
    /// HTML escaped as the theme's pages are, or plain text with nothing escaped. Errors name the
    /// line and column as written.
    public static func standalone(_ text: String, file: String, plainText: Bool) throws(Diagnostic) -> MustacheTemplate {
        try checkNesting(text, file: file)
        do {
            _ = try MustacheTemplate(string: text) // as written first, so that errors name the operator's lines
            if plainText {
                _ = PunchcardText.registered
                return try MustacheTemplate(string: PunchcardText.pragma + text)
            }
            return try compile(text)
        } catch {
            throw diagnostic(error, file: file)
        }
    }
}

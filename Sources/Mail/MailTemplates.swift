import Foundation
import Mustache
import PunchcardPages
import PunchcardSupport

/// The e-mail's theme: `templates/mail/statement.txt.mustache` (the plain-text part, nothing
/// escaped) and `templates/mail/statement.html.mustache` (the HTML part, every value escaped).
public struct MailTemplates: Sendable {
    let textTemplate: CompiledTemplate
    let htmlTemplate: CompiledTemplate
    /// Both sources, for a test or a check that the theme changed.
    public let sources: [String: String]

    public static let names = ["statement.txt", "statement.html"]

    public static func load(root: URL) throws(Diagnostic) -> MailTemplates {
        let folder = root.appendingPathComponent("templates/mail", isDirectory: true).resolvingSymlinksInPath()
        var sources: [String: String] = [:]
        for name in names {
            let url = folder.appendingPathComponent("\(name).mustache")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw Diagnostic(SourceLocation(file: "templates/mail/\(name).mustache"),
                                 "required for mail, but missing (copy templates/mail/ from Punchcard's default theme)")
            }
            sources[name] = try TextFile.read(url, file: "templates/mail/\(name).mustache")
        }
        return try MailTemplates(sources: sources)
    }

    public init(sources: [String: String]) throws(Diagnostic) {
        func compile(_ name: String, plainText: Bool) throws(Diagnostic) -> CompiledTemplate {
            let file = "templates/mail/\(name).mustache"
            guard let source = sources[name] else { throw Diagnostic(SourceLocation(file: file), "required for mail, but missing") }
            return CompiledTemplate(try TemplateSet.standalone(source, file: file, plainText: plainText))
        }
        textTemplate = try compile("statement.txt", plainText: true)
        htmlTemplate = try compile("statement.html", plainText: false)
        self.sources = sources
    }

    public func text(_ context: [String: Any]) -> String { textTemplate.render(context, library: nil) }
    public func html(_ context: [String: Any]) -> String { htmlTemplate.render(context, library: nil) }
}

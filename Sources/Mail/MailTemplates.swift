import Foundation
import Mustache
import PunchcardPages
import PunchcardSupport

/// The e-mail's theme: `templates/mail/statement.txt.mustache` (the plain-text part, nothing
/// escaped) and `templates/mail/statement.html.mustache` (the HTML part, every value escaped).
public struct MailTemplates: Sendable {
    let textTemplate: MustacheTemplate
    let htmlTemplate: MustacheTemplate
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
        func compile(_ name: String, text: Bool) throws(Diagnostic) -> MustacheTemplate {
            let file = "templates/mail/\(name).mustache"
            guard let source = sources[name] else { throw Diagnostic(SourceLocation(file: file), "required for mail, but missing") }
            do {
                // The pragma, a line of its own, makes every value plain text (errors name lines as written).
                return try MustacheTemplate(string: text ? "{{% CONTENT_TYPE: TEXT}}\n" + source : source)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.line.trimmingWhitespace()
                let lineNumber = max(1, error.context.lineNumber - (text ? 1 : 0))
                throw Diagnostic(SourceLocation(file: file, line: lineNumber, column: error.context.columnNumber),
                                 TemplateSet.explain(error.error) + (line.isEmpty ? " (at the end of the file)" : ": \(line)"))
            } catch {
                throw Diagnostic(SourceLocation(file: file), "\(error)")
            }
        }
        textTemplate = try compile("statement.txt", text: true)
        htmlTemplate = try compile("statement.html", text: false)
        self.sources = sources
    }

    public func text(_ context: [String: Any]) -> String { textTemplate.render(context) }
    public func html(_ context: [String: Any]) -> String { htmlTemplate.render(context) }
}

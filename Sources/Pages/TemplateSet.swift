import Foundation
import Mustache
import PunchcardSupport
import PunchcardTheme

/// The theme's Mustache templates — the site's own `templates/` over the built-in theme, file by
/// file — compiled and checked before anything is written: a syntax error or a partial that does
/// not exist stops the build with file, line and column.
public struct TemplateSet: Sendable {
    /// Template name → source text, kept for hashing and error messages.
    public let sources: [String: String]

    /// The templates every site needs.
    public static let required = GeneratedPage.requiredTemplates

    public static func load(root: URL) throws(Diagnostic) -> TemplateSet {
        let theme = Theme(root: root)
        var sources: [String: String] = [:]
        // templates/mail/ is the e-mail's theme (`punchcard mail`), not the site's.
        for path in theme.paths() where path.hasSuffix(".mustache") && !path.hasPrefix("mail/") {
            sources[String(path.dropLast(".mustache".count))] = try theme.text(path)
        }
        return try TemplateSet(sources: sources)
    }

    public init(sources: [String: String]) throws(Diagnostic) {
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let file = "templates/\(name).mustache"
            try TemplateSet.checkNesting(text, file: file)
            do {
                // Parsed here for errors that name the operator's lines and columns; the typed
                // templates (PublicTemplates, StatementTemplate) bind the same tokens to values.
                _ = try MustacheTemplate(string: text)
            } catch {
                throw TemplateSet.diagnostic(error, file: file)
            }
            // A missing partial would render as nothing: catch the typo instead.
            for reference in TemplateSet.partialReferences(in: text) where sources[reference.name] == nil {
                throw Diagnostic(SourceLocation(file: file, line: reference.line, column: reference.column),
                                 "no template named \"\(reference.name)\" (looked for templates/\(reference.name).mustache)")
            }
        }
        try TemplateSet.rejectCycles(in: sources)
        for name in TemplateSet.required where sources[name] == nil {
            throw Diagnostic(SourceLocation(file: "templates/\(name).mustache"), "required template is missing")
        }
        self.sources = sources
    }

    /// A template's syntax error as the operator reads it: file, line and column, and the line.
    static func diagnostic(_ error: Error, file: String) -> Diagnostic {
        guard let error = error as? MustacheTemplate.ParserError else { return Diagnostic(SourceLocation(file: file), "\(error)") }
        let source = error.context.line.trimmingWhitespace()
        return Diagnostic(SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber),
                          explain(error.error) + (source.isEmpty ? " (at the end of the file)" : ": \(source)"))
    }

    static func explain(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "template error (\(error))"
        }
    }

    /// A template that includes itself, directly or through others, would render forever (and
    /// crash the build by exhausting the stack): refused, naming the tag that closes the loop.
    static func rejectCycles(in sources: [String: String]) throws(Diagnostic) {
        let references = sources.mapValues { partialReferences(in: $0) }
        var state: [String: Bool] = [:] // false: on the current path; true: finished
        func visit(_ name: String, path: [String]) throws(Diagnostic) {
            state[name] = false
            for reference in references[name] ?? [] where sources[reference.name] != nil {
                switch state[reference.name] {
                case .some(false):
                    let loop = (path + [name, reference.name]).drop { $0 != reference.name }
                    throw Diagnostic(SourceLocation(file: "templates/\(name).mustache", line: reference.line, column: reference.column),
                                     "templates include each other in a loop (\(loop.joined(separator: " → "))), which would never end")
                case .some(true):
                    continue
                case .none:
                    try visit(reference.name, path: path + [name])
                }
            }
            state[name] = true
        }
        for name in sources.keys.sorted() where state[name] == nil {
            try visit(name, path: [])
        }
    }

    /// `{{> name}}` and `{{< name}}` tags, with where they are.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let marker = afterOpen.first, marker == ">" || marker == "<",
                      let close = afterOpen.range(of: "}}") else {
                    rest = afterOpen
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound].trimmingWhitespace()
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                references.append((name, lineIndex + 1, column))
                rest = afterOpen[close.upperBound...]
            }
        }
        return references
    }
}

import PunchcardSupport

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter {
    var fields: YAMLFields
    var body: String

    /// `---` on the first line opens the front matter and the next `---` line closes it.
    /// A file without front matter has empty fields.
    static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatter {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingWhitespace() == "---" else {
            return FrontMatter(fields: try YAMLFields.parse("", file: file), body: text)
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingWhitespace() == "---" }) else {
            throw Diagnostic(SourceLocation(file: file, line: 1, column: 1),
                             "front matter opened with --- is never closed with a --- line")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(fields: try YAMLFields.parse(yaml, file: file, lineOffset: 1), body: body)
    }
}

import Foundation

/// Text files the operator writes (program.yml, pages, templates), read as UTF-8 with an error
/// that names the line of the first byte that is not.
public enum TextFile {
    public static func decode(_ data: Data, file: String) throws(Diagnostic) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var line = 1
        var lineStart = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(validating: data[lineStart...index], as: UTF8.self) == nil { break }
            line += 1
            lineStart = index + 1
        }
        throw Diagnostic(SourceLocation(file: file, line: line), "the text is not valid UTF-8 (save the file as UTF-8)")
    }

    public static func read(_ url: URL, file: String) throws(Diagnostic) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(SourceLocation(file: file), "cannot read the file: \(FileProblem.reason(error))")
        }
        return try decode(data, file: file)
    }
}

/// The indentation that keeps a template readable is a twentieth of a statement page, written twice
/// per member. Statement templates and the layout around them lose it: every line's leading spaces
/// and tabs go, its line break stays, so the page reads and lays out the same (HTML collapses the
/// break and the indentation into one space either way).
///
/// Where whitespace is content (`<pre>`, `<textarea>`, a `white-space` style, a script) the text is
/// left as it is.
enum Indentation {
    static func removed(from text: String) -> String {
        let lowercased = text.lowercased()
        guard !["<pre", "<textarea", "white-space", "<script"].contains(where: lowercased.contains) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { result += "\n" }
            first = false
            result += line.drop { $0 == " " || $0 == "\t" }
        }
        return result
    }
}

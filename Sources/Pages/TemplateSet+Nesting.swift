import PunchcardSupport

extension TemplateSet {
    /// How deep sections may nest. swift-mustache parses sections by recursion, and a template
    /// nested a few thousand deep exhausts a build thread's stack (a crash, not an error); no
    /// real theme comes near this.
    public static let maximumSectionDepth = 100

    /// Refuses a template whose sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) nest deeper than
    /// `maximumSectionDepth`, naming the tag that goes too deep. Runs before the Mustache parser
    /// sees the text; follows set-delimiter tags (`{{=<% %>=}}`) as Mustache does.
    public static func checkNesting(_ text: String, file: String) throws(Diagnostic) {
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        let bytes = Array(text.utf8)
        var depth = 0
        var line = 1
        var lineStart = 0
        var index = 0
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            guard position + pattern.count <= bytes.count else { return false }
            for offset in 0..<pattern.count where bytes[position + offset] != pattern[offset] { return false }
            return true
        }
        while index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            let tagStart = index
            var bodyStart = index + open.count
            // A triple mustache `{{{name}}}` closes with one more brace.
            if open == Array("{{".utf8), bodyStart < bytes.count, bytes[bodyStart] == UInt8(ascii: "{") { bodyStart += 1 }
            var end = bodyStart
            while end < bytes.count, !matches(close, at: end) { end += 1 }
            guard end < bytes.count else { return } // an unclosed tag: the Mustache parser names it
            let body = bytes[bodyStart..<end]
            let marker = body.first(where: { $0 != 0x20 && $0 != 0x09 })
            switch marker {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > maximumSectionDepth {
                    let column = String(decoding: bytes[lineStart..<tagStart], as: UTF8.self).count + 1
                    throw Diagnostic(SourceLocation(file: file, line: line, column: column),
                                     "sections are nested more than \(maximumSectionDepth) deep")
                }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the new delimiters, split on white space.
                guard let equals = body.firstIndex(of: UInt8(ascii: "=")) else { break }
                let inner = body[(equals + 1)...]
                let trimmed = inner.last == UInt8(ascii: "=") ? inner.dropLast() : inner
                let parts = trimmed.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
                if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            default:
                break
            }
            // Line breaks inside a tag still count.
            for position in tagStart..<end where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            index = end + close.count
        }
    }
}

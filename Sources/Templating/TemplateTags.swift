/// Where each tag of a template is, in document order: swift-mustache's parsed tokens do not say,
/// and an error must name the operator's line and column. Follows set-delimiter tags as Mustache does.
public struct TemplateTag: Sendable {
    /// The tag's marker: `#`, `^`, `/`, `>`, `<`, `$`, `!`, `=`, `%`, `&`, `{`, or nil for `{{name}}`.
    public var marker: Character?
    public var name: String
    public var line: Int
    public var column: Int

    /// Whether swift-mustache makes a token naming a value or a partial of this tag.
    var isNamed: Bool {
        switch marker {
        case nil, "{", "&", "#", "^", ">": return true
        default: return false
        }
    }

    public static func scan(_ text: String) -> [TemplateTag] {
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        let bytes = Array(text.utf8)
        var tags: [TemplateTag] = []
        var line = 1, lineStart = 0, index = 0
        // The column of the last tag on this line, counted once: counting each tag's column from
        // the line's start made a long line of many tags quadratic (a hostile 300 KB template
        // took seconds to refuse).
        var counted = (line: 0, offset: 0, column: 1)
        let defaultOpen = Array("{{".utf8)
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
            var triple = false
            if open == defaultOpen, bodyStart < bytes.count, bytes[bodyStart] == UInt8(ascii: "{") {
                bodyStart += 1
                triple = true
            }
            var end = bodyStart
            while end < bytes.count, !matches(close, at: end) { end += 1 }
            guard end < bytes.count else { break }
            var body = String(decoding: bytes[bodyStart..<end], as: UTF8.self).trimmingCharacters(in: " \t\r\n")
            var marker: Character? = triple ? "{" : nil
            if !triple, let first = body.first, "#^/><$!=%&".contains(first) {
                marker = first
                body.removeFirst()
            }
            if triple, body.hasSuffix("}") { body.removeLast() }
            if counted.line != line || counted.offset < lineStart { counted = (line, lineStart, 1) }
            let column = counted.column + String(decoding: bytes[counted.offset..<tagStart], as: UTF8.self).count
            counted = (line, tagStart, column)
            tags.append(TemplateTag(marker: marker, name: body.trimmingCharacters(in: " \t\r\n"), line: line, column: column))
            if marker == "=" {
                let inner = body.hasSuffix("=") ? String(body.dropLast()) : body
                let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                }
            }
            for position in tagStart..<end where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            index = end + close.count
            if triple, index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
        }
        return tags
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !set.unicodeScalars.contains($0) })!
        return String(scalars[first...last])
    }
}

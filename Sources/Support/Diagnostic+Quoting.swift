extension Diagnostic {
    /// How much of a value an error message shows: enough to recognise it, never a flood.
    public static let quotedLength = 60

    /// `value` as an error message shows it: in double quotes, shortened to `quotedLength`
    /// characters with "…", and with line breaks and other control characters written as escapes
    /// (`\n`, `\t`, `\u{0}`), so that one problem always stays on one line.
    public static func quote(_ value: some StringProtocol) -> String {
        var shown = ""
        var count = 0
        // Scalars are counted too: one character can carry any number of combining marks.
        var scalars = 0
        outer: for character in value {
            if count == quotedLength {
                shown += "…"
                break
            }
            count += 1
            for scalar in character.unicodeScalars {
                scalars += 1
                if scalars > quotedLength * 4 {
                    shown += "…"
                    break outer
                }
                switch scalar {
                case "\n": shown += "\\n"
                case "\r": shown += "\\r"
                case "\t": shown += "\\t"
                case "\"": shown += "\\\""
                default:
                    if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                        shown += "\\u{\(String(scalar.value, radix: 16))}"
                    } else {
                        shown.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return "\"" + shown + "\""
    }

    /// `value` shortened as `quote` shortens it, without the quotes: for names shown in place (a
    /// key in a field path).
    public static func shortened(_ value: some StringProtocol) -> String {
        String(quote(value).dropFirst().dropLast())
    }

    /// A message kept to one line: line breaks become spaces. Every diagnostic passes through
    /// this, so that a message built from a library's text cannot split a problem over lines.
    public static func oneLineText(_ text: String) -> String { oneLine(text) }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline }) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}

extension StringProtocol {
    /// Whether the text holds a control character (C0, DEL or C1), other than line breaks and tabs
    /// when `allowingLineBreaks`. Runs on every imported field: it reads UTF-8 bytes (C1 controls
    /// are the two-byte sequences C2 80 to C2 9F) rather than Unicode properties.
    public func containsControlCharacter(allowingLineBreaks: Bool = false) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ Self.hasControl($0, allowingLineBreaks: allowingLineBreaks) }) {
            return found
        }
        return Self.hasControl(Array(utf8), allowingLineBreaks: allowingLineBreaks)
    }

    @inline(__always)
    private static func hasControl<C: Collection>(_ bytes: C, allowingLineBreaks: Bool) -> Bool where C.Element == UInt8 {
        var afterC2 = false
        for byte in bytes {
            if byte < 0x20 {
                if !(allowingLineBreaks && (byte == 0x0A || byte == 0x0D || byte == 0x09)) { return true }
            } else if byte == 0x7F || (afterC2 && byte >= 0x80 && byte <= 0x9F) {
                return true
            }
            afterC2 = byte == 0xC2
        }
        return false
    }
}

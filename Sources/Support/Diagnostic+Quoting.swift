extension Diagnostic {
    /// How much of a value an error message shows: enough to recognise it, never a flood.
    public static let quotedLength = 60

    /// `value` as an error message shows it: in double quotes, shortened to `quotedLength`
    /// characters with "…", and with line breaks and other control characters written as escapes
    /// (`\n`, `\t`, `\u{0}`), so that one problem always stays on one line.
    public static func quote(_ value: some StringProtocol) -> String {
        var shown = ""
        var count = 0
        for character in value {
            if count == quotedLength {
                shown += "…"
                break
            }
            count += 1
            for scalar in character.unicodeScalars {
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

    /// A message kept to one line: line breaks become spaces. Every diagnostic passes through
    /// this, so that a message built from a library's text cannot split a problem over lines.
    public static func oneLineText(_ text: String) -> String { oneLine(text) }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline }) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}

extension StringProtocol {
    /// Whether the text holds a control character (C0, DEL or C1), other than those in `allowed`.
    public func containsControlCharacter(allowing allowed: Set<Unicode.Scalar> = []) -> Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control && !allowed.contains($0) }
    }
}

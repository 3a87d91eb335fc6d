import Foundation
import PunchcardSupport

/// Header fields as RFC 5322 and RFC 2047 want them: printable ASCII, lines of at most 78
/// characters folded with CRLF and a space, and anything else as UTF-8 encoded-words. A value
/// from the store (a member's name) goes through `sanitized` first: a line break or any other
/// control character becomes a space, so no value can end a header or start a new one.
public enum MailHeaders {
    /// The longest line a header may have, without its CRLF (RFC 5322's "SHOULD").
    public static let lineLimit = 78

    /// Control characters (CR, LF, tab, NUL, …) replaced by spaces, runs of spaces made one, ends trimmed.
    public static func sanitized(_ text: String) -> String {
        // Most values are printable ASCII with single spaces: nothing to do.
        if isPlain(text), !text.hasPrefix(" "), !text.hasSuffix(" "), !text.contains("  ") { return text }
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let category = scalar.properties.generalCategory
            let isSpace = scalar.properties.isWhitespace || category == .control || category == .lineSeparator
                || category == .paragraphSeparator
            if isSpace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else {
                scalars.append(scalar)
                lastWasSpace = false
            }
        }
        var result = String(scalars)
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// Whether `text` can be written into a header as it is: printable ASCII and spaces only.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `text` as RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each at most 75 characters and never
    /// splitting a character between two words.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            // 39 bytes are 52 base64 characters: a 64-character word, which fits a line after any field name here.
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// An unstructured field (`Subject`): the text as is when plain, otherwise encoded-words; folded.
    public static func unstructured(_ name: String, _ value: String) -> String {
        let value = sanitized(value)
        let words = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // A word too long for a line cannot be folded: encoded-words can.
        if isPlain(value), !value.contains("=?"), words.allSatisfy({ $0.utf8.count <= lineLimit - name.utf8.count - 2 }) {
            return fold(name: name, words: words)
        }
        return fold(name: name, words: encodedWords(value))
    }

    /// A field whose value is one or more addresses (`From`, `To`, `Reply-To`).
    public static func address(_ name: String, _ mailbox: Mailbox) -> String {
        fold(name: name, words: phrase(mailbox.name) + ["<\(mailbox.address)>"])
    }

    /// A field with a structured value written as given (`Date`, `Message-ID`, `List-Unsubscribe`):
    /// the caller's value is already plain ASCII; it is still cleaned of control characters.
    public static func structured(_ name: String, _ value: String) -> String {
        let value = sanitized(value)
        guard isPlain(value) else { return fold(name: name, words: encodedWords(value)) }
        // Too long for one line: folded at its spaces, or at least before the value.
        if name.utf8.count + 2 + value.utf8.count > lineLimit {
            return value.contains(" ") ? fold(name: name, words: value.split(separator: " ").map(String.init)) : "\(name):\r\n \(value)"
        }
        return "\(name): \(value)"
    }

    /// A display name as the words of a header: as is when it is plain atoms, quoted when it is
    /// plain but has specials, encoded-words otherwise.
    static func phrase(_ name: String) -> [String] {
        let name = sanitized(name)
        guard !name.isEmpty else { return [] }
        guard isPlain(name), !name.contains("=?") else { return encodedWords(name) }
        if name.utf8.allSatisfy({ atext[Int($0)] }) {
            return name.split(separator: " ").map(String.init)
        }
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        // A quoted string is one word: it may only be folded at its spaces, which would change it, so
        // a long one is encoded instead.
        return quoted.utf8.count > 60 ? encodedWords(name) : [quoted]
    }

    /// The characters a display name may have without quotes (RFC 5322 atext, and spaces), by byte.
    private static let atext: [Bool] = (0..<256).map { byte in
        byte < 128 && "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8.contains(UInt8(byte))
    }

    /// `Name: w1 w2 …` with lines of at most `lineLimit` characters, folded before a word.
    static func fold(name: String, words: [String]) -> String {
        var result = name + ":"
        var lineLength = result.utf8.count
        for word in words {
            if lineLength + 1 + word.utf8.count > lineLimit, lineLength > name.utf8.count + 1 {
                result += "\r\n " + word
                lineLength = 1 + word.utf8.count
            } else {
                result += " " + word
                lineLength += 1 + word.utf8.count
            }
        }
        return result
    }
}

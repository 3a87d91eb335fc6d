import Foundation

/// Keys that name things across files and runs (member_id, txn_id, referred_by): one rule for
/// every key, on every store. Swift compares strings by canonical equivalence ("é" as U+00E9 and as
/// e + U+0301 are equal) while a database compares bytes; a key is therefore put in Unicode's
/// composed form (NFC) at the door, so that two spellings a person cannot tell apart are one key
/// everywhere. Characters nobody can see (zero-width, bidi controls, a BOM) are refused: they make
/// two keys that look the same, or one that reads backwards.
public enum Identifier {
    /// `text` in NFC; ASCII, by far the most common, is returned as it is.
    public static func normalized(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Why `text` cannot be a key, or nil. Lengths are bounded in characters and in UTF-8 bytes,
    /// since one character can carry any number of combining marks.
    public static func problem(_ text: String, maxCharacters: Int, maxBytes: Int) -> String? {
        if text.isEmpty { return "required, but empty" }
        if text.utf8.count > maxBytes {
            return "\(Diagnostic.quote(text)) is longer than \(maxBytes) bytes"
        }
        // Most keys are ASCII (M0001, T000123): checked byte by byte, on every ledger row.
        if text.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F }) {
            return text.utf8.count > maxCharacters ? "\(Diagnostic.quote(text)) is longer than \(maxCharacters) characters" : nil
        }
        if text.count > maxCharacters {
            return "\(Diagnostic.quote(text)) is longer than \(maxCharacters) characters"
        }
        if text.containsControlCharacter() || text != text.trimmingWhitespace() {
            return "\(Diagnostic.quote(text)) has control characters or leading or trailing spaces"
        }
        if let invisible = firstInvisible(in: text) {
            return "\(Diagnostic.quote(text)) holds an invisible character (U+\(String(invisible.value, radix: 16, uppercase: true).leftPadded(to: 4))), which makes keys that look alike differ"
        }
        if let run = longestMarkRun(in: text), run > maximumMarksPerCharacter {
            return "\(Diagnostic.quote(text)) has a character with \(run) combining marks (at most \(maximumMarksPerCharacter))"
        }
        return nil
    }

    /// Format characters (Unicode's Cf: zero-width spaces and joiners, bidi marks, embeddings,
    /// overrides and isolates, the BOM, soft hyphens) and the other default-ignorable ones.
    public static func firstInvisible(in text: String) -> Unicode.Scalar? {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return text.unicodeScalars.first { scalar in
            scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// More combining marks on one character than any script needs (Unicode's stream-safe format
    /// allows 30): "a" with 300,000 accents is one character to Swift, and a megabyte on a page.
    public static let maximumMarksPerCharacter = 30

    /// The longest run of combining marks in `text`, or nil for ASCII. Every mark is at U+0300 or
    /// above (a UTF-8 lead byte of 0xCC or more): a text with few such characters cannot hold a
    /// long run, and is not looked at character by character (descriptions pass here row by row).
    public static func longestMarkRun(in text: String) -> Int? {
        var high = 0
        for byte in text.utf8 where byte >= 0xCC { high += 1 }
        guard high > maximumMarksPerCharacter else { return high == 0 && text.utf8.allSatisfy({ $0 < 0x80 }) ? nil : 0 }
        var longest = 0, run = 0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                run += 1
                longest = max(longest, run)
            default:
                run = 0
            }
        }
        return longest
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

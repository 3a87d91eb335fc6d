import Foundation

/// Checks the shape of a BCP 47 language tag (`fa-IR`, `ar-SA`, `en`, `zh-Hant-TW`) without
/// judging whether every subtag is registered: enough to catch a typo such as `fa_IR` or `IR`.
public enum LocaleTag {
    public static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first,
              (2...3).contains(language.count) || (5...8).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count), subtag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return false }
        }
        return true
    }

    /// The primary language subtag, lowercased (`fa` for `fa-IR`).
    public static func language(of tag: String) -> String {
        // Asked several times per statement: no array of subtags, and no work for a tag already lowercase.
        let language = tag.utf8.prefix { $0 != UInt8(ascii: "-") }
        let text = String(Substring(tag.utf8[language.startIndex..<language.endIndex]))
        return language.contains { $0 >= 65 && $0 <= 90 } ? text.lowercased() : text
    }

    /// Whether text in this locale runs right to left.
    public static func isRightToLeft(_ tag: String) -> Bool {
        // Asked for every block of every statement, of a handful of tags: remembered.
        if let known = directions.withLock({ $0[tag] }) { return known }
        let subtags = tag.split(separator: "-")
        let rightToLeft: Bool
        // A script subtag decides when present (`ku-Arab` is RTL, `ku-Latn` is not).
        if let script = subtags.dropFirst().first(where: { $0.count == 4 }) {
            rightToLeft = rightToLeftScripts.contains(script.capitalized)
        } else {
            rightToLeft = rightToLeftLanguages.contains(language(of: tag))
        }
        directions.withLock { if $0.count < 1000 { $0[tag] = rightToLeft } }
        return rightToLeft
    }

    private static let rightToLeftLanguages: Set<String> = ["ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "ku"]
    private static let rightToLeftScripts: Set<String> = ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"]
    private static let directions = Locked<[String: Bool]>([:])
}

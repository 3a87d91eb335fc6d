/// How an SMS gateway counts a message: in GSM 03.38's 7-bit alphabet when every character is in
/// it (160 to a single message, 153 to each part of a longer one, the extension table's
/// characters taking two), or else in UCS-2 (70 to a single message, 67 to each part; a character
/// beyond the Basic Multilingual Plane, such as an emoji, takes two). Persian and Arabic text is UCS-2.
public enum SMSEncoding: String, Sendable, Equatable {
    case gsm7 = "GSM-7"
    case ucs2 = "UCS-2"

    /// GSM 03.38's basic character set, one septet each.
    static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)
    /// The extension table: an escape and the character, two septets each.
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)

    /// The encoding a gateway uses for `text`.
    public static func of(_ text: String) -> SMSEncoding {
        text.unicodeScalars.allSatisfy { basic.contains($0) || extended.contains($0) } ? .gsm7 : .ucs2
    }

    /// The units `text` takes: septets in GSM-7, UTF-16 code units in UCS-2.
    public static func units(_ text: String) -> (encoding: SMSEncoding, units: Int) {
        switch of(text) {
        case .gsm7: return (.gsm7, text.unicodeScalars.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) })
        case .ucs2: return (.ucs2, text.utf16.count)
        }
    }

    /// How many messages a gateway sends `text` as (0 for an empty text).
    public static func segments(_ text: String) -> Int {
        let (encoding, units) = units(text)
        guard units > 0 else { return 0 }
        let single = encoding == .gsm7 ? 160 : 70
        let part = encoding == .gsm7 ? 153 : 67
        return units <= single ? 1 : (units + part - 1) / part
    }
}

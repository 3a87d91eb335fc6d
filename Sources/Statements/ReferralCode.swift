/// Referral codes: 8 characters of Crockford's base-32 alphabet, the last a check character.
///
/// The check character is computed with the Luhn mod N algorithm over the 32-symbol alphabet,
/// which catches every single-character typo and most swaps of neighbours, while staying inside
/// the alphabet (Crockford's own mod-37 check would need five extra symbols).
public enum ReferralCode {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 8

    /// The value of a character, reading as Crockford does: case-insensitive, I and L as 1, O as 0.
    public static func value(of character: Character) -> Int? {
        switch character.uppercased() {
        case "O": return 0
        case "I", "L": return 1
        case let upper:
            guard let first = upper.first else { return nil }
            return alphabet.firstIndex(of: first)
        }
    }

    /// The check character for a 7-character body.
    public static func checkCharacter(for body: some Sequence<Character>) -> Character? {
        var sum = 0
        var factor = 2
        for character in body.reversed() {
            guard let value = value(of: character) else { return nil }
            var addend = factor * value
            addend = addend / 32 + addend % 32
            sum += addend
            factor = factor == 2 ? 1 : 2
        }
        return alphabet[(32 - sum % 32) % 32]
    }

    /// The canonical spelling (upper case, I/L → 1, O → 0) if `text` is a well-formed code with a
    /// correct check character, else nil.
    public static func normalized(_ text: String) -> String? {
        guard text.count == length else { return nil }
        var canonical = ""
        for character in text {
            guard let value = value(of: character) else { return nil }
            canonical.append(alphabet[value])
        }
        guard checkCharacter(for: canonical.dropLast()) == canonical.last else { return nil }
        return canonical
    }

    /// A fresh random code. The store makes sure it is unique.
    public static func random(using generator: inout some RandomNumberGenerator) -> String {
        var bits = generator.next() // 35 of its 64 bits make the body
        var body = ""
        for _ in 0..<(length - 1) {
            body.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return body + String(checkCharacter(for: body)!)
    }
}

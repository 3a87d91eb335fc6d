/// The unguessable part of a member's statement URL (`/m/<token>/`): 128 random bits in
/// base64url (22 characters), so that nobody can find another member's page by trying.
public enum MemberToken {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Pass `SystemRandomNumberGenerator` outside tests: it draws from the kernel's CSPRNG.
    public static func random(using generator: inout some RandomNumberGenerator) -> String {
        var bits = (generator.next() as UInt64, generator.next() as UInt64)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(22)
        for index in 0..<22 { // 22 × 6 = 132 bits: the last character carries 4 bits of zero
            let value: UInt64
            if index < 10 {
                value = bits.0 & 63
                bits.0 >>= 6
            } else if index == 10 {
                value = (bits.0 & 15) | ((bits.1 & 3) << 4)
                bits.1 >>= 2
            } else {
                value = bits.1 & 63
                bits.1 >>= 6
            }
            bytes.append(alphabet[Int(value)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has the form of a token (safe to use as a folder name).
    public static func isWellFormed(_ text: String) -> Bool {
        // Byte ranges rather than a search of the alphabet: asked several times per member per build.
        text.utf8.count == 22 && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): return true
            default: return false
            }
        }
    }
}

@testable import PunchcardStatements
import Testing

@Suite struct MemberTokenTests {
    /// A token is 22 characters of base64url and nothing else: every byte is tried in every place.
    @Test func wellFormedMeansTwentyTwoBase64URLCharacters() {
        for byte in UInt8(0)...UInt8(127) {
            let expected = MemberToken.alphabet.contains(byte)
            for position in [0, 11, 21] {
                var bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 22)
                bytes[position] = byte
                #expect(MemberToken.isWellFormed(String(decoding: bytes, as: UTF8.self)) == expected, "\(byte) at \(position)")
            }
        }
        #expect(!MemberToken.isWellFormed("é" + String(repeating: "A", count: 20))) // 22 bytes, not base64url
        #expect(!MemberToken.isWellFormed(String(repeating: "A", count: 21)))
        #expect(!MemberToken.isWellFormed(String(repeating: "A", count: 23)))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 { #expect(MemberToken.isWellFormed(MemberToken.random(using: &generator))) }
    }
}

import Foundation
import Testing
import PunchcardStatements

@Suite struct ReferralCodeTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomCodesAreWellFormed() {
        var generator = SeededGenerator(state: 7)
        var seen = Set<String>()
        for _ in 0..<2000 {
            let code = ReferralCode.random(using: &generator)
            #expect(code.count == 8)
            #expect(code.allSatisfy { ReferralCode.alphabet.contains($0) })
            #expect(ReferralCode.normalized(code) == code)
            seen.insert(code)
        }
        #expect(seen.count > 1990) // 35 random bits: collisions are rare
    }

    @Test func everySingleCharacterTypoIsCaught() {
        var generator = SeededGenerator(state: 99)
        for _ in 0..<50 {
            let code = Array(ReferralCode.random(using: &generator))
            for position in code.indices {
                for replacement in ReferralCode.alphabet where replacement != code[position] {
                    var typo = code
                    typo[position] = replacement
                    #expect(ReferralCode.normalized(String(typo)) == nil, "\(String(typo)) passed for \(String(code))")
                }
            }
        }
    }

    @Test func readsCodesAsCrockfordDoes() throws {
        var generator = SeededGenerator(state: 3)
        var code = ReferralCode.random(using: &generator)
        while !code.contains("1") && !code.contains("0") { code = ReferralCode.random(using: &generator) }
        let sloppy = code.lowercased().replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "0", with: "o")
        #expect(ReferralCode.normalized(sloppy) == code)
        #expect(ReferralCode.normalized(String(code.dropLast())) == nil)
        #expect(ReferralCode.normalized(code + "0") == nil)
        #expect(ReferralCode.normalized("ABCDEFGU") == nil) // U is not in the alphabet
    }
}

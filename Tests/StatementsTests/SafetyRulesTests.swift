import Foundation
import Testing
import PunchcardStatements
import PunchcardSupport

/// No ledger and no program file the loaders accept can make the engine trap, and every refusal
/// names the file, line and key.
@Suite struct SafetyRulesTests {
    @Test func sumsBeyondSixtyFourBitsSaturateInsteadOfTrapping() {
        // A store written before imports were bounded may hold these.
        let poisoned = [
            row("2026-10-01", .earn, Int.max, txn: "A"), row("2026-10-02", .earn, Int.max, txn: "B"),
            row("2026-11-03", .redeem, Int.min, txn: "C"), row("2026-11-04", .adjust, Int.min, txn: "D"),
            row("2026-11-05", .expire, Int.min, txn: "E"),
        ]
        let s = statement(poisoned)
        #expect(s.openingBalance == Int.max)
        #expect(s.redeemed == Int.max && s.expired == Int.max && s.adjusted == Int.min)
        #expect(s.qualifyingPoints == Int.max)
        #expect(s.tier == "Platinum" && s.pointsToNextTier == nil)
        // Below every tier with a huge negative count still computes the distance to the next.
        let negative = statement([row("2026-10-01", .adjust, Int.min, txn: "A")])
        #expect(negative.closingBalance == Int.min)
        #expect(statement([row("2025-12-01", .earn, 10)], program: exampleProgram).pointsToNextTier == 2490)
    }

    @Test func programNumbersAreBoundedAtTheDoor() {
        func problem(_ replacing: String, with replacement: String) -> String {
            let text = ProgramTests.valid.replacingOccurrences(of: replacing, with: replacement)
            do {
                _ = try Program.parse(text, file: "program.yml")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(problem("months: 24", with: "months: 9999999999999") == "program.yml:12:11: expiry.months: 9999999999999 is not between 1 and 1200 (100 years)")
        #expect(problem("warning_days: 90", with: "warning_days: 99999999") == "program.yml:13:17: expiry.warning_days: 99999999 is not between 0 and 3660 (10 years)")
        #expect(problem("threshold: 10_000", with: "threshold: 9223372036854775807").hasPrefix("program.yml:10:16: tiers[1].threshold: 9223372036854775807 is too large"))
        #expect(problem("bonus_points: 500", with: "bonus_points: 99999999999999").hasPrefix("program.yml:15:17: referral.bonus_points:"))
        #expect(problem("months: 24", with: "months: 1200") == "accepted")
    }

    @Test func theReferralLinkMustBeAWebAddress() {
        for link in ["javascript:alert(document.cookie)//{code}", "data:text/html,{code}", "//evil.example/{code}", "{code}"] {
            let text = ProgramTests.valid.replacingOccurrences(of: "link: https://shop.example/join?ref={code}", with: "link: \"\(link)\"")
            #expect {
                _ = try Program.parse(text, file: "program.yml")
            } throws: { error in
                "\(error)".hasPrefix("program.yml:16:9: referral.link:") && "\(error)".hasSuffix("is not an http(s) address")
            }
        }
    }

    @Test func duplicatedKeysAndInvalidUTF8AreReportedWithTheirLine() throws {
        let duplicated = ProgramTests.valid.replacingOccurrences(of: "currency: IRR", with: "currency: IRR\ncurrency: USD")
        #expect {
            _ = try Program.parse(duplicated, file: "program.yml")
        } throws: { error in
            "\(error)" == "program.yml:4:1: \"currency\": key appears twice in the same mapping"
        }
        var bytes = Array(ProgramTests.valid.utf8)
        let line3 = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
        bytes.insert(0xFF, at: line3 + 3)
        #expect {
            _ = try TextFile.decode(Data(bytes), file: "program.yml")
        } throws: { error in
            "\(error)" == "program.yml:3: the text is not valid UTF-8 (save the file as UTF-8)"
        }
    }

    @Test func quotedValuesAreShortAndOnOneLine() {
        #expect(Diagnostic.quote("a\nb\tc\u{0}d\"e") == "\"a\\nb\\tc\\u{0}d\\\"e\"")
        let long = Diagnostic.quote(String(repeating: "é", count: 500))
        #expect(long.count == Diagnostic.quotedLength + 3 && long.hasSuffix("…\""))
        let diagnostic = Diagnostic(SourceLocation(file: "f.csv", line: 2), field: "x", "broken\nacross lines")
        #expect(diagnostic.description == "f.csv:2: x: broken across lines")
    }
}

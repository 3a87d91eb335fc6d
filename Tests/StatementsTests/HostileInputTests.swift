import Foundation
import Testing
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// Input built to hurt: YAML that expands without end, keys and values too long to show, the
/// first days a calendar can name (issue 24).
@Suite struct HostileInputTests {
    /// `a` holds 9 strings, `b` nine `a`s, … : about 400 bytes that stand for 9^depth values.
    static func aliasBomb(depth: Int, asKey: Bool) -> String {
        var lines = ["a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]"]
        var previous = "a"
        for level in 1...depth {
            let name = String(UnicodeScalar(UInt8(97 + level)))
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        if asKey { lines.append("? *\(previous)\n: 1") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [(7, true), (8, true), (12, false)])
    func aliasesThatExpandWithoutEndAreRefusedAtOnce(depth: Int, asKey: Bool) throws {
        let started = Date()
        #expect {
            _ = try YAMLFields.parse(Self.aliasBomb(depth: depth, asKey: asKey), file: "content/program.yml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("content/program.yml:") && text.contains("aliases")
        }
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aFewAliasesStillWork() throws {
        var fields = try YAMLFields.parse("base: &b {x: 1}\ncopy: *b\n", file: "p.yml")
        #expect(fields.node("copy") != nil)
    }

    @Test func nestingTooDeepIsRefusedWithItsLine() throws {
        let deep = (0..<150).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        #expect {
            _ = try YAMLFields.parse(deep, file: "i18n.yml", lineOffset: 10)
        } throws: { error in
            "\(error)".hasPrefix("i18n.yml:111:") && "\(error)".contains("nests")
        }
    }

    @Test func aLongUnknownKeyIsShortened() throws {
        let key = String(repeating: "k", count: 1_000)
        var fields = try YAMLFields.parse("\(key): 1\n", file: "p.yml")
        _ = fields.node("known")
        #expect {
            try fields.rejectUnknownKeys()
        } throws: { error in
            "\(error)".utf8.count < 300 && "\(error)".contains("…")
        }
    }

    @Test func quotingStopsAtCombiningMarksToo() {
        let shown = Diagnostic.quote("a" + String(repeating: "\u{301}", count: 300_000))
        #expect(shown.unicodeScalars.count < 300)
    }

    @Test func historyDoesNotWrapAroundAtTheFirstMonth() throws {
        let first = try #require(Period(year: 1, month: 1))
        #expect(first.trailing(12).map(\.description) == ["0001-01"])
        let third = try #require(Period(year: 1, month: 3))
        #expect(third.trailing(12).map(\.description) == ["0001-01", "0001-02", "0001-03"])
        let usual = try #require(Period(year: 2026, month: 11))
        #expect(usual.trailing(12).count == 12)
    }

    static let program = """
        name: Test
        base_url: https://example.com/
        default_locale: en-US
        currency: USD
        tiers:
          - name: Bronze
            threshold: 0
        expiry:
          months: 24
          warning_days: 90
        referral:
          bonus_points: 0
          link: https://example.com/?r={code}
        mail:
          from: Test <t@example.com>

        """

    @Test func anUnsubscribeAddressMustFitOneHeaderLineAndItsSchemeIsCaseInsensitive() throws {
        let long = "https://example.com/u?t={unsubscribe_token}&pad=" + String(repeating: "x", count: 2_000)
        #expect {
            _ = try Program.parse(Self.program + "  unsubscribe: \(long)\n", file: "content/program.yml")
        } throws: { error in
            "\(error)".contains("too long for a mail header") && "\(error)".hasPrefix("content/program.yml:")
        }
        let upper = try Program.parse(Self.program + "  unsubscribe: HTTPS://example.com/u?t={unsubscribe_token}\n", file: "p.yml")
        #expect(upper.mail?.unsubscribe == "HTTPS://example.com/u?t={unsubscribe_token}")
    }
}

import Foundation
import Testing
import PunchcardStatements
import PunchcardSupport

@Suite struct ProgramTests {
    static let valid = """
        name: Saffron Rewards
        base_url: https://rewards.example
        default_locale: fa-IR
        currency: IRR
        tiers:
          - name: Bronze
            threshold: 0
            benefits: "- Free tea"
          - name: Gold
            threshold: 10_000
        expiry:
          months: 24
          warning_days: 90
        referral:
          bonus_points: 500
          link: https://shop.example/join?ref={code}
        """

    @Test func readsAValidProgram() throws {
        let program = try Program.parse(Self.valid, file: "program.yml")
        #expect(program.name == "Saffron Rewards")
        #expect(program.baseURL == "https://rewards.example/")
        #expect(program.defaultLocale == "fa-IR")
        #expect(program.pointsName == "points")
        #expect(program.billingCycle == .monthly)
        #expect(program.tiers.map(\.name) == ["Bronze", "Gold"])
        #expect(program.tiers.map(\.threshold) == [0, 10000])
        #expect(program.tiers[0].benefits == "- Free tea")
        #expect(program.expiry == .init(months: 24, warningDays: 90))
        #expect(program.referral.link(for: "X") == "https://shop.example/join?ref=X")
    }

    @Test func theExampleSitesProgramIsValid() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("content/program.yml")
        let program = try Program.load(from: url)
        #expect(program.tiers.map(\.threshold) == [0, 2500, 10000, 25000])
        #expect(program.expiry == .init(months: 24, warningDays: 90))
    }

    func problem(_ yaml: String) -> Diagnostic? {
        do {
            _ = try Program.parse(yaml, file: "content/program.yml")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyIsNamedWithItsLine() throws {
        let diagnostic = try #require(problem(Self.valid + "\ncolour: red\n"))
        #expect(diagnostic.field == "colour")
        #expect(diagnostic.location.line == 17)
        #expect(diagnostic.description.hasPrefix("content/program.yml:17:1: colour: unknown key"))
        #expect(diagnostic.message.contains("unknown key"))
    }

    @Test func unknownNestedKeyIsNamedWithItsPath() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    threshold: 0\n", with: "    threshold: 0\n    treshold: 4\n")
        let diagnostic = try #require(problem(yaml))
        #expect(diagnostic.field == "tiers[0].treshold")
    }

    @Test func badValuesNameTheirKeyAndLine() throws {
        let cases: [(String, String, String, Int)] = [
            ("threshold: 10_000", "threshold: lots", "tiers[1].threshold", 10),
            ("threshold: 10_000", "threshold: -5", "tiers[1].threshold", 10),
            ("threshold: 10_000", "threshold: 0", "tiers[1].threshold", 10),
            ("currency: IRR", "currency: rial", "currency", 4),
            ("default_locale: fa-IR", "default_locale: fa_IR", "default_locale", 3),
            ("link: https://shop.example/join?ref={code}", "link: https://shop.example/join", "referral.link", 16),
            ("months: 24", "months: 0", "expiry.months", 12),
            ("base_url: https://rewards.example", "base_url: rewards", "base_url", 2),
        ]
        for (original, replacement, field, line) in cases {
            let diagnostic = try #require(problem(Self.valid.replacingOccurrences(of: original, with: replacement)),
                                          "\(replacement) was accepted")
            #expect(diagnostic.field == field, "\(replacement)")
            #expect(diagnostic.location.line == line, "\(replacement)")
        }
    }

    @Test func missingKeysAreNamed() throws {
        let withoutName = Self.valid.replacingOccurrences(of: "name: Saffron Rewards\n", with: "")
        #expect(problem(withoutName)?.field == "name")
        let withoutTiers = String(Self.valid.prefix(upTo: Self.valid.range(of: "tiers:")!.lowerBound))
            + "expiry:\n  months: 24\nreferral:\n  link: x{code}\n"
        #expect(problem(withoutTiers)?.field == "tiers")
    }

    @Test func brokenYAMLGivesItsLocation() throws {
        let diagnostic = try #require(problem("name: [unclosed\nbase_url: x\n"))
        #expect(diagnostic.location.file == "content/program.yml")
        #expect(diagnostic.location.line != nil)
        #expect(diagnostic.message.contains("invalid YAML"))
    }
}

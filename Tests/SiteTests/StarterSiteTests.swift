import Foundation
import Testing
import PunchcardCalendars
import PunchcardCheck
import PunchcardSite
import PunchcardStarter
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// `punchcard init DIR && cd DIR && punchcard build` works on the first try, in the language
/// combinations Punchcard ships words for, with and without made-up members.
@Suite struct StarterSiteTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 5)!

    static func start(_ choices: StarterChoices) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-init-\(UUID().uuidString)")
        let root = parent.appendingPathComponent("site")
        _ = try StarterSite.write(choices, to: root, shownAs: "site", today: today)
        return root
    }

    /// A first build as `punchcard build` runs it in the new folder: the site's own store, made
    /// from content/data/.
    static func build(_ root: URL, calendar: BillingCalendar) throws -> BuildReport {
        try Site.build(BuildOptions(root: root, storePath: root.appendingPathComponent("members.sqlite").path,
                                    output: root.appendingPathComponent("output"),
                                    period: Period.lastEnded(asOf: today, calendar: calendar), threads: 2,
                                    mayCreateStore: true, today: today))
    }

    static let combinations: [(StarterChoices, BillingCalendar)] = [
        (StarterChoices(languages: ["en-US"], calendar: .gregorian, currency: "USD", example: true), .gregorian),
        (StarterChoices(name: "باشگاه کافه تهران", languages: ["fa-IR"], calendar: .persian, currency: "IRR",
                        baseURL: "https://club.example/", example: true), BillingCalendar(.persian)),
        (StarterChoices(name: "Tehran Café Club: \"Saffron\" & Co", languages: ["ar-SA", "en-US"], calendar: .islamicUmmAlQura,
                        currency: "SAR", example: true), BillingCalendar(.islamicUmmAlQura)),
    ]

    @Test(arguments: 0..<3) func aNewSiteWithMembersBuildsOnTheFirstTry(_ index: Int) throws {
        let (choices, calendar) = Self.combinations[index]
        let root = try Self.start(choices)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("templates").path))
        let report = try Self.build(root, calendar: calendar)
        #expect(report.importedExample?.membersAdded == 48)
        #expect(report.statements > 30, "\(report.statements) statements")
        // Everything translated: nothing to warn about.
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let home = try String(contentsOf: root.appendingPathComponent("output/index.html"), encoding: .utf8)
        let rightToLeft = choices.languages[0].hasPrefix("fa") || choices.languages[0].hasPrefix("ar")
        #expect(home.contains("dir=\"\(rightToLeft ? "rtl" : "ltr")\""))
        if let name = choices.name {
            #expect(home.contains(name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")))
        }
        for path in ["how-to-earn/index.html", "faq/index.html", "tiers/index.html", "offers/index.html", "assets/style.css"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/\(path)").path), "\(path)")
        }
        if choices.languages.count > 1 {
            let code = String(choices.languages[1].prefix(2))
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/\(code)/index.html").path))
        }
        // And `punchcard check` on it finds nothing wrong.
        let findings = SiteCheck.run(SiteCheck.Options(root: root, storePath: root.appendingPathComponent("members.sqlite").path,
                                                       storeIsDefault: true, today: Self.today))
        #expect(findings.errors.isEmpty, "\(findings.errors)")
        #expect(findings.warnings.isEmpty, "\(findings.warnings)")
    }

    @Test func aNewSiteWithoutMembersBuildsItsPublicPages() throws {
        let root = try Self.start(StarterChoices(languages: ["fa-IR", "en-US"], calendar: .persian, currency: "IRR"))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let findings = SiteCheck.run(SiteCheck.Options(root: root, storePath: root.appendingPathComponent("members.sqlite").path,
                                                       storeIsDefault: true, today: Self.today))
        #expect(findings.errors.isEmpty, "\(findings.errors)")
        let report = try Self.build(root, calendar: BillingCalendar(.persian))
        #expect(report.statements == 0)
        #expect(report.publicPages >= 10)
        let members = try String(contentsOf: root.appendingPathComponent("content/data/members.csv"), encoding: .utf8)
        #expect(members == "member_id,name,email,locale,joined_on,referred_by,status\n")
    }

    @Test func initNeverWritesOverASite() throws {
        let root = try Self.start(StarterChoices())
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let program = root.appendingPathComponent("content/program.yml")
        let before = try Data(contentsOf: program)
        #expect {
            try StarterSite.write(StarterChoices(languages: ["fa-IR"]), to: root, shownAs: "site", today: Self.today)
        } throws: { error in
            "\(error)".contains("site already has a site (content/)")
        }
        #expect(try Data(contentsOf: program) == before)
        // An empty folder, or one with other things in it, is fine.
        let other = root.deletingLastPathComponent().appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "notes\n".write(to: other.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "*.log\n".write(to: other.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        _ = try StarterSite.write(StarterChoices(), to: other, shownAs: "repo", today: Self.today)
        #expect(try String(contentsOf: other.appendingPathComponent("README.md"), encoding: .utf8) == "notes\n")
        let ignore = try String(contentsOf: other.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.hasPrefix("*.log\n") && ignore.contains("/members.sqlite"))
    }

    @Test func choicesAreCheckedWhereTheyAreGiven() {
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.languages("de-DE") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.languages("fa-IR,fa-AF") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.languages("Persian") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.calendar("lunar") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.currency("XYZW") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.baseURL("ftp://x.example/") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.name("Two\nlines") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.name("  ") }
        #expect(throws: StarterChoices.Problem.self) { try StarterChoices.name(String(repeating: "x", count: 201)) }
        #expect((try? StarterChoices.name(" Café \"Narenj\", Tehran ")) == "Café \"Narenj\", Tehran")
        #expect((try? StarterChoices.languages("fa-IR, en-US")) == ["fa-IR", "en-US"])
        #expect((try? StarterChoices.calendar("Islamic-UmAlQura")) == .islamicUmmAlQura)
        #expect((try? StarterChoices.currency("irr")) == "IRR")
        #expect((try? StarterChoices.baseURL("https://club.example")) == "https://club.example/")
        #expect(StarterChoices.defaults(for: ["fa-IR"]) == (.persian, "IRR"))
    }

    @Test func theExampleDataIsTheSameForTheSameChoices() {
        let choices = StarterChoices(languages: ["ar-SA", "en-US"], example: true)
        let first = StarterSite.files(choices, today: Self.today)
        let second = StarterSite.files(choices, today: Self.today)
        #expect(first.map(\.text) == second.map(\.text))
        let ledger = first.first { $0.path == "content/data/ledger.csv" }?.text ?? ""
        #expect(ledger.split(separator: "\n").count > 300)
        #expect(!ledger.contains(Self.today.description)) // nothing posted today or later
    }

    @Test func checkListsEveryProblemWithItsLineAndWritesNothing() throws {
        let root = try Self.start(StarterChoices(languages: ["en-US", "fa-IR"], example: true))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates/partials"), withIntermediateDirectories: true)
        try "<footer>{{#no_such_list}}x{{/no_such_list}}</footer>\n"
            .write(to: root.appendingPathComponent("templates/partials/footer.mustache"), atomically: true, encoding: .utf8)
        let members = root.appendingPathComponent("content/data/members.csv")
        try (try String(contentsOf: members, encoding: .utf8) + "M9999,Broken,b@example.com,en-US,2026-13-01,,active\n")
            .write(to: members, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/faq.fa.md"))
        let before = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        let store = root.appendingPathComponent("members.sqlite").path
        let findings = SiteCheck.run(SiteCheck.Options(root: root, storePath: store, storeIsDefault: true, today: Self.today))
        #expect(findings.errors.count == 2, "\(findings.errors)")
        #expect(findings.errors.contains { $0.hasPrefix("templates/partials/footer.mustache:1:") && $0.contains("no_such_list") })
        #expect(findings.errors.contains { $0.hasPrefix("content/data/members.csv:50:") && $0.contains("joined_on") })
        // The missing translation is a gap, not an error (`--strict` makes it one).
        #expect(findings.warnings.contains { $0.contains("faq.fa.md") }, "\(findings.warnings)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: store))

        // A store given by name that is not there is an error naming it.
        let missing = SiteCheck.run(SiteCheck.Options(root: root, storePath: root.appendingPathComponent("nope.sqlite").path,
                                                      storeIsDefault: false, today: Self.today))
        #expect(missing.errors.contains { $0.contains("nope.sqlite") })
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("nope.sqlite").path))
    }

    @Test func checkReadsAStoreWithoutUpgradingIt() throws {
        let root = try Self.start(StarterChoices(example: true))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let storePath = root.appendingPathComponent("members.sqlite").path
        _ = try Self.build(root, calendar: .gregorian)
        let inspection = try MemberStore.inspect(path: storePath)
        #expect(inspection.isCurrent && inspection.applied > 5)
        let before = try Data(contentsOf: URL(fileURLWithPath: storePath))
        let findings = SiteCheck.run(SiteCheck.Options(root: root, storePath: storePath, storeIsDefault: true, today: Self.today))
        #expect(findings.errors.isEmpty, "\(findings.errors)")
        #expect(findings.checked.contains { $0.contains("member store") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: storePath)) == before)
    }

    @Test func choicesThatMakeAnUnreadableProgramAreRefusedBeforeAnythingIsWritten() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let long = StarterChoices(baseURL: "https://club.example/" + String(repeating: "a", count: 2_000) + "/")
        #expect {
            try StarterSite.write(long, to: parent.appendingPathComponent("site"), shownAs: "site", today: Self.today)
        } throws: { error in
            "\(error)".contains("mail.unsubscribe") && "\(error)".contains("nothing was written")
        }
        #expect(!FileManager.default.fileExists(atPath: parent.path))
        // A file where a folder should be is said plainly.
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try "x".write(to: parent.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        #expect {
            try StarterSite.write(StarterChoices(), to: parent.appendingPathComponent("file/site"), shownAs: "file/site", today: Self.today)
        } throws: { error in
            "\(error)".contains("is a file, not a folder")
        }
    }
}

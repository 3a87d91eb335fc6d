import Foundation
import Testing
@testable import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct IncrementalBuildTests {
    /// Modification times of every file in the output.
    func stamps(_ site: SiteFixture) throws -> [String: Date] {
        var result: [String: Date] = [:]
        for file in site.outputFiles() {
            result[file] = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(file).path)[.modificationDate] as? Date
        }
        return result
    }

    func changed(_ before: [String: Date], _ after: [String: Date]) -> Set<String> {
        Set(after.keys.filter { before[$0] != after[$0] })
    }

    @Test func nothingChangedWritesNothing() throws {
        let site = try SiteFixture()
        let first = try site.build()
        #expect(first.filesUnchanged == 0)
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        let again = try site.build()
        #expect(again.filesWritten == 0)
        #expect(again.filesUnchanged == first.filesWritten)
        #expect(changed(before, try stamps(site)).isEmpty)
    }

    @Test func aLedgerCorrectionRewritesThatMemberAndTheirReferrer() throws {
        let site = try SiteFixture()
        try site.build()
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        // QUIET gets a new row; FA's join date moves after the period, which shows on EN's page
        // through the referral count (EN counts one friend fewer), and takes FA's page away.
        _ = try site.store().importCSV(
            members: try site.importFile("fix-members.csv", "member_id,name,joined_on\nFA,سارا رضایی,2026-11-05\n"),
            ledger: try site.importFile("fix-ledger.csv", "txn_id,member_id,posted_on,kind,points\nFIX1,QUIET,2026-10-20,adjust,50\n"))
        let report = try site.build()
        let quiet = try site.token("QUIET"), english = try site.token("EN"), persian = try site.token("FA")
        let expected: Set<String> = [
            "m/\(quiet)/index.html", "m/\(quiet)/2026-10.html",
            "m/\(english)/index.html", "m/\(english)/2026-10.html",
        ]
        #expect(changed(before, try stamps(site)) == expected)
        #expect(report.filesWritten == 4)
        #expect(report.notYetMembers == 1)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("m/\(persian)").path))
        #expect(try site.statementPage("QUIET").contains("<p class=\"big\"><bdi>150</bdi>"))
        #expect(try site.statementPage("EN").contains("<dt>Friends who joined</dt><dd><bdi>1</bdi></dd>"))
    }

    @Test func aTemplateChangeRewritesThePagesThatUseIt() throws {
        let site = try SiteFixture()
        try site.build()
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        let statement = try String(contentsOf: site.root.appendingPathComponent("templates/statement.mustache"), encoding: .utf8)
        try site.write("templates/statement.mustache", statement.replacingOccurrences(of: "<article class=\"statement", with: "<article data-v=\"2\" class=\"statement"))
        try site.build()
        let rewritten = changed(before, try stamps(site))
        #expect(rewritten == Set(before.keys.filter { $0.hasPrefix("m/") }))
        #expect(try site.statementPage("TOP").contains("data-v=\"2\""))

        // The home page's template is not used by statements.
        let middle = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        let page = try String(contentsOf: site.root.appendingPathComponent("templates/page.mustache"), encoding: .utf8)
        try site.write("templates/page.mustache", page.replacingOccurrences(of: "<article class=\"page", with: "<article data-v=\"3\" class=\"page"))
        try site.build()
        #expect(changed(middle, try stamps(site)) == ["index.html", "faq/index.html"])
    }

    @Test func anOfferChangeRewritesTheStatementsThatShowIt() throws {
        let offer = """
            ---
            title: Gold evening
            tiers: [Gold]
            public_from: 2026-11-01
            ends: 2027-01-31
            ---
            First text.
            """
        let site = try SiteFixture(offers: ["gold": offer])
        try site.build()
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        try site.write("content/offers/gold.md", offer.replacingOccurrences(of: "First text.", with: "Second text."))
        try site.build()
        // TOP and FA are the Gold members; nobody else sees the offer on their statement.
        let top = try site.token("TOP"), persian = try site.token("FA")
        let rewritten = changed(before, try stamps(site))
        #expect(rewritten == ["m/\(top)/index.html", "m/\(top)/2026-10.html", "m/\(persian)/index.html",
                              "m/\(persian)/2026-10.html", "offers/index.html"], "\(rewritten.sorted())")
        #expect(try site.statementPage("TOP").contains("Second text."))
    }

    @Test func deletedPagesAreWrittenAgain() throws {
        let site = try SiteFixture()
        try site.build()
        let token = try site.token("EN")
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("m/\(token)"))
        let report = try site.build()
        #expect(report.filesWritten == 2)
        #expect(try site.statementPage("EN").contains("1,500"))
    }

    @Test func aSecondBuildAtTheSameTimeRefuses() throws {
        let site = try SiteFixture()
        var holding: BuildRecord? = try BuildRecord(root: site.root, output: site.output)
        #expect {
            try site.build()
        } throws: { error in
            "\(error)".contains("another build of this site")
        }
        #expect(holding != nil)
        holding = nil
        try site.build() // the lock is free again
    }
}

/// No version number to bump: the code that renders pages is in their fingerprint (`CodeVersion`).
extension IncrementalBuildTests {
    func build(_ site: SiteFixture, code: String) throws -> BuildReport {
        var options = site.options()
        options.codeVersion = code
        return try Site.build(options)
    }

    /// New code that renders every page as before re-renders them once and writes none.
    @Test func anUpgradeThatChangesNothingWritesNothing() throws {
        let site = try SiteFixture()
        let first = try build(site, code: "release-1")
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)
        let upgraded = try build(site, code: "release-2")
        #expect(upgraded.filesWritten == 0)
        #expect(upgraded.filesUnchanged == first.filesWritten)
        #expect(try stamps(site) == before)
    }

    /// New code that changes some pages' bytes rewrites exactly those. (The change stands in for a
    /// page made differently: one member's page on disk no longer holds what the code renders.)
    @Test func anUpgradeRewritesExactlyThePagesItChanges() throws {
        let site = try SiteFixture()
        try build(site, code: "release-1")
        let token = try site.token("QUIET")
        let page = site.output.appendingPathComponent("m/\(token)/2026-10.html")
        let rendered = try String(contentsOf: page, encoding: .utf8)
        // Written as new files (not in place), as an earlier release's pages were.
        try FileManager.default.removeItem(at: page)
        try (rendered + "<!-- an earlier release -->").write(to: page, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("m/\(token)/index.html"))
        try FileManager.default.linkItem(at: page, to: site.output.appendingPathComponent("m/\(token)/index.html"))
        let before = try stamps(site)
        Thread.sleep(forTimeInterval: 0.02)

        // The same code again: its fingerprints vouch for every page, nothing is looked at.
        #expect(try build(site, code: "release-1").filesWritten == 0)
        let upgraded = try build(site, code: "release-2")
        let changed = Set(try stamps(site).filter { before[$0.key] != $0.value }.keys)
        #expect(changed == ["m/\(token)/2026-10.html", "m/\(token)/index.html"])
        #expect(upgraded.filesWritten == 2)
        #expect(try String(contentsOf: page, encoding: .utf8) == rendered)
    }

    /// The running program's version is a hash of its file.
    @Test func theRunningProgramHasAVersionKeptBetweenCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("code-version-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let version = CodeVersion.current(cacheFolder: folder)
        #expect(version.count == 64)
        #expect(version != CodeVersion.fallback)
        #expect(CodeVersion.current(cacheFolder: folder) == version)
    }
}

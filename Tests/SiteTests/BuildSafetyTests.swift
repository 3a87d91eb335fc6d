import Foundation
import GRDB
import Testing
@testable import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Operator mistakes and interrupted runs never destroy or mislead: each test reproduces one.
@Suite struct BuildSafetyTests {
    func files(_ site: SiteFixture) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in site.outputFiles() { result[file] = FileManager.default.contents(atPath: site.output.appendingPathComponent(file).path) }
        return result
    }

    @Test func aMistypedStoreIsRefusedAndTheSiteKept() throws {
        let site = try SiteFixture()
        try site.build()
        let before = files(site)
        var options = site.options()
        options.storePath = site.root.appendingPathComponent("membres.sqlite").path
        #expect {
            try Site.build(options)
        } throws: { error in
            "\(error)".contains("membres.sqlite: no member store there")
        }
        #expect(!FileManager.default.fileExists(atPath: options.storePath))
        #expect(files(site) == before)
    }

    @Test func onlyTheSitesDefaultStoreIsCreatedFromTheExampleData() throws {
        let site = try SiteFixture()
        try site.write("content/data/members.csv", "member_id,name,joined_on\nX1,Example,2024-01-01\n")
        var options = site.options()
        options.storePath = site.root.appendingPathComponent("fresh.sqlite").path
        #expect {
            try Site.build(options)
        } throws: { error in
            "\(error)".contains("fresh.sqlite: no member store there")
        }
        options.mayCreateStore = true
        let report = try Site.build(options)
        #expect(report.importedExample?.membersAdded == 1)
    }

    @Test func aBuildThatWouldDeleteManyStatementsRefuses() throws {
        let site = try SiteFixture()
        // Another store, with 20 other members, built first.
        let other = site.root.appendingPathComponent("other.sqlite").path
        var members = "member_id,name,joined_on\n"
        for index in 0..<20 { members += "N\(index),Someone \(index),2024-01-01\n" }
        _ = try MemberStore(creatingAt: other).importCSV(members: try site.importFile("others.csv", members))
        var options = site.options()
        options.storePath = other
        try Site.build(options)
        let published = site.outputFiles()

        // The site's own store now: all 20 published folders would go.
        options.storePath = site.storePath
        #expect {
            try Site.build(options)
        } throws: { error in
            "\(error)".hasPrefix("this build would delete 20 of the 20 published statement folders (100 %)")
                && "\(error)".contains("Nothing was written") && "\(error)".contains("--allow-delete")
        }
        #expect(site.outputFiles() == published)
        let allowed = try Site.build(options.with { $0.allowDelete = true })
        #expect(allowed.removed == 20)

        // Fewer than ten folders to remove is not a mass deletion.
        options.storePath = other
        #expect(try Site.build(options).removed == 5)
    }

    @Test func aPeriodThatHasNotEndedIsRefusedUnlessAskedAndThenMarked() throws {
        let site = try SiteFixture()
        let today = CalendarDate(year: 2026, month: 11, day: 23)!
        for period in ["2026-11", "2026-12"] {
            #expect {
                try Site.build(site.options(period, today: today))
            } throws: { error in
                "\(error)".hasPrefix("\(period) has not ended yet") && "\(error)".contains("--preview-unfinished")
            }
        }
        #expect(site.outputFiles().isEmpty)
        let report = try Site.build(site.options("2026-11", today: today, allowUnfinished: true))
        #expect(report.provisional)
        #expect(try site.statementPage("EN").contains("class=\"notice provisional\""))
        // Built again once it has ended, the pages lose the mark.
        try Site.build(site.options("2026-11", today: CalendarDate(year: 2026, month: 12, day: 1)!))
        #expect(try !site.statementPage("EN").contains("notice provisional"))
    }

    @Test func unpublishWithdrawsAPeriodAndRestoresTheLatestPage() throws {
        let site = try SiteFixture()
        try site.build("2026-09")
        let september = try site.statementPage("EN")
        try site.build("2026-10")
        #expect(try site.statementPage("EN").contains("href=\"2026-09.html\"")) // linked as an earlier statement
        let report = try Site.unpublish(site.options("2026-10"))
        #expect(report.latest == Period("2026-09"))
        #expect(try site.statementPage("EN") == september)
        #expect(!site.outputFiles().contains { $0.contains("2026-10") })
        #expect(try Site.publishedPeriods(root: site.root, output: site.output, calendar: .gregorian).map(\.period) == [Period("2026-09")!])
        #expect(throws: BuildRefusal.self) { try Site.unpublish(site.options("2026-10")) }
    }

    @Test func aCorrectionInAnEarlierPeriodRefreshesEveryLaterPublishedPage() throws {
        let site = try SiteFixture()
        try site.build("2026-09")
        try site.build("2026-10")
        _ = try site.store().importCSV(ledger: try site.importFile(
            "fix.csv", "txn_id,member_id,posted_on,kind,points\nFIX,EN,2026-09-15,adjust,-100\n"))
        let report = try site.build("2026-09")
        #expect(report.filesRefreshed == 2) // EN's October copy and latest page
        let program = try Program.load(from: site.root.appendingPathComponent("content/program.yml"))
        for period in ["2026-09", "2026-10"] {
            let expected = try site.store().statement(for: "EN", program: program, period: Period(period)!)
            let page = try site.statementPage("EN", period: period)
            #expect(page.contains("<p class=\"big\"><bdi>\(expected.closingBalance.formatted())</bdi>"), "\(period)")
        }
        #expect(try site.statementPage("EN").contains("<p class=\"big\"><bdi>1,400</bdi>"))
    }

    @Test func membersWhoJoinedLaterGetNoPageAndClosedAccountsAFinalStatement() throws {
        let offer = "---\ntitle: Gold evening\ntiers: [Gold]\npublic_from: 2026-11-01\nends: 2027-01-31\n---\nFor Gold.\n"
        let site = try SiteFixture(offers: ["gold": offer])
        _ = try site.store().importCSV(members: try site.importFile(
            "more.csv", "member_id,name,joined_on,status\nLATE,Late Joiner,2026-11-02,active\nTOP,Top Member,2023-01-01,closed\n"))
        let report = try site.build()
        #expect(report.notYetMembers == 1)
        #expect(!site.outputFiles().contains { $0.contains(try! site.token("LATE")) })
        let closed = try site.statementPage("TOP")
        #expect(closed.contains("class=\"notice closed\""))
        #expect(!closed.contains("Gold evening") && !closed.contains("referral-heading"))
        #expect(try site.statementPage("FA").contains("Gold evening")) // an active Gold member still sees it
    }

    @Test func theNextBuildRepairsPagesAnInterruptedBuildLeft() throws {
        let site = try SiteFixture()
        try site.build()
        let token = try site.token("QUIET")
        let page = site.output.appendingPathComponent("m/\(token)/index.html")
        let good = try Data(contentsOf: page)
        // What a build killed after a template edit leaves: a page written with the abandoned
        // edit that the record never saw, a half-written temporary file, and its run unfinished.
        try Data("<p>abandoned edit</p>".utf8).write(to: page)
        let temporary = site.output.appendingPathComponent("m/\(token)/.index.html.\(Self.deadProcessID()).tmp")
        try Data("<p>half".utf8).write(to: temporary)
        let record = site.root.appendingPathComponent(".punchcard").path
        let recordFile = try FileManager.default.contentsOfDirectory(atPath: record).first { $0.hasSuffix(".sqlite") }!
        // Waits for the build's own connections to let go (they close, and checkpoint, as they go away).
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        try DatabaseQueue(path: record + "/" + recordFile, configuration: configuration).write { db in
            try db.execute(sql: "INSERT INTO runs (period, started, pid, mark) VALUES ('2026-10', 'now', 1, '~')")
        }
        let report = try site.build()
        #expect(report.recovered)
        #expect(try Data(contentsOf: page) == good)
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        // Without the unfinished run, the record vouches for the page: the mechanism is what repairs it.
        try Data("<p>abandoned edit</p>".utf8).write(to: page)
        try site.build()
        #expect(try Data(contentsOf: page) != good)
    }

    @Test func aSecondBuildRefusesNamingTheProcessThatHoldsTheLock() throws {
        let site = try SiteFixture()
        let holding = try BuildRecord(root: site.root, output: site.output)
        #expect {
            try site.build()
        } throws: { error in
            "\(error)".contains("(process \(getpid()), started ") && "\(error)".contains("never stale")
        }
        withExtendedLifetime(holding) {}
    }

    @Test func statementAddressesNeverLeak() throws {
        let site = try SiteFixture()
        try site.build()
        let tokens = try ["EN", "FA", "HOSTILE", "QUIET", "TOP"].map { try site.token($0) }
        for file in site.outputFiles() {
            let text = try site.page(file)
            if file.hasSuffix(".html") { #expect(text.contains("<meta name=\"referrer\" content=\"no-referrer\">"), "\(file)") }
            guard !file.hasPrefix("m/") else { continue }
            #expect(!tokens.contains { text.contains($0) }, "\(file) names a statement address")
        }
        let statement = try site.statementPage("EN")
        #expect(statement.contains("rel=\"noreferrer noopener\""))
        let style = try site.page("assets/style.css")
        #expect(style.contains("@page { margin: 0; }"))
    }

    @Test func linksListOnlyMembersWithAPageAndNeutraliseFormulas() throws {
        let site = try SiteFixture()
        _ = try site.store().importCSV(members: try site.importFile(
            "more.csv", "member_id,name,joined_on\nLATE,Late Joiner,2026-11-02\nFORMULA,=HYPERLINK(\"x\"),2024-01-01\n"))
        #expect(StatementLinks.refusal(period: nil, published: [], output: "out") == "nothing was built into out yet: run `punchcard build` first")
        try site.build()
        #expect(StatementLinks.refusal(period: Period("2026-09"), published: [Period("2026-10")!], output: "out")
                == "2026-09 was never built into out (built: 2026-10); build it first")
        let program = try Program.load(from: site.root.appendingPathComponent("content/program.yml"))
        var rows: [[String]] = []
        try StatementLinks.forEachRow(store: try site.store(), program: program, period: Period("2026-10")!, latest: false) { rows.append($0) }
        #expect(rows.map { $0[0] } == ["EN", "FA", "FORMULA", "HOSTILE", "QUIET", "TOP"])
        let english = rows[0]
        #expect(english[4] == "active" && english[5] == "Bronze" && english[6] == "1500")
        #expect(english[8].hasSuffix("/2026-10.html"))
        #expect(rows[2][1] == "'=HYPERLINK(\"x\")")
        #expect(SpreadsheetCell.safe("-5") == "'-5" && SpreadsheetCell.safe("@x") == "'@x" && SpreadsheetCell.safe("Ann") == "Ann")
    }

    static func deadProcessID() -> Int32 {
        var pid: Int32 = 4_000_000
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        return pid
    }
}

extension BuildOptions {
    func with(_ change: (inout BuildOptions) -> Void) -> BuildOptions {
        var copy = self
        change(&copy)
        return copy
    }
}

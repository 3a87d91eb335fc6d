import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct StatementPageTests {
    @Test func numbersMatchTheStatementEngine() throws {
        let site = try SiteFixture()
        try site.build()
        let program = try Program.load(from: site.root.appendingPathComponent("content/program.yml"))
        let statement = try site.store().statement(for: "EN", program: program, period: Period("2026-10")!)
        #expect(statement.closingBalance == 1500 && statement.openingBalance == 1200)
        let html = try site.statementPage("EN")
        // The balance, each line of the summary, and the tier progress, as the member reads them.
        #expect(html.contains("<p class=\"big\"><bdi>1,500</bdi>"))
        #expect(html.contains("<th scope=\"row\">Opening balance</th><td class=\"num\"><bdi>1,200</bdi>"))
        #expect(html.contains("<th scope=\"row\">Earned</th><td class=\"num\"><bdi>+300</bdi>"))
        #expect(html.contains("<th scope=\"row\">Bonus and referral</th><td class=\"num\"><bdi>+500</bdi>"))
        #expect(html.contains("<th scope=\"row\">Redeemed</th><td class=\"num\"><bdi>−500</bdi>"))
        #expect(html.contains("<th scope=\"row\">Closing balance</th><td class=\"num\"><bdi>1,500</bdi>"))
        #expect(html.contains("<progress id=\"tier-progress\" value=\"\(statement.qualifyingPoints)\" max=\"2500\">"))
        #expect(html.contains("\(statement.pointsToNextTier!.formatted()) points to Silver"))
        #expect(html.contains("<code>\(statement.referral.code)</code>"))
        #expect(html.contains("<dt>Friends who joined</dt><dd><bdi>2</bdi></dd>"))
        // The period's activity, signed, newest rows included and older ones not.
        #expect(html.contains("<td class=\"num points\"><bdi>−500</bdi></td>") || html.contains("<td class=\"num points\"><bdi>-500</bdi></td>"))
        #expect(html.contains("Free coffee"))
        #expect(!html.contains("Store purchase"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(html.contains("<html lang=\"en-US\" dir=\"ltr\">"))
    }

    @Test func hostileTextIsEscapedAndIntact() throws {
        let site = try SiteFixture()
        try site.build()
        let html = try site.statementPage("HOSTILE")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Quote&quot; &#39;Apos&#39; 🎉 زهرا"))
        #expect(html.contains("&lt;/td&gt;&lt;script&gt;bad()&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        let english = try site.statementPage("EN")
        #expect(english.contains("&lt;b&gt;Bold&lt;/b&gt; order"))
        // Markdown from the program is rendered safe: raw HTML in a tier's benefits is dropped.
        let top = try site.statementPage("TOP")
        #expect(top.contains("Gold perk"))
        #expect(!top.contains("<script"))
        #expect(!(try site.page("index.html")).contains("<script"))
    }

    @Test func rightToLeftMembersGetTheirLanguageDigitsAndDirection() throws {
        let site = try SiteFixture()
        try site.build()
        let persian = try site.statementPage("FA")
        #expect(persian.contains("<html lang=\"fa-IR\" dir=\"rtl\">"))
        #expect(persian.contains("۱٬۲۳۴٬۵۶۷")) // the closing balance in Persian digits
        #expect(persian.contains("موجودی پایان دوره"))
        #expect(persian.contains("سارا رضایی"))
        // Content in the program's language keeps its own direction inside the page.
        #expect(persian.contains("lang=\"en-US\" dir=\"ltr\""))
        let arabic = try site.statementPage("TOP")
        #expect(arabic.contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
        #expect(arabic.contains("١٥٬٠٠٠"))
    }

    @Test func quietAndTopTierMembersRenderSensibly() throws {
        let site = try SiteFixture()
        try site.build()
        let quiet = try site.statementPage("QUIET")
        #expect(quiet.contains("No activity this period."))
        #expect(quiet.contains("<p class=\"big\"><bdi>100</bdi>"))
        #expect(!quiet.contains("Points about to expire"))
        let top = try site.statementPage("TOP")
        #expect(top.contains("أنت في أعلى فئة لدينا")) // "You are at our top tier", in Arabic
        #expect(!top.contains("<progress"))
        #expect(top.contains("tier-gold"))
    }

    @Test func earlierStatementsAreKeptAndLinked() throws {
        let site = try SiteFixture()
        try site.build("2026-09")
        try site.build("2026-10")
        // The latest page is the period's page under a second name: one file, the same links.
        let token = try site.token("EN")
        let latest = try site.statementPage("EN")
        #expect(!latest.contains("<base"))
        #expect(latest.contains("<a href=\"2026-09.html\">"))
        #expect(latest == (try site.statementPage("EN", period: "2026-10")))
        #expect(try site.inode("m/\(token)/index.html") == (try site.inode("m/\(token)/2026-10.html")))
        #expect(try site.inode("m/\(token)/2026-09.html") != (try site.inode("m/\(token)/2026-10.html")))
        let archived = try site.statementPage("EN", period: "2026-10")
        #expect(archived.contains("<a href=\"index.html\">Latest statement</a>"))
        #expect(archived.contains("href=\"../../assets/style.css\""))
        #expect(site.outputFiles().filter { $0.hasPrefix("m/\(token)/") }.sorted()
                == ["m/\(token)/2026-09.html", "m/\(token)/2026-10.html", "m/\(token)/index.html"])
        let september = try site.statementPage("EN", period: "2026-09")
        #expect(september.contains("<p class=\"big\"><bdi>1,200</bdi>"))
        // Building an older period again leaves the latest page on the newer one.
        try site.build("2026-09")
        #expect(try site.statementPage("EN").contains("<p class=\"big\"><bdi>1,500</bdi>"))
        #expect(try site.inode("m/\(token)/index.html") == (try site.inode("m/\(token)/2026-10.html")))
    }

    /// Earlier releases wrote `m/<token>/<YYYY-MM>/index.html` and a separate latest copy. The
    /// first build after the upgrade writes each period's page beside its folder and leaves a
    /// redirect in the folder, so old links and bookmarks keep working.
    @Test func anEarlierReleasesPeriodFoldersBecomeRedirects() throws {
        let site = try SiteFixture()
        try site.build("2026-09")
        try site.build("2026-10")
        let files = FileManager.default
        let members = site.output.appendingPathComponent("m")
        for token in try files.contentsOfDirectory(atPath: members.path) {
            let folder = members.appendingPathComponent(token)
            for name in try files.contentsOfDirectory(atPath: folder.path) where name != "index.html" {
                let periodFolder = folder.appendingPathComponent(String(name.dropLast(".html".count)))
                try files.createDirectory(at: periodFolder, withIntermediateDirectories: true)
                try files.moveItem(at: folder.appendingPathComponent(name), to: periodFolder.appendingPathComponent("index.html"))
            }
            let latest = folder.appendingPathComponent("index.html")
            let bytes = try Data(contentsOf: latest)
            try files.removeItem(at: latest)
            try bytes.write(to: latest)
        }
        // An upgrade changes every page's fingerprint (its format version); a template change does here.
        let template = try String(contentsOf: site.root.appendingPathComponent("templates/statement.mustache"), encoding: .utf8)
        try site.write("templates/statement.mustache", template + "{{! upgraded }}\n")
        try site.build("2026-10")

        let token = try site.token("EN")
        #expect(site.outputFiles().filter { $0.hasPrefix("m/\(token)/") }.sorted() == [
            "m/\(token)/2026-09.html", "m/\(token)/2026-09/index.html",
            "m/\(token)/2026-10.html", "m/\(token)/2026-10/index.html", "m/\(token)/index.html"])
        #expect(try site.statementPage("EN", period: "2026-09").contains("<p class=\"big\"><bdi>1,200</bdi>"))
        #expect(try site.inode("m/\(token)/index.html") == (try site.inode("m/\(token)/2026-10.html")))
        let redirect = try site.page("m/\(token)/2026-09/index.html")
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../2026-09.html\">"))
        #expect(redirect.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
        #expect(redirect.contains("noindex"))
        // Migrated once: the next build has nothing left to do.
        #expect(try site.build("2026-10").filesWritten == 0)
        // Withdrawing a period takes its old folder too.
        try Site.unpublish(site.options("2026-10"))
        #expect(!site.outputFiles().contains { $0.contains("2026-10") })
        #expect(try site.inode("m/\(token)/index.html") == (try site.inode("m/\(token)/2026-09.html")))
    }

    @Test func rotatingATokenMovesTheMembersPages() throws {
        let site = try SiteFixture()
        try site.build("2026-09")
        try site.build("2026-10")
        let old = try site.token("EN")
        let new = try site.store().rotateToken(of: "EN")
        #expect(new != old && MemberToken.isWellFormed(new))
        try site.build("2026-10")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("m/\(old)").path))
        #expect(try site.statementPage("EN").contains("<a href=\"2026-09.html\">"))
        #expect(try site.statementPage("EN", period: "2026-09").contains("1,200"))
        #expect(try site.store().retiredTokens().isEmpty)
    }

    @Test func pagesOfTokensNoMemberHoldsAreRemoved() throws {
        let site = try SiteFixture()
        try site.build()
        let stray = site.output.appendingPathComponent("m/AAAAAAAAAAAAAAAAAAAAAA")
        try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stray.appendingPathComponent("index.html"))
        let report = try site.build()
        #expect(report.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("m/\(try site.token("EN"))/index.html").path))
    }
}

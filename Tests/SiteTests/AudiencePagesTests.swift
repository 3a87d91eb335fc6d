import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Offers for the member in front of you: `audience:` decides whose statement shows an offer
/// (never a public page), members' own columns reach templates escaped and rewrite the page when
/// they change, and an audience naming a column no member has stops the build at its line.
@Suite struct AudiencePagesTests {
    static let offers = [
        "tea-lovers": """
            ---
            title: For tea lovers
            public_from: 2026-01-01
            ends: 2027-12-31
            audience:
              attributes:
                drink: Tea
            ---
            A new blend.
            """,
        "welcome": """
            ---
            title: Welcome aboard
            public_from: 2026-01-01
            ends: 2027-12-31
            audience:
              joined_within_days: 400
              min_balance: 100
            ---
            Double points.
            """,
    ]

    static func site() throws -> SiteFixture {
        let site = try SiteFixture(offers: offers)
        _ = try site.store().importCSV(members: try site.importFile("extra.csv", """
            member_id,name,joined_on,drink
            EN,Alice Smith,2024-01-15,Tea
            FA,سارا رضایی,2024-02-01,"<b>Coffee</b>"

            """))
        let statement = try String(contentsOf: site.root.appendingPathComponent("templates/statement.mustache"), encoding: .utf8)
        try site.write("templates/statement.mustache", statement.replacingOccurrences(
            of: "<h1><bdi>{{member_name}}</bdi></h1>",
            with: "<h1><bdi>{{member_name}}</bdi></h1>{{#member.attributes.drink}}<p class=\"drink\">{{member.attributes.drink}}</p>{{/member.attributes.drink}}"))
        return site
    }

    @Test func offersGoToTheirAudienceOnly() throws {
        let site = try Self.site()
        try site.build()
        #expect(try site.statementPage("EN").contains("For tea lovers"))
        #expect(try !site.statementPage("FA").contains("For tea lovers"))
        // TOP joined in 2023 (more than 400 days before Oct 31, 2026): not new.
        #expect(try !site.statementPage("TOP").contains("Welcome aboard"))
        for file in ["offers/index.html", "sitemap.xml", "index.html"] {
            let text = try site.page(file)
            #expect(!text.contains("For tea lovers") && !text.contains("Welcome aboard"), "\(file)")
        }
    }

    @Test func membersColumnsReachTemplatesEscapedAndRewriteThePage() throws {
        let site = try Self.site()
        try site.build()
        #expect(try site.statementPage("EN").contains("<p class=\"drink\">Tea</p>"))
        #expect(try site.statementPage("FA").contains("<p class=\"drink\">&lt;b&gt;Coffee&lt;/b&gt;</p>"))
        #expect(try !site.statementPage("QUIET").contains("class=\"drink\"")) // no value: the section is absent
        _ = try site.store().importCSV(members: try site.importFile("extra2.csv", """
            member_id,name,joined_on,drink
            FA,سارا رضایی,2024-02-01,Tea

            """))
        let report = try site.build()
        let sara = try site.statementPage("FA")
        #expect(sara.contains("<p class=\"drink\">Tea</p>") && sara.contains("For tea lovers"))
        #expect(report.filesWritten == 2)
    }

    @Test func anAudienceColumnNoMemberHasStopsTheBuild() throws {
        let site = try Self.site()
        try site.write("content/offers/tea-lovers.md", Self.offers["tea-lovers"]!.replacingOccurrences(of: "drink: Tea", with: "drnk: Tea"))
        do {
            try site.build()
            Issue.record("the build went on")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location.file == "content/offers/tea-lovers.md" && diagnostic.location.line == 7)
            #expect(diagnostic.message.contains("\"drnk\""))
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))

        // Declared under member_columns:, a column no member has yet is no mistake: nobody sees the offer.
        let program = try String(contentsOf: site.root.appendingPathComponent("content/program.yml"), encoding: .utf8)
        try site.write("content/program.yml", program + "\nmember_columns: [drnk]\n")
        try site.build()
        #expect(try !site.statementPage("EN").contains("For tea lovers"))
        try site.write("content/program.yml", program)

        // Unknown conditions, tiers and bad numbers are refused where they are written.
        for bad in ["  tiers: [Diamond]", "  joined_within_days: 0", "  inactive_days: many", "  sunny: true", "  birthday: false"] {
            try site.write("content/offers/welcome.md", "---\ntitle: W\npublic_from: 2026-01-01\nends: 2027-12-31\naudience:\n\(bad)\n---\nx\n")
            #expect(throws: (any Error).self, "\(bad)") { try site.build() }
        }
    }
}

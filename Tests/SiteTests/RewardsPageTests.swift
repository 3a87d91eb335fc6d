import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

@Suite struct RewardsPageTests {
    static func siteWithRewards() throws -> SiteFixture {
        let site = try SiteFixture()
        try site.write("content/program.yml", SiteFixture.program + """

            rewards:
              - {id: coffee, name: A coffee, points: 500}
              - {id: meal, name: A meal <b>for</b> someone, points: 500, kind: charity, description: Given through the kitchen.}
              - {id: tasting, name: A tasting, points: 8000, kind: experience, tiers: [Gold]}
            """)
        return site
    }

    @Test func spendAndTheBalancesCashValueAreShownInTheProgramsCurrency() throws {
        let site = try SiteFixture()
        try site.write("content/program.yml", SiteFixture.program + "\npoint_value: 0.01\n")
        try site.build()
        let alice = try site.statementPage("EN")
        #expect(alice.contains("<td class=\"num amount\"><bdi>$30.00</bdi></td>")) // T2: 30.00 spent
        #expect(alice.contains("<p class=\"worth\">Worth about $15.00</p>"))     // 1,500 points × 0.01
        // A program may name its currency in each language, instead of the locale's symbol.
        try site.write("content/program.yml", SiteFixture.program.replacingOccurrences(of: "default_locale: en-US",
            with: "languages: [en-US, ar-SA]") + "\npoint_value: 0.01\ncurrency_symbol: {en-US: $, ar-SA: دولار}\n")
        try site.build()
        let arabic = try site.statementPage("TOP")
        #expect(arabic.contains("دولار"))
        #expect(!arabic.contains("US$"))
    }

    @Test func theCatalogHasAPublicPageInTheMenu() throws {
        let site = try Self.siteWithRewards()
        try site.build()
        let page = try site.page("rewards/index.html")
        #expect(page.contains(">A coffee</h2>"))
        #expect(page.contains("A meal &lt;b&gt;for&lt;/b&gt; someone")) // escaped
        #expect(page.contains("Donation in your name"))
        #expect(page.contains("For Gold members"))
        #expect(page.contains("<p>Given through the kitchen.</p>"))
        #expect(try site.page("index.html").contains("href=\"rewards/index.html\""))
        #expect(try site.page("sitemap.xml").contains("https://rewards.example/rewards/"))
    }

    @Test func statementsShowWhatTheBalanceBuysAndWhatIsNext() throws {
        let site = try Self.siteWithRewards()
        try site.build()
        // Alice: 1,500 points, Bronze: the coffee and the meal now; the tasting is Gold only.
        let alice = try site.statementPage("EN")
        #expect(alice.contains("You can redeem now"))
        #expect(alice.contains("<span lang=\"en-US\" dir=\"ltr\">A coffee</span>"))
        #expect(alice.contains("reward reward-charity"))
        #expect(!alice.contains("next-reward"))
        #expect(alice.contains("href=\"../../rewards/index.html\""))
        // Quiet: 100 points: nothing yet, 400 more for the coffee.
        let quiet = try site.statementPage("QUIET")
        #expect(quiet.contains("Not enough points for a reward yet."))
        #expect(quiet.contains("400 more points for A coffee"))
        // Top (Gold, 15,000): the tasting too, and how long Gold lasts.
        let top = try site.statementPage("TOP")
        #expect(top.contains("class=\"keep\""))
        #expect(top.contains("tasting") || top.contains("A tasting"))
        // A year of history, in a table with headers: the balance before it, then twelve months.
        #expect(alice.contains("<caption id=\"history-table-caption\">Your points, month by month, over the last 12 months</caption>"))
        let year = try #require(alice.components(separatedBy: "<table class=\"history-table\">").dropFirst().first)
        #expect(year.components(separatedBy: "</table>")[0].components(separatedBy: "<tr><th scope=\"row\">").count == 13)
        #expect(alice.components(separatedBy: "<tr class=\"opening\"><th scope=\"row\">Opening balance</th><td></td>").count == 2)
        // A member card with a QR code of the member id, and the referral link as a QR code.
        #expect(alice.contains("<code>EN</code>"))
        #expect(alice.components(separatedBy: "<svg class=\"qr\" role=\"img\"").count == 3)
        #expect(alice.contains("aria-label=\"Member card: EN\""))
    }

    @Test func theYearIsDrawnInlineAndMirroredForRightToLeftReaders() throws {
        let site = try SiteFixture()
        try site.build()
        func monthPositions(_ html: String) throws -> [Double] {
            let chart = try #require(html.range(of: "<svg class=\"history-chart\" role=\"img\""))
            let months = html[chart.lowerBound...].components(separatedBy: "<g class=\"months\"")[1].components(separatedBy: "</g>")[0]
            return months.components(separatedBy: "<text x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        }
        let english = try site.statementPage("EN")
        #expect(english.contains("<title id=\"history-chart-title\">Your points, month by month, over the last 12 months</title>"))
        let left = try monthPositions(english)
        #expect(left.count == 12 && left == left.sorted()) // oldest on the left
        #expect(english.contains(">Nov</text>") && english.contains(">Oct</text>"))
        let persian = try site.statementPage("FA")
        let right = try monthPositions(persian)
        #expect(right.count == 12 && right == right.sorted(by: >)) // oldest on the right
        #expect(persian.contains(">اکتبر</text>"))
        #expect(!persian.contains("<script"))
    }
}

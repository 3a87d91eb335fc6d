import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Coupons (coupons.csv): a member's own code inside its offer on their statement, with a QR code,
/// until it expires; `coupon: required` offers only for holders; never on a public page.
@Suite struct CouponPagesTests {
    static let offers = [
        "book-and-coffee": """
            ---
            title: A book and a coffee
            public_from: 2026-10-01
            ends: 2027-01-31
            partner: books
            coupon: required
            ---
            Show your code at the counter.
            """,
        "gym-week": """
            ---
            title: A free week at the gym
            tiers: [Gold]
            public_from: 2026-10-01
            ends: 2027-01-31
            ---
            Show your card.
            """,
    ]

    static func site() throws -> SiteFixture {
        let site = try SiteFixture(offers: offers)
        try site.write("content/program.yml", SiteFixture.program + """

            partners:
              - {id: books, name: Leaf Books}
            """)
        return site
    }

    func importCoupons(_ site: SiteFixture, _ text: String) throws {
        var file = try site.importFile("coupons.csv", text)
        file.declaredOffers = ["book-and-coffee", "gym-week"]
        _ = try site.store().importCSV(coupons: file)
    }

    @Test func aHolderSeesTheirCodeAndNoOneElseDoes() throws {
        let site = try Self.site()
        try importCoupons(site, """
            member_id,offer,code,expires_on
            EN,book-and-coffee,LEAF-<b>1</b>,2026-12-31
            FA,gym-week,GYM-FA-7,2026-12-31
            QUIET,book-and-coffee,LEAF-OLD,2026-10-31

            """)
        try site.build()
        let alice = try site.statementPage("EN")
        // Her code, escaped, inside the coupon-only offer with its partner, with a QR code of it.
        #expect(alice.contains("A book and a coffee") && alice.contains("Leaf Books"))
        #expect(alice.contains("<code dir=\"ltr\">LEAF-&lt;b&gt;1&lt;/b&gt;</code>") && !alice.contains("LEAF-<b>"))
        #expect(alice.contains("<figure class=\"coupon\">") && alice.contains("<svg class=\"qr\""))
        #expect(alice.contains("<time datetime=\"2026-12-31\">"))
        // Not a Gold member and no code for it: no gym offer.
        #expect(!alice.contains("A free week at the gym"))
        // A code for an offer her tier does not get early access to still shows it, with the code.
        let sara = try site.statementPage("FA")
        #expect(sara.contains("GYM-FA-7") && !sara.contains("A book and a coffee"))
        // An expired code shows nothing; the offer needs a code, so neither does the offer.
        let quiet = try site.statementPage("QUIET")
        #expect(!quiet.contains("LEAF-OLD") && !quiet.contains("A book and a coffee"))
        // Gold members see the gym offer without a code; nobody else's code is on their page.
        let top = try site.statementPage("TOP")
        #expect(top.contains("A free week at the gym") && !top.contains("GYM-FA-7") && !top.contains("A book and a coffee"))
        // Public pages, the sitemap and every other file: no code, no coupon-only offer.
        for file in site.outputFiles() where !file.hasPrefix("m/") {
            let text = (try? String(contentsOf: site.output.appendingPathComponent(file), encoding: .utf8)) ?? ""
            #expect(!text.contains("LEAF-") && !text.contains("GYM-FA") && !text.contains("A book and a coffee"), "\(file)")
        }
        #expect(try site.page("offers/index.html").contains("A free week at the gym"))
    }

    @Test func aNewOrReissuedCodeRebuildsOnlyItsHoldersPage() throws {
        let site = try Self.site()
        try site.build()
        #expect(try !site.statementPage("EN").contains("A book and a coffee"))
        try importCoupons(site, "member_id,offer,code,expires_on\nEN,book-and-coffee,LEAF-1,2026-12-31\n")
        let report = try site.build()
        #expect(try site.statementPage("EN").contains("LEAF-1"))
        #expect(report.filesWritten == 2) // her period page and latest page; no one else's
        try importCoupons(site, "member_id,offer,code,expires_on\nEN,book-and-coffee,LEAF-2,2026-12-31\n")
        try site.build()
        let page = try site.statementPage("EN")
        #expect(page.contains("LEAF-2") && !page.contains("LEAF-1"))
        // Editing the offer a member holds a code for rebuilds their page.
        try site.write("content/offers/book-and-coffee.md", Self.offers["book-and-coffee"]!.replacingOccurrences(of: "A book and a coffee", with: "Two books"))
        try site.build()
        #expect(try site.statementPage("EN").contains("Two books"))
    }

    @Test func couponMustBeRequiredOrOptional() throws {
        let site = try SiteFixture(offers: ["x": "---\ntitle: X\npublic_from: 2026-10-01\nends: 2027-01-31\ncoupon: yes please\n---\nx\n"])
        #expect(throws: (any Error).self) { try site.build() }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}

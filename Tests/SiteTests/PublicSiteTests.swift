import Foundation
import Testing
import PunchcardPages
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

@Suite struct PublicSiteTests {
    @Test func writesThePublicPages() throws {
        let site = try SiteFixture()
        let report = try site.build()
        #expect(report.statements == 5)
        let files = site.outputFiles().filter { !$0.hasPrefix("m/") }
        #expect(files == ["404.html", "assets/logo.svg", "assets/style.css", "faq/index.html", "index.html",
                          "offers/index.html", "robots.txt", "sitemap.xml", "tiers/index.html"])
        #expect(try site.page("robots.txt").contains("Disallow: /m/"))
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://rewards.example/</loc>"))
        #expect(sitemap.contains("<loc>https://rewards.example/faq/</loc>"))
        #expect(!sitemap.contains("/m/"))
        #expect(!sitemap.contains("draft"))
        let home = try site.page("index.html")
        #expect(home.contains("<a href=\"faq/index.html\"><bdi>FAQ</bdi></a>"))
        #expect(home.contains("raw HTML omitted"))
        #expect(home.contains("<strong>friends</strong>"))
        #expect(!home.contains("/m/"))
        let tiers = try site.page("tiers/index.html")
        #expect(tiers.contains(">Silver</h2>") && tiers.contains("2,500"))
        #expect(try site.page("faq/index.html").contains("<meta name=\"description\" content=\"Questions &amp; answers\">"))
    }

    @Test func nothingPublicLinksToStatementPages() throws {
        let site = try SiteFixture()
        try site.build()
        for file in site.outputFiles() where !file.hasPrefix("m/") && file.hasSuffix(".html") {
            #expect(!(try site.page(file)).contains("m/"), "\(file) links to a statement page")
        }
    }

    @Test func aTemplateErrorStopsTheBuildBeforeItWritesAnything() throws {
        let site = try SiteFixture()
        try site.build()
        let before = try site.page("index.html")
        let stamp = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        try site.write("content/index.md", "---\ntitle: Changed\n---\nNew text\n")
        try site.write("templates/offers.mustache", "{{<base}}{{$content}}\n\n{{#offers}}\n{{/offer}}{{/content}}{{/base}}\n")
        #expect {
            try site.build()
        } throws: { error in
            let diagnostic = error as? Diagnostic
            return diagnostic?.location.file == "templates/offers.mustache" && diagnostic?.location.line == 4
                && diagnostic?.location.column != nil
        }
        #expect(try site.page("index.html") == before)
        let after = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        #expect(after == stamp)
    }

    @Test func aMissingPartialIsNamed() throws {
        let site = try SiteFixture()
        try site.write("templates/page.mustache", "{{<base}}{{$content}}\n{{> partials/sidebar}}{{/content}}{{/base}}\n")
        #expect {
            try site.build()
        } throws: { error in
            (error as? Diagnostic)?.description == "templates/page.mustache:2:1: no template named \"partials/sidebar\" (looked for templates/partials/sidebar.mustache)"
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func badFrontMatterNamesFileLineAndKey() throws {
        let site = try SiteFixture()
        try site.write("content/faq.md", "---\ntitle: FAQ\nweight: heavy\n---\nBody\n")
        #expect {
            try site.build()
        } throws: { error in
            (error as? Diagnostic)?.description == "content/faq.md:3:9: weight: \"heavy\" is not a whole number"
        }
        try site.write("content/faq.md", "---\ntitle: FAQ\nmenu: 3\n---\nBody\n")
        #expect {
            try site.build()
        } throws: { error in
            (error as? Diagnostic)?.description == "content/faq.md:3:1: menu: unknown key (expected: title, description, weight, draft)"
        }
    }
}

@Suite struct OfferTests {
    static let early = """
        ---
        title: Tasting
        summary: Taste *new* blends
        tiers: [Gold]
        early_access_from: 2026-11-01
        public_from: 2026-12-01
        ends: 2027-01-31
        code: EARLY1
        ---
        Limited seats.
        """
    static let everyone = """
        ---
        title: Breakfast
        tiers: [Bronze, Silver, Gold]
        public_from: 2026-11-01
        ends: 2027-02-28
        ---
        Double points.
        """
    static let ended = """
        ---
        title: Autumn box
        tiers: [Bronze, Silver, Gold]
        early_access_from: 2026-09-01
        public_from: 2026-09-15
        ends: 2026-10-31
        code: OLD
        ---
        Gone.
        """

    @Test func visibilityRules() throws {
        let site = try SiteFixture(offers: ["early": Self.early, "everyone": Self.everyone, "ended": Self.ended])
        try site.build("2026-10")
        // Period ending 2026-10-31: early access opens by the end of November, public from December.
        let gold = try site.statementPage("TOP")
        #expect(gold.contains("Tasting") && gold.contains("<code>EARLY1</code>"))
        #expect(gold.contains("Breakfast"))
        #expect(!gold.contains("Autumn box")) // ended on the period's last day
        let bronze = try site.statementPage("EN")
        #expect(!bronze.contains("Tasting"))
        #expect(bronze.contains("Breakfast"))
        let offers = try site.page("offers/index.html")
        #expect(offers.contains("Breakfast"))
        #expect(!offers.contains("Tasting")) // public only from December
        #expect(!offers.contains("Autumn box"))
        #expect(!offers.contains("EARLY1") && !offers.contains("OLD"))

        // A month later the tasting is public, still without its code.
        try site.build("2026-11")
        let november = try site.page("offers/index.html")
        #expect(november.contains("Tasting"))
        #expect(!november.contains("EARLY1"))
    }

    @Test func offersNameUnknownTiers() throws {
        let site = try SiteFixture(offers: ["bad": Self.early.replacingOccurrences(of: "[Gold]", with: "[Golden]")])
        #expect {
            try site.build()
        } throws: { error in
            (error as? Diagnostic)?.description.hasPrefix("content/offers/bad.md:4:8: tiers: \"Golden\" is not a tier of the program") == true
        }
    }
}

@Suite struct TemplateSafetyTests {
    @Test func templatesThatIncludeThemselvesAreRefused() throws {
        var sources = try TemplateSet.load(root: SiteFixture.repository).sources
        sources["partials/footer"] = "<footer>\n{{>partials/footer}}\n</footer>\n"
        #expect {
            _ = try TemplateSet(sources: sources)
        } throws: { error in
            "\(error)" == "templates/partials/footer.mustache:2:1: templates include each other in a loop (partials/footer → partials/footer), which would never end"
        }
        sources["partials/footer"] = "{{>partials/header}}"
        sources["partials/header"] = "{{#nav}}{{>partials/footer}}{{/nav}}"
        #expect(throws: Diagnostic.self) { _ = try TemplateSet(sources: sources) }
    }
}

import Foundation
import Testing
import PunchcardCalendars
import PunchcardPages
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// The fixture's program in three languages, with a Persian translation of the FAQ and none in Arabic.
private func multilingualSite() throws -> SiteFixture {
    let site = try SiteFixture()
    try site.write("content/program.yml", SiteFixture.program
        .replacingOccurrences(of: "name: Test Rewards", with: "name: {en-US: Test Rewards, fa-IR: باشگاه آزمایشی, ar-SA: مكافآت تجريبية}")
        .replacingOccurrences(of: "default_locale: en-US", with: "languages: [en-US, fa-IR, ar-SA]")
        .replacingOccurrences(of: "  - name: Gold\n", with: "  - name: {en-US: Gold, fa-IR: طلایی, ar-SA: الذهبية}\n"))
    try site.write("content/faq.fa.md", "---\ntitle: پرسش‌ها\n---\nچرا؟ چون.\n")
    try site.write("content/index.fa.md", "---\ntitle: خانه\n---\nخوش آمدید.\n")
    try site.write("content/index.ar.md", "---\ntitle: الرئيسية\n---\nأهلًا.\n")
    try site.write("content/descriptions.yml", "Big order:\n  ar: طلب كبير\n  fa: سفارش بزرگ\nFree coffee:\n  en: Cafe treat\n")
    return site
}

@Suite struct LanguagesTests {
    @Test func everyLanguageGetsItsOwnPublicSite() throws {
        let site = try multilingualSite()
        try site.build()
        let persianHome = try site.page("fa/index.html")
        #expect(persianHome.contains("<html lang=\"fa-IR\" dir=\"rtl\">"))
        #expect(persianHome.contains("خوش آمدید"))
        #expect(persianHome.contains("باشگاه آزمایشی"))
        #expect(persianHome.contains("href=\"../assets/style.css\""))
        for file in ["fa/faq/index.html", "fa/tiers/index.html", "fa/offers/index.html", "fa/404.html",
                     "ar/index.html", "ar/faq/index.html", "ar/tiers/index.html", "ar/offers/index.html", "ar/404.html"] {
            #expect(site.outputFiles().contains(file), "\(file)")
        }
        // A translation speaks its language; a page without one falls back, marked as English.
        #expect(try site.page("fa/faq/index.html").contains("<h1>پرسش‌ها</h1>"))
        let arabicFAQ = try site.page("ar/faq/index.html")
        #expect(arabicFAQ.contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
        #expect(arabicFAQ.contains("<article class=\"page\" lang=\"en-US\" dir=\"ltr\">"))
        #expect(arabicFAQ.contains("<h1>FAQ</h1>"))
        // Tier names in the page's language.
        #expect(try site.page("ar/tiers/index.html").contains(">الذهبية</h2>"))
        // Each page links to its translations, in each language's own name, and says so to search engines.
        let faq = try site.page("faq/index.html")
        #expect(faq.contains("<link rel=\"alternate\" hreflang=\"fa-IR\" href=\"https://rewards.example/fa/faq/\">"))
        #expect(faq.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://rewards.example/faq/\">"))
        #expect(faq.contains("href=\"../fa/faq/index.html\" lang=\"fa-IR\" dir=\"rtl\" hreflang=\"fa-IR\">فارسی</a>"))
        #expect(faq.contains(">العربية</a>"))
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://rewards.example/ar/faq/</loc>"))
        #expect(sitemap.contains("hreflang=\"fa-IR\" href=\"https://rewards.example/fa/tiers/\""))
        // The menu is per language.
        #expect(persianHome.contains("<bdi>پرسش‌ها</bdi>"))
        #expect(persianHome.contains("href=\"../fa/faq/index.html\""))
    }

    @Test func statementsLinkIntoTheMembersLanguageSite() throws {
        let site = try multilingualSite()
        try site.build()
        let persian = try site.statementPage("FA")
        #expect(persian.contains("href=\"../../fa/faq/index.html\""))
        #expect(persian.contains("باشگاه آزمایشی"))
        #expect(persian.contains("اکتبر ۲۰۲۶")) // the period by its month, a Gregorian month for a Persian reader
        // A description with no Persian translation is shown as exported, in its own direction.
        #expect(persian.contains("<bdi dir=\"auto\">خرید حضوری</bdi>"))
        let arabic = try site.statementPage("TOP")
        #expect(arabic.contains(">الذهبية</")) // tier name
        #expect(arabic.contains("href=\"../../ar/index.html\""))
        let english = try site.statementPage("EN")
        #expect(english.contains("<bdi dir=\"ltr\">Cafe treat</bdi>")) // "Free coffee", translated
        #expect(english.contains("October 2026"))
        #expect(english.contains("href=\"../../faq/index.html\""))
    }

    @Test func notFoundPagesWorkFromAnyAddressAndOfferEveryLanguage() throws {
        let site = try multilingualSite()
        try site.build()
        let page = try site.page("fa/404.html")
        // Relative links for the disk; over HTTP a script points them at /fa/ before anything loads.
        #expect(page.contains("href=\"../assets/style.css\""))
        #expect(page.contains("b.href=r+\"fa/\""))
        #expect(page.range(of: "<script>")!.lowerBound < page.range(of: "stylesheet")!.lowerBound)
        #expect(!page.contains("https://rewards.example/assets"))
        #expect(page.contains("href=\"../index.html\" hreflang=\"en-US\""))
        #expect(page.contains("href=\"../fa/index.html\" hreflang=\"fa-IR\""))
        #expect(page.contains("href=\"../ar/index.html\" hreflang=\"ar-SA\""))
    }

    @Test func missingTranslationsAreCountedWarningsAndStrictRefusesThem() throws {
        let site = try multilingualSite()
        try site.write("content/program.yml", try String(contentsOf: site.root.appendingPathComponent("content/program.yml"), encoding: .utf8)
            .replacingOccurrences(of: ", ar-SA: الذهبية}", with: "}"))
        let report = try site.build()
        #expect(report.warnings.contains { $0.contains("content: 1 page without a ar translation (content/faq.ar.md)") })
        #expect(report.warnings.contains { $0.hasPrefix("content/program.yml:") && $0.contains("1 text without a ar translation (tiers[Gold].name)") })
        // Descriptions shown untranslated to Persian readers; English pages show exported texts as they are.
        #expect(report.warnings.contains("content/descriptions.yml: 1 ledger description shown untranslated on fa pages (\"خرید حضوری\")"))
        #expect(!report.warnings.contains { $0.contains("on en pages") })

        let strictSite = try multilingualSite()
        var options = strictSite.options()
        options.strict = true
        #expect(throws: BuildRefusal.self) { try Site.build(options) }
        #expect(!FileManager.default.fileExists(atPath: strictSite.output.path))
    }

    @Test func localesWithoutAStringTableAreShownInTheDefaultLanguageAndCounted() throws {
        let site = try SiteFixture()
        let store = try site.store()
        _ = try store.importCSV(members: try site.importFile("more.csv", """
            member_id,name,locale,joined_on
            FR1,Amélie,fr-CA,2024-01-01
            FR2,Benoît,fr-CA,2024-01-01

            """), ledger: nil)
        let report = try site.build()
        #expect(report.warnings.contains("2 members in fr-CA: shown in en-US; add templates/i18n/fr.yml"))
        let french = try site.statementPage("FR1")
        #expect(french.contains("<html lang=\"en-US\" dir=\"ltr\">"))
        #expect(french.contains("October 31, 2026")) // English dates, not French ones with English words
        // With a French table, the page is French.
        try site.write("templates/i18n/fr.yml", "statement: Relevé\nbalance: Solde de points\n")
        let second = try site.build()
        #expect(try site.statementPage("FR1").contains("<html lang=\"fr-CA\" dir=\"ltr\">"))
        #expect(try site.statementPage("FR1").contains("Solde de points"))
        #expect(second.warnings.contains { $0.hasPrefix("2 members in fr-CA: the theme's words in fr") })
    }

    @Test func aPersianProgramBillsOnThePersianCalendar() throws {
        let site = try SiteFixture()
        try site.write("content/program.yml", SiteFixture.program
            .replacingOccurrences(of: "default_locale: en-US", with: "languages: [fa-IR, en-US]\ncalendar: persian"))
        try site.write("content/index.en.md", "---\ntitle: Home\n---\nWelcome.\n")
        try site.write("content/faq.en.md", "---\ntitle: FAQ\n---\nWhy.\n")
        var options = site.options()
        options.period = Period("1405-07", calendar: BillingCalendar(.persian))!
        try Site.build(options)
        let token = try site.token("FA")
        #expect(site.outputFiles().contains("m/\(token)/1405-07.html"))
        let persian = try site.statementPage("FA")
        #expect(persian.contains("مهر ۱۴۰۵"))
        #expect(persian.contains("datetime=\"2026-09-23\"")) // 1 Mehr 1405
        #expect(try site.statementPage("EN").contains("Mehr 1405"))
        // The default language is at the root, English under /en/.
        #expect(try site.page("index.html").contains("<html lang=\"fa-IR\" dir=\"rtl\">"))
        #expect(try site.page("en/index.html").contains("<html lang=\"en-US\" dir=\"ltr\">"))
    }

    @Test func translationFilesAreCheckedBeforeAnythingIsWritten() throws {
        let site = try multilingualSite()
        // A language the program does not have.
        try site.write("content/faq.de.md", "---\ntitle: Fragen\n---\n")
        #expect(throws: Diagnostic.self) { try site.build() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/faq.de.md"))
        // A translation of a page that does not exist.
        try site.write("content/about.fa.md", "---\ntitle: درباره\n---\n")
        do {
            try site.build()
            Issue.record("built a translation of a page that does not exist")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.description.hasPrefix("content/about.fa.md: a translation of content/about.md"))
        }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/about.fa.md"))
        // The default language's page twice.
        try site.write("content/faq.en.md", "---\ntitle: FAQ again\n---\n")
        #expect(throws: Diagnostic.self) { try site.build() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/faq.en.md"))
        // An offer's translation may not move its dates.
        try site.write("content/offers/tea.md", "---\ntitle: Tea\ntiers: [Gold]\npublic_from: 2026-10-01\nends: 2027-01-01\n---\n")
        try site.write("content/offers/tea.fa.md", "---\ntitle: چای\nends: 2027-02-01\n---\n")
        #expect(throws: Diagnostic.self) { try site.build() }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        // A draft's translation waits with it.
        try site.write("content/offers/tea.fa.md", "---\ntitle: چای\n---\nچای داغ.\n")
        try site.write("content/draft.fa.md", "---\ntitle: هنوز نه\n---\n")
        try site.build()
        #expect(!site.outputFiles().contains { $0.contains("draft") })
        #expect(try site.page("fa/offers/index.html").contains("<h2>چای</h2>"))
    }
}

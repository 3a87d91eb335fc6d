import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

/// Partners (`partners:` in program.yml): their page in every language with their logos and
/// offers, checked links and logos, and nothing when a program has none.
@Suite struct PartnersPageTests {
    static let partners = """
        languages: [en-US, fa-IR]
        partners:
          - id: pulse-gym
            name: {en-US: Pulse Gym, fa-IR: باشگاه پالس}
            description: {en-US: "Train **with us**.", fa-IR: "با ما **تمرین** کنید."}
            link: https://pulse.example/
            logo: partners/pulse.svg
          - id: books
            name: Leaf <Books>
        """

    static func site() throws -> SiteFixture {
        let site = try SiteFixture(offers: ["gym-week": """
            ---
            title: A free week at the gym
            public_from: 2026-10-01
            ends: 2027-01-31
            partner: pulse-gym
            ---
            Show your card.
            """])
        try site.write("content/program.yml", SiteFixture.program.replacingOccurrences(of: "default_locale: en-US", with: partners))
        try site.write("content/partners/pulse.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        return site
    }

    @Test func theirPageInEveryLanguageWithLogosAndOffers() throws {
        let site = try Self.site()
        try site.build()
        let english = try site.page("partners/index.html")
        #expect(english.contains("<h2 lang=\"en-US\" dir=\"ltr\">Pulse Gym</h2>"))
        #expect(english.contains("<strong>with us</strong>"))
        #expect(english.contains("Leaf &lt;Books&gt;") && !english.contains("<Books>"))
        #expect(english.contains("src=\"../partners/pulse-gym.svg\""))
        #expect(english.contains(">A free week at the gym</a>"))
        #expect(english.contains("href=\"https://pulse.example/\" rel=\"noopener noreferrer\""))
        let persian = try site.page("fa/partners/index.html")
        #expect(persian.contains("باشگاه پالس") && persian.contains("src=\"../../partners/pulse-gym.svg\""))
        // The logo is published as it is, and the menu links the page.
        #expect(try String(contentsOf: site.output.appendingPathComponent("partners/pulse-gym.svg"), encoding: .utf8).contains("<svg"))
        #expect(try site.page("index.html").contains("href=\"partners/index.html\""))
        // The offer names its partner, on the offers page and in the partner's language.
        #expect(try site.page("offers/index.html").contains("<p class=\"offer-partner\">From our partner: <span lang=\"en-US\" dir=\"ltr\">Pulse Gym</span></p>"))
        #expect(try site.page("fa/offers/index.html").contains("<span lang=\"fa-IR\" dir=\"rtl\">باشگاه پالس</span>"))
    }

    @Test func linksLogosAndNamesAreChecked() throws {
        let base = SiteFixture.program + "\n"
        for bad in ["partners:\n  - {id: a, name: A, link: \"javascript:alert(1)\"}",
                    "partners:\n  - {id: a, name: A, logo: ../secret.png}",
                    "partners:\n  - {id: a, name: A, logo: /etc/passwd.png}",
                    "partners:\n  - {id: a, name: A, logo: partners/a.exe}",
                    "partners:\n  - {id: A B, name: A}",
                    "partners:\n  - {id: a, name: A}\n  - {id: a, name: B}",
                    "sources:\n  - {id: s, name: S, partner: nobody}"] {
            #expect(throws: Diagnostic.self, "\(bad)") { _ = try Program.parse(base + bad, file: "p.yml") }
        }
        // A logo that is not there stops the build before anything is written.
        let site = try Self.site()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/partners/pulse.svg"))
        #expect(throws: (any Error).self) { try site.build() }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        // An offer naming a partner the program does not have is refused.
        let other = try Self.site()
        try other.write("content/offers/gym-week.md", "---\ntitle: T\npublic_from: 2026-10-01\nends: 2027-01-31\npartner: nobody\n---\nx\n")
        #expect(throws: (any Error).self) { try other.build() }
    }

    @Test func aProgramWithoutPartnersHasNoPartnersPage() throws {
        let site = try SiteFixture()
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("partners/index.html").path))
        #expect(try !site.page("index.html").contains("partners/index.html"))
    }
}

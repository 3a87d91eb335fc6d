import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// What a member reads first, checked in the HTML: the year adds up month by month, a closed
/// account invites nothing, the keep-your-tier sentence has one deadline before the change, and
/// the balance, the next expiry, the tier and the next reward come before everything else.
@Suite struct StatementAtAGlanceTests {
    /// The fixture's members plus a closed Silver member with expiring points, an adjustment and an
    /// expiry in the year, and the program's words for closed accounts in three languages.
    static func site() throws -> SiteFixture {
        let site = try SiteFixture(offers: ["silver": """
            ---
            title: Silver evening
            summary: An evening for Silver and Gold.
            tiers: [Silver, Gold]
            public_from: 2026-01-01
            ends: 2027-12-31
            ---
            Come along.
            """])
        try site.write("content/program.yml", SiteFixture.program.replacingOccurrences(of: "default_locale: en-US", with: """
            languages: [en-US, fa-IR, ar-SA]
            point_value: 0.01
            closed_accounts:
              en-US: Your remaining points were **paid out** when the account closed.
              fa-IR: امتیازهای باقی‌ماندهٔ شما هنگام بستن حساب **پرداخت شد**.
              ar-SA: دُفعت نقاطك المتبقية عند إغلاق الحساب.
            """))
        _ = try site.store().importCSV(
            members: try site.importFile("more.csv", """
                member_id,name,locale,joined_on,status
                GONE,Gone Member,en-US,2024-01-01,closed
                GONEFA,رفته,fa-IR,2024-01-01,closed
                SILVERFA,نقره,fa-IR,2024-01-01,active
                SILVERAR,فضة,ar-SA,2024-01-01,active

                """),
            ledger: try site.importFile("more-ledger.csv", """
                txn_id,member_id,posted_on,kind,points,amount,description
                G1,GONE,2025-12-10,earn,3000,,Big order
                G2,GONE,2026-02-10,adjust,-120,,Correction
                G3,GONE,2026-03-10,expire,-200,,Points expired
                G4,GONE,2026-10-02,earn,10,,Last order
                G5,GONEFA,2025-12-10,earn,3000,,Big order
                S0,SILVERFA,2024-12-05,earn,100,,Old order
                S1,SILVERFA,2025-12-10,earn,2000,,Big order
                S2,SILVERFA,2026-08-10,earn,700,,Order
                S3,SILVERFA,2026-09-01,adjust,35,,Goodwill
                A1,SILVERAR,2025-12-10,earn,2000,,Big order
                A2,SILVERAR,2026-08-10,earn,700,,Order
                A3,SILVERAR,2026-09-01,expire,-15,,Points expired

                """))
        try site.build()
        return site
    }

    /// Persian and Arabic-Indic digits, separators and signs → a plain integer.
    static func integer(_ text: String) -> Int? {
        var digits = "", negative = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0x660...0x669: digits += String(scalar.value - 0x660)
            case 0x6F0...0x6F9: digits += String(scalar.value - 0x6F0)
            case 0x2212, 0x2D: negative = true
            default: break
            }
        }
        guard let value = Int(digits) else { return digits.isEmpty ? 0 : nil }
        return negative ? -value : value
    }

    /// The history table's rows: the opening balance, then (earned, redeemed, expired, adjusted, balance) a month.
    static func historyRows(_ html: String) throws -> (opening: Int, months: [[Int]]) {
        let table = try #require(html.components(separatedBy: "<table class=\"history-table\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        let rows = table.components(separatedBy: "<tr").dropFirst().dropFirst() // the heading row
        var opening: Int?
        var months: [[Int]] = []
        for row in rows {
            let cells = row.components(separatedBy: "<td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            if row.hasPrefix(" class=\"opening\"") {
                opening = cells.last.flatMap(integer)
            } else {
                months.append(cells.compactMap(integer))
            }
        }
        return (try #require(opening), months)
    }

    @Test func everyMonthOfTheYearAddsUpOnThePage() throws {
        let site = try Self.site()
        for member in ["EN", "FA", "HOSTILE", "QUIET", "TOP", "GONE", "SILVERFA", "SILVERAR"] {
            let (opening, months) = try Self.historyRows(try site.statementPage(member))
            #expect(months.count == 12, "\(member)")
            var previous = opening
            for month in months {
                #expect(month.count == 5, "\(member)")
                guard month.count == 5 else { continue }
                #expect(previous + month[0] - month[1] - month[2] + month[3] == month[4], "\(member): \(month)")
                previous = month[4]
            }
        }
        // The closed member's year shows the adjustment and the expiry in their months.
        let (_, gone) = try Self.historyRows(try site.statementPage("GONE"))
        #expect(gone.contains { $0[3] == -120 } && gone.contains { $0[2] == 200 })
    }

    @Test func aClosedAccountShowsItsFiguresAndInvitesNothing() throws {
        let site = try Self.site()
        for (member, text) in [("GONE", "<strong>paid out</strong>"), ("GONEFA", "<strong>پرداخت شد</strong>")] {
            let page = try site.statementPage(member)
            #expect(page.contains("class=\"notice closed\""))
            #expect(page.contains(text), "\(member): the program's closed_accounts text")
            // Its figures stay.
            #expect(page.contains("summary-heading") && page.contains("history-table"))
            // Nothing that invites earning, redeeming or keeping a tier.
            for invitation in ["member-card", "glance", "class=\"keep\"", "tier-progress", "tier-heading", "class=\"worth\"",
                               "offers-section", "referral-heading", "next-reward", "rewards-heading",
                               "Show this code", "to keep", "to stay", "Worth about"] {
                #expect(!page.contains(invitation), "\(member)'s closed page shows \(invitation)")
            }
        }
        // An open Silver member of the same program sees all of it.
        let open = try site.statementPage("SILVERFA")
        for part in ["member-card", "class=\"glance\"", "class=\"keep\"", "offers-section", "referral-heading", "class=\"worth\""] {
            #expect(open.contains(part), "open page lacks \(part)")
        }
    }

    /// One deadline, then the day the tier changes: the first date is the earlier in every
    /// language, and both are the JSON's `by` and `changes_on`.
    @Test func theKeepYourTierSentenceHasOneDeadlineBeforeTheChange() throws {
        let site = try Self.site()
        let program = try Program.parse(try String(contentsOf: site.root.appendingPathComponent("content/program.yml"), encoding: .utf8),
                                        file: "program.yml")
        let statement = try site.store().statement(for: "SILVERFA", program: program, period: try #require(Period("2026-10")))
        let keep = try #require(statement.keepTier)
        #expect(keep.tier == "Silver" && keep.fallsTo == "Bronze" && keep.by == CalendarDate(iso: "2026-12-31"))
        for member in ["SILVERFA", "SILVERAR", "EN"] {
            let page = try site.statementPage(member)
            guard member != "EN" else {
                #expect(!page.contains("class=\"keep\""), "Bronze cannot be lost")
                continue
            }
            let sentence = try #require(page.components(separatedBy: "<p class=\"keep\">").dropFirst().first?
                .components(separatedBy: "</p>").first)
            let dates = sentence.components(separatedBy: "<time datetime=\"").dropFirst().map { String($0.prefix(10)) }
            #expect(dates == [keep.by.description, keep.changesOn.description], "\(member): \(sentence)")
            // In reading order, the deadline comes first in the text too.
            let by = try #require(sentence.range(of: keep.by.description)), change = try #require(sentence.range(of: keep.changesOn.description))
            #expect(by.lowerBound < change.lowerBound)
            #expect(!sentence.contains("until"))
        }
        // Gold in Arabic: the same one-deadline sentence ("to stay", "otherwise you move").
        let gold = try site.statementPage("TOP")
        #expect(gold.contains("لتبقى في الفئة") && gold.contains("وإلا"))
    }

    /// The first screen's parts come first in the page, before the member card and the rest;
    /// a zero line has no sign; every minus is U+2212.
    @Test func whatAMemberLooksForComesFirst() throws {
        let site = try Self.site()
        let page = try site.statementPage("SILVERFA")
        let order = ["class=\"balance\"", "class=\"change\"", "glance-expiry", "glance-tier", "class=\"card member-card\"",
                     "activity-heading", "offers-section", "history-heading"]
        let positions = try order.map { try #require(page.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted(), "\(zip(order, positions.map { page.distance(from: page.startIndex, to: $0) }).map { "\($0) \($1)" })")
        let summary = try #require(page.components(separatedBy: "<table class=\"sum\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        #expect(!summary.contains("+۰") && !summary.contains("−۰") && !summary.contains("+0") && !summary.contains("−0"))
        #expect(!summary.contains("-"))
        // Dates never break inside: each date is a <time> (the keep sentence's too), and the
        // theme keeps <time> on one line.
        let css = try String(contentsOf: site.output.appendingPathComponent("assets/style.css"), encoding: .utf8)
        let rule = try #require(css.components(separatedBy: "\n").first { $0.hasPrefix("time,") })
        #expect(rule.contains("white-space: nowrap"))
        let keep = try #require(page.components(separatedBy: "<p class=\"keep\">").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(keep.components(separatedBy: "<time datetime=").count == 3)
    }
}

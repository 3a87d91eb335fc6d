import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// memberships.csv: places on paid plans, keyed by member and plan, checked against program.yml's
/// plans, replaced when they change, all or nothing (SQLite, and PostgreSQL in CI).
@Suite struct MembershipImportTests {
    static let file = """
        member_id,plan,started_on,renews_on,status
        M1,plus,2026-01-15,2026-12-15,active
        M2,plus,2026-03-01,2026-11-01,lapsed

        """

    func importing(_ fixture: StoreFixture, _ text: String, plans: Set<String>? = ["plus"]) throws -> (ImportSummary?, [Diagnostic]) {
        var file = try fixture.file("memberships.csv", text)
        file.declaredPlans = plans
        do {
            return (try fixture.store.importCSV(memberships: file), [])
        } catch let list as DiagnosticList {
            return (nil, list.diagnostics)
        }
    }

    @Test func placesAreStoredReplacedAndReadBack() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let (first, problems) = try importing(fixture, Self.file)
        #expect(problems.isEmpty && first?.membershipsAdded == 2)
        let (again, _) = try importing(fixture, Self.file)
        #expect(again?.membershipsUnchanged == 2 && again?.membershipsAdded == 0)
        let (changed, _) = try importing(fixture, Self.file.replacingOccurrences(of: "2026-12-15,active", with: "2026-12-15,cancelled"))
        #expect(changed?.membershipsUpdated == 1 && changed?.membershipsUnchanged == 1)
        let stored = try fixture.store.allMemberships()
        #expect(stored["M1"]?.first?.status == .cancelled && stored["M2"]?.first?.status == .lapsed)
        // Statements see them: M1 is on the plan at the end of November (cancelled, through Dec 15).
        var program = try Program.parse("""
            name: X
            base_url: https://x.example
            languages: [en]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            memberships: [{id: plus, name: Plus, fee: "4.99", billing: monthly}]
            """, file: "p.yml")
        program.pointValue = nil
        let statement = try fixture.store.statement(for: "M1", program: program, period: Period("2026-11")!)
        #expect(statement.membership?.status == .cancelled && statement.membership?.renewsOn == CalendarDate(iso: "2026-12-15"))
    }

    @Test func badRowsAreRefusedWithTheirPlaceAndChangeNothing() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try fixture.store.allMemberships()
        let (_, problems) = try importing(fixture, """
            member_id,plan,started_on,renews_on,status
            M1,gold,2026-01-15,2026-12-15,active
            NOBODY,plus,2026-01-15,2026-12-15,active
            M2,plus,2026-03-01,2026-02-01,active
            M3,plus,2026-03-01,2026-04-01,paused
            M1,plus,2026-01-15,2026-12-15,active
            M1,plus,2026-01-15,2027-12-15,active

            """)
        #expect(problems.map(\.location.line) == [2, 3, 4, 5, 7])
        #expect(problems.map(\.field) == ["plan", "member_id", "renews_on", "status", "plan"])
        #expect(problems.allSatisfy { $0.location.file == "memberships.csv" })
        #expect(try fixture.store.allMemberships() == before)
        // Without a program to read, every row is refused, saying why.
        let (_, unread) = try importing(fixture, Self.file, plans: nil)
        #expect(unread.count == 2 && unread.allSatisfy { $0.message.contains("cannot check the plan without the site") })
    }
}

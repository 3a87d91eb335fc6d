import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// The ledger's optional `source` column: ids declared in program.yml, stored and read back with
/// the row, compared on re-import, refused when undeclared (with file and line), on SQLite and
/// (with PUNCHCARD_TEST_POSTGRES) on PostgreSQL alike.
@Suite struct LedgerSourceTests {
    static let ledger = """
        txn_id,member_id,posted_on,kind,points,amount,description,source
        T1,M1,2024-11-15,earn,1200,120.00,Store purchase,
        T2,M1,2026-11-03,bonus,50,,Review bonus,review
        T3,M2,2026-11-02,earn,300,30.00,Gym shop,gym

        """

    func importing(_ fixture: StoreFixture, _ ledger: String, declared: Set<String>?) throws -> [Diagnostic] {
        var file = try fixture.file("ledger.csv", ledger)
        file.declaredSources = declared
        do {
            try fixture.store.importCSV(members: try fixture.file("members.csv", membersCSV), ledger: file)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        }
    }

    @Test func sourcesAreStoredAndReadBack() throws {
        let fixture = try StoreFixture()
        #expect(try importing(fixture, Self.ledger, declared: ["review", "gym"]).isEmpty)
        let end = CalendarDate(year: 2026, month: 11, day: 30)!
        #expect(try fixture.store.ledger(of: "M1", through: end).map(\.source) == [nil, "review"])
        #expect(try fixture.store.ledger(of: "M2", through: end).map(\.source) == ["gym"])
        // The same file again changes nothing; the same row with another source is a conflict.
        #expect(try importing(fixture, Self.ledger, declared: ["review", "gym"]).isEmpty)
        let changed = Self.ledger.replacingOccurrences(of: "Gym shop,gym", with: "Gym shop,review")
        let problems = try importing(fixture, changed, declared: ["review", "gym"])
        #expect(problems.count == 1 && problems.first?.location.line == 4)
        #expect(problems.first?.message.contains("source: stored \"gym\", file \"review\"") == true)
        // Statements read the source with every row (the build's stream too).
        var seen: [String?] = []
        try fixture.store.forEachMember(through: end) { ledger in seen += ledger.entries.map(\.source) }
        #expect(seen.contains("review") && seen.contains("gym"))
    }

    @Test func anUndeclaredSourceIsRefusedWithItsPlace() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let problems = try importing(fixture, Self.ledger, declared: ["review"])
        #expect(problems.count == 1)
        #expect(problems.first?.location.file == "ledger.csv" && problems.first?.location.line == 4)
        #expect(problems.first?.field == "source" && problems.first?.message.contains("\"gym\" is not a source declared") == true)
        #expect(try fixture.snapshot() == before)
        // Without a program to read, any source is refused, saying why.
        let unread = try importing(fixture, Self.ledger, declared: nil)
        #expect(unread.count == 2 && unread.allSatisfy { $0.message.contains("cannot check the source without the site") })
        #expect(try fixture.snapshot() == before)
    }
}

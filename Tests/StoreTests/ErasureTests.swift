import Foundation
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing

/// `punchcard forget` in the store, on SQLite and (with PUNCHCARD_TEST_POSTGRES) PostgreSQL.
@Suite struct ErasureTests {
    static let members = """
        member_id,name,email,phone,joined_on,referred_by,favourite
        M1,Sara Rezaei,sara@example.com,+989121234567,2024-01-15,,Tea
        M2,Omar Harbi,omar@example.com,,2024-02-01,M1,
        M3,Ana Silva,ana@example.com,,2024-03-01,,

        """
    static let ledger = """
        txn_id,member_id,posted_on,kind,points,amount,description
        T1,M1,2026-10-01,earn,100,10.00,Coffee at the station
        T2,M2,2026-10-02,earn,50,5.00,Tea
        T3,M1,2026-10-03,redeem,-40,,Free cake

        """

    func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        _ = try fixture.store.importCSV(members: try fixture.file("members.csv", Self.members),
                                        ledger: try fixture.file("ledger.csv", Self.ledger),
                                        surveys: try fixture.file("surveys.csv", "member_id,answered_on,score,comment\nM1,2026-10-05,9,Call me on 0912\n"))
        return fixture
    }

    func totals(_ store: MemberStore) throws -> [String] {
        var lines: [String] = []
        try store.forEachMember(through: CalendarDate(iso: "2030-01-01")!) { ledger in
            lines.append("\(ledger.member.joinedOn) \(ledger.member.status) \(ledger.entries.map(\.points).reduce(0, +)) \(ledger.referredCount)")
        }
        return lines.sorted()
    }

    @Test func personalDataGoesAndTheAccountsStay() throws {
        let fixture = try fixture()
        let before = try totals(fixture.store)
        let token = try #require(try fixture.store.member("M1")).token
        let done = try fixture.store.forget(["M1"], at: "2026-11-02T10:00:00Z")
        let opaque = try #require(done.first).erasure.opaqueID
        #expect(opaque.hasPrefix("erased-") && !opaque.contains("M1"))
        #expect(try fixture.store.member("M1") == nil)
        // The same sums, join days and referral counts: the program's totals do not change.
        #expect(try totals(fixture.store) == before)
        let records = try #require(try fixture.store.records(of: opaque))
        let text = "\(records)"
        for personal in ["Sara", "sara@example.com", "+989121234567", "Tea\"", "Coffee at the station", "Free cake", "0912"] {
            #expect(!text.contains(personal), "\(personal) is still in the store")
        }
        // The old address stays only among the retired ones, for the next build to remove its pages.
        #expect(records.table("members")?.rows.first?.contains(token) == false)
        // Its referral is kept (as the opaque id), for the referrer's count.
        #expect(try fixture.store.member("M2")?.referredBy == opaque)
        // Nobody finds it; its address is retired for the next build to remove.
        #expect(try fixture.store.searchMembers("sara", limit: 10, offset: 0).total == 0)
        let everyone = try fixture.store.searchMembers("", limit: 10, offset: 0)
        #expect(everyone.total == 2 && everyone.members.map(\.memberID) == ["M2", "M3"])
        #expect(try fixture.store.retiredTokens().contains { $0.token == token })
        #expect(try fixture.store.erasure(of: "M1")?.opaqueID == opaque)
    }

    @Test func anUnknownMemberChangesNothing() throws {
        let fixture = try fixture()
        #expect(throws: StoreError.self) { try fixture.store.forget(["M1", "NOBODY"], at: "2026-11-02T10:00:00Z") }
        #expect(try fixture.store.member("M1")?.name == "Sara Rezaei")
        #expect(try fixture.store.erasure(of: "M1") == nil)
    }

    @Test func aLaterImportSkipsTheErasedMemberUnlessAllowed() throws {
        let fixture = try fixture()
        _ = try fixture.store.forget(["M1"], at: "2026-11-02T10:00:00Z")
        // The CRM's export still lists them.
        let summary = try fixture.store.importCSV(members: try fixture.file("again.csv", Self.members),
                                                  ledger: try fixture.file("again-ledger.csv", Self.ledger + "T4,M1,2026-11-01,earn,5,,\nT5,M3,2026-11-01,earn,5,,\n"))
        #expect(try fixture.store.member("M1") == nil)
        #expect(try fixture.store.member("M3") != nil)
        #expect(summary.erasedRowsSkipped == 4) // one member row, three ledger rows
        #expect(summary.warnings.map(\.description) == [
            "again.csv:2: member_id: \"M1\" was erased on 2026-11-02; their rows in this file are skipped (import with --allow-erased to bring them back)",
            "again-ledger.csv:2: member_id: \"M1\" was erased on 2026-11-02; their rows in this file are skipped (import with --allow-erased to bring them back)",
        ])
        #expect(try fixture.store.ledger(of: "M3").count == 1)
        // --allow-erased brings them back, as a new member; the erasure record goes.
        var files = ImportFiles(members: try fixture.file("back.csv", Self.members))
        files.allowErased = true
        _ = try fixture.store.importCSV(files)
        #expect(try fixture.store.member("M1")?.name == "Sara Rezaei")
        #expect(try fixture.store.erasure(of: "M1") == nil)
    }
}

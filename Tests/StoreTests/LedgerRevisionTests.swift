import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A build skips members whose ledger revision is unchanged without reading their rows, so the
/// revision must change whenever a member gains rows, and only then.
@Suite struct LedgerRevisionTests {
    func revisions(_ store: MemberStore) throws -> [String: Int] {
        var revisions: [String: Int] = [:]
        try store.forEachStoredMember(referralsThrough: CalendarDate(iso: "2026-12-31")!) {
            revisions[$0.member.memberID] = $0.ledgerRevision
        }
        return revisions
    }

    @Test func membersWhoGainRowsGetANewRevisionAndNoOneElse() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let first = try revisions(fixture.store)
        #expect(Set(first.values).count == 1 && first["M1"]! != 0) // one import, one revision

        try fixture.importCSV(ledger: "txn_id,member_id,posted_on,kind,points\nT9,M2,2026-11-20,adjust,5\n")
        let second = try revisions(fixture.store)
        #expect(second["M2"]! != first["M2"]!)
        #expect(second["M1"] == first["M1"] && second["M3"] == first["M3"])
    }

    @Test func reimportingTheSameRowsKeepsEveryRevision() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try revisions(fixture.store)
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        #expect(try revisions(fixture.store) == before)
    }

    @Test func aFailedImportKeepsEveryRevision() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try revisions(fixture.store)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points
            T10,M1,2026-11-20,earn,5
            T11,M1,2026-11-21,spend,5

            """)
        #expect(problems.first?.field == "kind")
        #expect(try revisions(fixture.store) == before)
    }

    @Test func storedMembersCountFriendsWhoJoinedByTheDay() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        var counts: [String: Int] = [:]
        try fixture.store.forEachStoredMember(referralsThrough: CalendarDate(iso: "2024-12-31")!) {
            counts[$0.member.memberID] = $0.referredCount
        }
        #expect(counts == ["M1": 1, "M2": 0, "M3": 0]) // M3 joined in 2025
    }

    @Test func aLedgerReaderReadsWhatTheStoreStreams() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let end = CalendarDate(iso: "2026-11-30")!, detailsFrom = CalendarDate(iso: "2026-11-01")!
        var streamed: [String: [LedgerEntry]] = [:]
        try fixture.store.forEachMember(through: end, detailsFrom: detailsFrom) { streamed[$0.member.memberID] = $0.entries }
        try fixture.store.withLedgerReader { reader in
            for id in ["M1", "M2", "M3", "NOBODY"] {
                #expect(try reader.entries(of: id, through: end, detailsFrom: detailsFrom) == (streamed[id] ?? []))
            }
            let m1 = try reader.entries(of: "M1", through: end, detailsFrom: detailsFrom)
            #expect(m1.map(\.txnID) == ["", "", "T4"]) // details only from the period on
            #expect(m1.last?.description == "Friend joined" && m1.first?.amount == nil)
            #expect(try reader.entries(of: "M1", through: CalendarDate(iso: "2025-01-09")!, detailsFrom: detailsFrom).count == 1)
        }
    }
}

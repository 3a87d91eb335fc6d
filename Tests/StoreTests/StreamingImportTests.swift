import Foundation
import Testing
@testable import PunchcardStore
import PunchcardSupport

/// The members file is read once and written row by row, with only its member_ids kept (compactly):
/// what needs the whole file is settled at the end, the same for sorted and unsorted files.
@Suite struct StreamingImportTests {
    @Test func keyTableFindsKeysAndDuplicatesSortedOrNot() {
        var sorted = KeyTable()
        #expect(sorted.add("A1", line: 2) == nil)
        #expect(sorted.add("A2", line: 3) == nil)
        #expect(sorted.add("A2", line: 4) == 3)
        #expect(sorted.isSorted)
        #expect(sorted.contains("A1") && !sorted.contains("A3"))

        var unsorted = KeyTable()
        let firsts = ["M3", "M1", "M2", "M1", "Mé", "M3"].enumerated().map { unsorted.add($0.element, line: $0.offset + 2) }
        #expect(!unsorted.isSorted)
        #expect(firsts == [nil, nil, nil, 3, nil, 2])
        #expect(unsorted.contains("M2") && unsorted.contains("Mé") && !unsorted.contains("M4"))
    }

    @Test func anUnsortedFileWithDuplicatesAndLaterReferrers() throws {
        let fixture = try StoreFixture()
        let problems = try fixture.problems(members: """
            member_id,name,joined_on,referred_by
            M3,C,2025-01-01,M9
            M1,A,2025-01-01,M2
            M2,B,2025-01-01,
            M1,A again,2025-01-01,
            M4,D,2025-01-01,NOBODY

            """)
        #expect(problems.map(\.description) == [
            "members.csv:5:1: member_id: \"M1\" appears twice (first on line 3)",
            "members.csv:2:4: referred_by: \"M9\": no such member in the store or in members.csv",
            "members.csv:6:4: referred_by: \"NOBODY\": no such member in the store or in members.csv",
        ])
        #expect(try fixture.store.memberCount() == 0)
    }

    @Test func referrersLaterInTheFileAreAcceptedAndEveryMemberGetsItsOwnCode() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importCSV(members: """
            member_id,name,joined_on,referred_by
            M1,A,2025-01-01,M3
            M2,B,2025-01-01,M1
            M3,C,2025-01-01,

            """, ledger: "txn_id,member_id,posted_on,kind,points\nT1,M3,2025-02-01,earn,5\n")
        #expect(summary.membersAdded == 3)
        var codes: [String] = []
        try fixture.store.forEachMember { codes.append($0.referralCode) }
        #expect(Set(codes).count == 3)
        #expect(try fixture.store.member("M1")?.referredBy == "M3")
    }
}

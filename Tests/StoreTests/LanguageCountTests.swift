import Foundation
import Testing
import PunchcardStore

@Suite struct LanguageCountTests {
    @Test func membersAreCountedPerLocaleWithoutLocaleFirst() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: """
            member_id,name,locale,joined_on
            A,A,fa-IR,2024-01-01
            B,B,en-US,2024-01-01
            C,C,,2024-01-01
            D,D,fa-IR,2024-01-01
            E,E,ar-SA,2024-01-01
            F,F,fa-IR,2024-01-01

            """)
        let counts = try fixture.store.membersByLocale()
        #expect(counts.map(\.locale) == [nil, "ar-SA", "en-US", "fa-IR"])
        #expect(counts.map(\.count) == [1, 1, 1, 3])
    }
}

@Suite struct ServerAddressTests {
    /// A scheme no opener is registered for (this test target registers none, not even PostgreSQL's).
    @Test func anUnknownServersAddressIsRefusedWithoutItsPassword() {
        for address in ["mysql://rewards:s3cret@db.example:5432/loyalty", "redis://db.example/loyalty?password=s3cret"] {
            do {
                _ = try MemberStore(path: address)
                Issue.record("opened \(address)")
            } catch {
                let text = "\(error)"
                #expect(text.contains("stores are not supported"))
                #expect(!text.contains("s3cret"))
            }
        }
    }
}

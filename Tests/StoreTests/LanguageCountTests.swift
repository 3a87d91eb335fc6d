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
    @Test func aDatabaseServersAddressIsRefusedWithoutItsPassword() {
        for address in ["postgres://rewards:s3cret@db.example:5432/loyalty", "postgresql://db.example/loyalty"] {
            do {
                _ = try MemberStore(path: address)
                Issue.record("opened \(address)")
            } catch {
                let text = "\(error)"
                #expect(text.contains("not supported by this release"))
                #expect(!text.contains("s3cret"))
            }
        }
    }
}

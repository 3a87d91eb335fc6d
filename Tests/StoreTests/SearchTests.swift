import Foundation
import Testing
import PunchcardStore

@Suite struct SearchTests {
    @Test func staffSearchMatchesWhatACounterTypes() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: """
            member_id,name,locale,joined_on
            M00012,José Álvarez,es-MX,2024-01-01
            M00013,علي كريمي,fa-IR,2024-01-01
            M00014,فاطمة الزهراء,ar-SA,2024-01-01
            M00015,محمد‌رضا,fa-IR,2024-01-01
            M00016,Joseph Smith,en-US,2024-01-01

            """)
        func found(_ query: String) throws -> [String] {
            try fixture.store.searchMembers(query, limit: 50, offset: 0).members.map(\.memberID)
        }
        #expect(try found("jose") == ["M00012", "M00016"])
        #expect(try found("ALVAREZ") == ["M00012"])
        #expect(try found("علی کریمی") == ["M00013"])   // Persian yeh and keheh find Arabic ones
        #expect(try found("فاطمه") == ["M00014"])        // heh finds teh marbuta
        #expect(try found("محمدرضا") == ["M00015"])      // without the zero-width non-joiner
        #expect(try found("M۰۰۰۱۵") == ["M00015"])       // Persian digits
        #expect(try found("م٠٠٠") == [])
        #expect(try found("٠٠٠١٣") == ["M00013"])        // Arabic-Indic digits
        #expect(try fixture.store.searchMembers("jose", limit: 50, offset: 0).total == 2)
    }
}

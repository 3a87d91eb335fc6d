import Foundation
import GRDB
import PunchcardLocalization
import PunchcardStatements

extension SQLiteStore {
    /// Members whose name, member_id, e-mail address or phone number contains `query` (all when
    /// it is empty), in member_id order, `limit` of them from `offset`. Both sides are folded
    /// (`SearchFolding`): case, accents, Arabic and Persian letter forms and digits do not matter.
    ///
    /// A query of three characters or more is looked up in the trigram index (`member_search_index`);
    /// a shorter one, which no trigram holds, reads the search texts (not the members) through.
    /// Matches are counted up to `MemberSearchPage.countLimit`; past it, the page is read by
    /// walking the search texts in member_id order, which stops as soon as the page is full.
    func searchMembers(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        let folded = SearchFolding.query(query)
        return try database.read { db in
            if folded.isEmpty {
                // Everyone with a search text: erased members have none.
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM member_search") ?? 0
                let members = try Row.fetchAll(db, sql: """
                    SELECT \(Self.memberColumns) FROM members WHERE member_id IN (
                        SELECT member_id FROM member_search ORDER BY member_id LIMIT ? OFFSET ?)
                    ORDER BY member_id
                    """, arguments: [limit, offset]).map(Self.member(from:))
                return MemberSearchPage(total: total, members: members)
            }
            let matching: String
            let pattern: String
            if folded.unicodeScalars.count >= 3 {
                // One FTS5 phrase: its trigrams one after another, which is the text as a substring.
                matching = """
                    SELECT s.member_id FROM member_search_index JOIN member_search s ON s.rowid = member_search_index.rowid
                    WHERE member_search_index MATCH ?
                    """
                pattern = "\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                matching = "SELECT member_id FROM member_search WHERE instr(folded, ?) > 0"
                pattern = folded
            }
            let limitCount = MemberSearchPage.countLimit
            let counted = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(matching) LIMIT ?)", arguments: [pattern, limitCount + 1]) ?? 0
            if counted <= limitCount {
                let members = try Row.fetchAll(db, sql: """
                    SELECT \(Self.memberColumns) FROM members WHERE member_id IN (\(matching))
                    ORDER BY member_id LIMIT ? OFFSET ?
                    """, arguments: [pattern, limit, offset]).map(Self.member(from:))
                return MemberSearchPage(total: counted, members: members)
            }
            // Many match: in member_id order, the page's members are found after few texts.
            let members = try Row.fetchAll(db, sql: """
                SELECT \(Self.memberColumns) FROM members WHERE member_id IN (
                    SELECT member_id FROM member_search WHERE instr(folded, ?) > 0 ORDER BY member_id LIMIT ? OFFSET ?)
                ORDER BY member_id
                """, arguments: [folded, limit, offset]).map(Self.member(from:))
            return MemberSearchPage(total: limitCount, members: members, totalIsLowerBound: true)
        }
    }

    /// The same search without the index: every member read and matched in Swift. What the index
    /// must agree with (tests compare the two), and how stores searched before it.
    func searchMembersByScan(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        let folded = Array(SearchFolding.query(query).utf8)
        var total = 0
        var page: [Member] = []
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.memberColumns) FROM members ORDER BY member_id")
            while let row = try rows.next() {
                let member = Self.member(from: row)
                guard !Erasure.isOpaque(member.memberID) else { continue }
                let text = Array(member.searchText.utf8)
                guard folded.isEmpty || text.firstRange(of: folded) != nil else { continue }
                if total >= offset && page.count < limit { page.append(member) }
                total += 1
            }
        }
        return MemberSearchPage(total: total, members: page)
    }
}

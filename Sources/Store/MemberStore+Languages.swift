import GRDB
import PunchcardSupport

extension MemberStore {
    /// How many members have each locale (nil: none given), for the build's language summary.
    public func membersByLocale() throws -> [(locale: String?, count: Int)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT locale, count(*) FROM members GROUP BY locale ORDER BY locale").map {
                ($0[0] as String?, $0[1] as Int)
            }
        }
    }

    /// Each (member locale, ledger description) pair of rows posted between two days: the texts a
    /// build will show, for `build --strict` to check their translations before writing. One scan.
    public func descriptionsByLocale(from start: CalendarDate, through end: CalendarDate) throws -> [(locale: String?, description: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT m.locale, l.description FROM ledger l JOIN members m ON m.member_id = l.member_id
                WHERE l.posted_on BETWEEN ? AND ? AND l.description IS NOT NULL AND l.description <> ''
                """, arguments: [start.description, end.description]).map { ($0[0] as String?, $0[1] as String) }
        }
    }
}

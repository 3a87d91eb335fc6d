import GRDB
import PunchcardSupport

extension SQLiteStore {
    /// How many members have each locale (nil: none given), for the build's language summary.
    /// Counted here as the members stream by: SQLite's `GROUP BY locale` (no index on it) sorts
    /// every member's row in memory first, which took 38 MB at a million members and stayed in the
    /// build's footprint to its end.
    func membersByLocale() throws -> [(locale: String?, count: Int)] {
        try database.read { db in
            var counts: [String?: Int] = [:]
            let locales = try String?.fetchCursor(db, sql: "SELECT locale FROM members")
            while let locale = try locales.next() { counts[locale, default: 0] += 1 }
            return counts.map { (locale: $0.key, count: $0.value) }
                .sorted { ($0.locale ?? "") < ($1.locale ?? "") || ($0.locale == nil && $1.locale != nil) }
        }
    }

    /// Each (member locale, ledger description) pair of rows posted between two days: the texts a
    /// build will show, for `build --strict` to check their translations before writing. One scan.
    func descriptionsByLocale(from start: CalendarDate, through end: CalendarDate) throws -> [(locale: String?, description: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT m.locale, l.description FROM ledger l JOIN members m ON m.member_id = l.member_id
                WHERE l.posted_on BETWEEN ? AND ? AND l.description IS NOT NULL AND l.description <> ''
                """, arguments: [start.description, end.description]).map { ($0[0] as String?, $0[1] as String) }
        }
    }
}

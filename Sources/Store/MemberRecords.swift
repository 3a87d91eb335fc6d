/// Everything the store holds about one member, table by table, every column as text: for a
/// member's copy of their data (`punchcard export`). Read generically — every table with a
/// `member_id` column, every column of it — so that a column or table added later is in the copy
/// without anyone remembering to add it; only `technicalTables` and `technicalColumns` are left
/// out, and a test holds the schema of both backends to that.
public struct MemberRecords: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [String]
        /// Each row's values in `columns` order; nil is SQL NULL.
        public var rows: [[String?]]

        public init(name: String, columns: [String], rows: [[String?]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    public var tables: [Table]

    public init(tables: [Table]) { self.tables = tables }

    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// Tables that hold nothing about a member but derive from other rows or keep the store's
    /// own bookkeeping. (`member_search`: the folded copy of the name, id, address and phone that
    /// the staff search reads, rebuilt from `members`; the others have no member in them.)
    public static let technicalTables: Set<String> = [
        "member_search", "member_search_index", "store_metadata", "grdb_migrations", "punchcard_migrations",
        // Who was erased: opaque ids, days and keyed hashes, no member's data (`Erasure`).
        "erasures",
    ]

    /// Columns left out of a member's tables: bookkeeping with no meaning outside the store.
    /// (`ledger_revision`: a random number replaced whenever the member's ledger grows, so that a
    /// build can skip unchanged members.)
    public static let technicalColumns: Set<String> = ["members.ledger_revision"]

    /// Whether a table's rows may be about a member: it has a `member_id` column and is not technical.
    /// FTS5's shadow tables (`member_search_index_data`, …) count as part of their index.
    public static func isTechnical(table: String) -> Bool {
        technicalTables.contains(table) || technicalTables.contains(where: { table.hasPrefix($0 + "_") && $0.hasSuffix("_index") })
    }
}

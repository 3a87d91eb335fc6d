import PostgresNIO
import PunchcardStore

extension PostgresStore {
    public func schema() throws -> [(table: String, columns: [String])] {
        try withSnapshot { session in try Self.schema(session) }
    }

    static func schema(_ session: PostgresSession) throws -> [(table: String, columns: [String])] {
        let rows = try session.rows(sql: """
            SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        var tables: [(table: String, columns: [String])] = []
        for row in rows {
            let table = try session.decode(row, 0, as: String.self), column = try session.decode(row, 1, as: String.self)
            if tables.last?.table == table { tables[tables.count - 1].columns.append(column) } else { tables.append((table, [column])) }
        }
        return tables
    }

    public func records(of memberID: String) throws -> MemberRecords {
        try withSnapshot { session in
            var tables: [MemberRecords.Table] = []
            for (table, columns) in try Self.schema(session) where columns.contains("member_id") && !MemberRecords.isTechnical(table: table) {
                let kept = columns.filter { !MemberRecords.technicalColumns.contains("\(table).\($0)") }
                let quoted = kept.map { "\"\($0)\"" }
                let rows = try session.rows(PostgresQuery(unsafeSQL: """
                    SELECT \(quoted.map { "\($0)::text" }.joined(separator: ", ")) FROM "\(table)" WHERE member_id = $1
                    ORDER BY \(quoted.joined(separator: ", "))
                    """, binds: Self.binds(memberID)))
                tables.append(MemberRecords.Table(name: table, columns: kept, rows: try rows.map { row in
                    try (0..<kept.count).map { try session.decode(row, $0, as: String?.self) }
                }))
            }
            return MemberRecords(tables: tables)
        }
    }
}

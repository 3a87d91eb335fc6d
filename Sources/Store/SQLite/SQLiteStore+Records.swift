import GRDB

extension SQLiteStore {
    func schema() throws -> [(table: String, columns: [String])] {
        try database.read { db in try schema(db).map { (table: $0.0, columns: $0.1) } }
    }

    func records(of memberID: String) throws -> MemberRecords {
        try database.read { db in
            var tables: [MemberRecords.Table] = []
            for (table, columns) in try schema(db) where columns.contains("member_id") && !MemberRecords.isTechnical(table: table) {
                let kept = columns.filter { !MemberRecords.technicalColumns.contains("\(table).\($0)") }
                let quoted = kept.map { "\"\($0)\"" }.joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT \(quoted) FROM \"\(table)\" WHERE member_id = ? ORDER BY \(quoted)",
                                            arguments: [memberID])
                tables.append(MemberRecords.Table(name: table, columns: kept, rows: rows.map { row in
                    (0..<kept.count).map { index in
                        let value = row[index] as DatabaseValue
                        switch value.storage {
                        case .null: return nil
                        case .int64(let number): return String(number)
                        case .double(let number): return String(number)
                        case .string(let text): return text
                        case .blob(let data): return data.base64EncodedString()
                        }
                    }
                }))
            }
            return MemberRecords(tables: tables)
        }
    }

    private func schema(_ db: Database) throws -> [(String, [String])] {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return try tables.map { table in (table, try db.columns(in: table).map(\.name)) }
    }
}

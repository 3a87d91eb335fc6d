import GRDB
import GRDBSQLite

/// A prepared INSERT bound through SQLite's C API. Bulk imports insert millions of ledger rows,
/// and GRDB's `StatementArguments` (an array of boxed values per row) costs more than the insert itself.
struct RowInserter {
    private let statement: GRDB.Statement
    private let db: Database
    private var index: Int32 = 0

    init(db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Tells SQLite to copy bound text, which lives only as long as the Swift string.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ text: String?) {
        index += 1
        guard var text else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        let statement = statement.sqliteStatement, index = index
        text.withUTF8 { bytes in
            // An empty buffer may have no address; SQLite needs one for "" rather than NULL.
            guard let base = bytes.baseAddress else {
                sqlite3_bind_text(statement, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                _ = sqlite3_bind_text(statement, index, chars, Int32(bytes.count), Self.transient)
            }
        }
    }

    mutating func bind(_ value: Int) {
        index += 1
        sqlite3_bind_int64(statement.sqliteStatement, index, Int64(value))
    }

    /// Runs the bound insert; returns whether a row was added (false when ON CONFLICT skipped it).
    mutating func execute() throws -> Bool {
        defer {
            index = 0
            sqlite3_reset(statement.sqliteStatement)
        }
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage,
                                sql: statement.sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }
}

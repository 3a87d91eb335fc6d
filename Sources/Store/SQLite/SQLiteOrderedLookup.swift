import Foundation
import GRDB
import GRDBSQLite

/// Rows of a query ordered by member_id, looked up member by member in the same order: a second
/// stream beside the members, read once (the build record's, the members' referral counts).
public final class SQLiteOrderedLookup {
    /// Stepped with SQLite's C API: GRDB's rows (a copy and a decoded member_id per row) were most
    /// of the cost of reading a row per member.
    private let statement: GRDB.Statement
    private let handle: OpaquePointer
    private var onRow: Bool

    public init(_ statement: GRDB.Statement) throws {
        self.statement = statement
        handle = statement.sqliteStatement
        onRow = false
        onRow = try step()
    }

    private func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }

    /// Moves to `memberID`'s row (asked in member_id order); false when it has none.
    public func seek(_ memberID: String) throws -> Bool {
        var id = memberID
        return try id.withUTF8 { key in
            while onRow {
                let length = Int(sqlite3_column_bytes(handle, 0))
                let order: Int32
                if let text = sqlite3_column_text(handle, 0) {
                    // SQLite's BINARY collation: bytes, then length.
                    let common = memcmp(text, key.baseAddress!, min(length, key.count))
                    order = common != 0 ? common : (length < key.count ? -1 : length > key.count ? 1 : 0)
                } else {
                    order = -1
                }
                if order == 0 { return true }
                if order > 0 { return false }
                onRow = try step()
            }
            return false
        }
    }

    public func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    public func data(_ column: Int32) -> Data? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    public func integer(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }
}

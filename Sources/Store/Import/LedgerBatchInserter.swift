import GRDB
import GRDBSQLite
import PunchcardStatements

/// Inserts ledger rows many at a time through SQLite's C API.
///
/// A bulk import adds millions of rows. Per row, GRDB's `StatementArguments` (boxed values) and
/// SQLite's per-statement setup cost more than the insert itself, so rows are gathered into
/// multi-row `INSERT … VALUES (…), (…)` statements whose text fields point into one reusable byte
/// arena (bound without copying). `ON CONFLICT DO NOTHING` keeps stored rows; when a batch adds
/// fewer rows than it holds, its rows are compared with what is stored, one by one.
struct LedgerBatchInserter {
    struct Pending {
        var line: Int
        var memberID: String
        var entry: LedgerEntry
        /// Offsets into the arena of txn_id, member_id, posted_on, kind, amount, description.
        var text: [(offset: Int, count: Int)?]
    }

    /// A row already stored under the same txn_id with other content.
    struct Conflict {
        var line: Int
        var txnID: String
        var difference: String
    }

    static let rowsPerStatement = 64
    static let columns = "txn_id, member_id, posted_on, kind, points, amount, description"

    private let db: Database
    private var fullBatch: GRDB.Statement
    private var pending: [Pending] = []
    private let arena: UnsafeMutableRawBufferPointer
    private var arenaUsed = 0
    private(set) var added = 0
    private(set) var alreadyPresent = 0

    init(db: Database) throws {
        self.db = db
        fullBatch = try db.makeStatement(sql: Self.sql(rows: Self.rowsPerStatement))
        arena = .allocate(byteCount: 1 << 20, alignment: 8)
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    /// Frees the arena. Call once, when done.
    func close() {
        arena.deallocate()
    }

    static func sql(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        return "INSERT INTO ledger (\(columns)) VALUES \(values) ON CONFLICT DO NOTHING"
    }

    /// Queues one row; returns the stored rows it or earlier rows conflict with, if a batch ran.
    mutating func add(line: Int, memberID: String, postedText: String, kindText: String,
                      entry: LedgerEntry) throws -> [Conflict] {
        let needed = entry.txnID.utf8.count + memberID.utf8.count + postedText.utf8.count + kindText.utf8.count
            + (entry.amount?.utf8.count ?? 0) + (entry.description?.utf8.count ?? 0)
        var conflicts: [Conflict] = []
        if arenaUsed + needed > arena.count || pending.count == Self.rowsPerStatement {
            conflicts = try flush()
        }
        if needed > arena.count { // a single row larger than the arena: insert it on its own
            try insertAlone(memberID: memberID, postedText: postedText, kindText: kindText, entry: entry, line: line,
                            conflicts: &conflicts)
            return conflicts
        }
        let text = [entry.txnID, memberID, postedText, kindText, entry.amount, entry.description].map { store($0) }
        pending.append(Pending(line: line, memberID: memberID, entry: entry, text: text))
        return conflicts
    }

    /// Inserts what is queued.
    mutating func flush() throws -> [Conflict] {
        guard !pending.isEmpty else { return [] }
        defer {
            pending.removeAll(keepingCapacity: true)
            arenaUsed = 0
        }
        if pending.count == Self.rowsPerStatement {
            return try run(fullBatch)
        }
        return try run(db.makeStatement(sql: Self.sql(rows: pending.count)))
    }

    private mutating func store(_ text: String?) -> (offset: Int, count: Int)? {
        guard var text else { return nil }
        let offset = arenaUsed
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                (arena.baseAddress! + offset).copyMemory(from: base, byteCount: bytes.count)
            }
        }
        let count = text.utf8.count
        arenaUsed += count
        return (offset, count)
    }

    private mutating func run(_ statement: GRDB.Statement) throws -> [Conflict] {
        let handle = statement.sqliteStatement
        var index: Int32 = 0
        for row in pending {
            for (column, slice) in row.text.enumerated() {
                index += 1
                if column == 4 { // points sits between kind and amount
                    sqlite3_bind_int64(handle, index, Int64(row.entry.points))
                    index += 1
                }
                if let slice {
                    let pointer = (arena.baseAddress! + slice.offset).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, pointer, Int32(slice.count), nil) // nil: SQLITE_STATIC
                } else {
                    sqlite3_bind_null(handle, index)
                }
            }
        }
        let code = sqlite3_step(handle)
        let changes = Int(sqlite3_changes(db.sqliteConnection))
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
        added += changes
        guard changes < pending.count else { return [] }
        // Some rows were already stored (a re-import): each must match what is stored.
        var conflicts: [Conflict] = []
        for row in pending {
            if let difference = try LedgerImport.difference(from: row.entry, memberID: row.memberID, db: db) {
                conflicts.append(Conflict(line: row.line, txnID: row.entry.txnID, difference: difference))
            }
        }
        alreadyPresent += pending.count - changes - conflicts.count
        return conflicts
    }

    private mutating func insertAlone(memberID: String, postedText: String, kindText: String, entry: LedgerEntry,
                                      line: Int, conflicts: inout [Conflict]) throws {
        try db.execute(sql: Self.sql(rows: 1), arguments: [
            entry.txnID, memberID, postedText, kindText, entry.points, entry.amount, entry.description,
        ])
        if db.changesCount == 1 {
            added += 1
        } else if let difference = try LedgerImport.difference(from: entry, memberID: memberID, db: db) {
            conflicts.append(Conflict(line: line, txnID: entry.txnID, difference: difference))
        } else {
            alreadyPresent += 1
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite
import PunchcardStatements
import PunchcardSupport

/// Inserts ledger rows many at a time through SQLite's C API.
///
/// A bulk import adds millions of rows. Per row, GRDB's `StatementArguments` (boxed values) and
/// SQLite's per-statement setup cost more than the insert itself, so rows are gathered into
/// multi-row `INSERT … VALUES (…), (…)` statements whose text fields point into one reusable byte
/// arena (bound without copying). `ON CONFLICT DO NOTHING` keeps stored rows; when a batch adds
/// fewer rows than it holds, its rows are compared with what is stored, one by one.
struct LedgerBatchInserter: LedgerSink {
    /// Where a text value sits in the arena; a negative count stands for NULL.
    struct TextRef {
        var offset: Int32
        var count: Int32
    }

    /// A queued row: its text lives in the arena, so queuing copies bytes and retains nothing.
    struct Pending {
        var line: Int
        var points: Int
        var txnID, memberID, postedOn, kind, amount, description, source: TextRef
    }

    static let rowsPerStatement = 64
    static let columns = "txn_id, member_id, posted_on, kind, points, amount, description, source"
    static let columnCount: Int32 = 8

    private let db: Database
    private var fullBatch: GRDB.Statement
    /// Finds a stored row identical to a queued one (re-imports: most rows are already there).
    private let sameRow: GRDB.Statement
    private var pending: [Pending] = []
    private let arena: UnsafeMutableRawBufferPointer
    private var arenaUsed = 0
    private(set) var added = 0
    private(set) var alreadyPresent = 0
    /// Members who gained rows and whose `ledger_revision` is still to be bumped.
    private var gainedRows: Set<String> = []
    private let bumpRevision: GRDB.Statement
    let revision = ImportRun.newRevision()

    init(db: Database) throws {
        self.db = db
        fullBatch = try db.makeStatement(sql: Self.sql(rows: Self.rowsPerStatement))
        sameRow = try db.makeStatement(sql: """
            SELECT 1 FROM ledger WHERE txn_id = ? AND member_id = ? AND posted_on = ? AND kind = ? AND points = ?
                AND amount IS ? AND description IS ? AND source IS ?
            """)
        arena = .allocate(byteCount: 1 << 20, alignment: 8)
        pending.reserveCapacity(Self.rowsPerStatement)
        bumpRevision = try db.makeStatement(sql: "UPDATE members SET ledger_revision = ? WHERE member_id = ?")
    }

    /// Frees the arena. Call once, when done.
    func close() {
        arena.deallocate()
    }

    static func sql(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        return "INSERT INTO ledger (\(columns)) VALUES \(values) ON CONFLICT DO NOTHING"
    }

    /// Queues one valid row; returns the stored rows that queued rows conflict with, if a batch ran.
    mutating func add(line: Int, txnID: String, memberID: String, postedOn: String, kind: String, points: Int,
                      amount: String?, description: String?, source: String?) throws -> [LedgerConflict] {
        let needed = txnID.utf8.count + memberID.utf8.count + postedOn.utf8.count + kind.utf8.count
            + (amount?.utf8.count ?? 0) + (description?.utf8.count ?? 0) + (source?.utf8.count ?? 0)
        var conflicts: [LedgerConflict] = []
        if arenaUsed + needed > arena.count || pending.count == Self.rowsPerStatement {
            conflicts = try flush()
        }
        if needed > arena.count {
            throw DatabaseError(message: "line \(line): a ledger row of \(needed) bytes is larger than the import buffer")
        }
        pending.append(Pending(
            line: line, points: points,
            txnID: store(txnID), memberID: store(memberID), postedOn: store(postedOn), kind: store(kind),
            amount: store(amount), description: store(description), source: store(source)))
        return conflicts
    }

    /// Inserts what is queued and bumps the revision of every member who gained rows.
    mutating func finish() throws -> [LedgerConflict] {
        let conflicts = try flush()
        try bumpRevisions()
        return conflicts
    }

    /// Inserts what is queued.
    private mutating func flush() throws -> [LedgerConflict] {
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

    private mutating func store(_ text: String?) -> TextRef {
        guard var text else { return TextRef(offset: 0, count: -1) }
        let offset = arenaUsed
        let count = text.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                (arena.baseAddress! + offset).copyMemory(from: base, byteCount: bytes.count)
            }
            return bytes.count
        }
        arenaUsed += count
        return TextRef(offset: Int32(offset), count: Int32(count))
    }

    private mutating func run(_ statement: GRDB.Statement) throws -> [LedgerConflict] {
        let handle = statement.sqliteStatement
        for (number, row) in pending.enumerated() {
            bind(row, to: handle, from: Int32(number) * Self.columnCount)
        }
        let code = sqlite3_step(handle)
        let changes = Int(sqlite3_changes(db.sqliteConnection))
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
        added += changes
        if changes > 0 {
            // All the batch's members, when only some rows were new: at worst a page is rebuilt
            // that did not need to be. Consecutive rows are mostly the same member's.
            var previous: TextRef?
            for row in pending where previous.map({ !sameText($0, row.memberID) }) ?? true {
                gainedRows.insert(text(row.memberID)!)
                previous = row.memberID
            }
            if gainedRows.count >= 50_000 { try bumpRevisions() } // bounds memory on huge imports
        }
        guard changes < pending.count else { return [] }
        // Some rows were already stored (a re-import): each must match what is stored.
        var conflicts: [LedgerConflict] = []
        for row in pending {
            bind(row, to: sameRow.sqliteStatement, from: 0)
            let found = sqlite3_step(sameRow.sqliteStatement)
            sqlite3_reset(sameRow.sqliteStatement)
            if found == SQLITE_ROW { continue }
            let entry = LedgerEntry(
                txnID: text(row.txnID)!, postedOn: CalendarDate(iso: text(row.postedOn)!)!,
                kind: LedgerKind(rawValue: text(row.kind)!)!, points: row.points,
                amount: text(row.amount), description: text(row.description), source: text(row.source))
            if let difference = try LedgerImport.difference(from: entry, memberID: text(row.memberID)!,
                                                            stored: SQLiteImportTarget.storedLedgerRow(txnID: entry.txnID, db: db)) {
                conflicts.append(LedgerConflict(line: row.line, txnID: entry.txnID, difference: difference))
            }
        }
        alreadyPresent += pending.count - changes - conflicts.count
        return conflicts
    }

    private mutating func bumpRevisions() throws {
        for memberID in gainedRows {
            try bumpRevision.execute(arguments: [revision, memberID])
        }
        gainedRows.removeAll(keepingCapacity: true)
    }

    private func sameText(_ a: TextRef, _ b: TextRef) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return memcmp(arena.baseAddress! + Int(a.offset), arena.baseAddress! + Int(b.offset), Int(a.count)) == 0
    }

    /// Binds a row's eight values, in the column order of `columns`, after parameter `offset`.
    private func bind(_ row: Pending, to handle: OpaquePointer, from offset: Int32) {
        let base = arena.baseAddress!
        var index = offset
        func bind(_ text: TextRef) {
            index += 1
            if text.count < 0 {
                sqlite3_bind_null(handle, index)
            } else {
                let pointer = (base + Int(text.offset)).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(handle, index, pointer, text.count, nil) // nil: SQLITE_STATIC, no copy
            }
        }
        bind(row.txnID)
        bind(row.memberID)
        bind(row.postedOn)
        bind(row.kind)
        index += 1
        sqlite3_bind_int64(handle, index, Int64(row.points))
        bind(row.amount)
        bind(row.description)
        bind(row.source)
    }

    /// The text a reference points to, read back from the arena (nil for NULL).
    private func text(_ reference: TextRef) -> String? {
        guard reference.count >= 0 else { return nil }
        let bytes = UnsafeRawBufferPointer(start: arena.baseAddress! + Int(reference.offset), count: Int(reference.count))
        return String(decoding: bytes, as: UTF8.self)
    }
}

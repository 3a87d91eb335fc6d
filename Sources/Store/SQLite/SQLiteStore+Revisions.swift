import Foundation
import GRDB
import GRDBSQLite
import PunchcardStatements
import PunchcardSupport

extension SQLiteStore {
    /// Streams every member in member_id order with their referral count and ledger revision.
    /// Reads the members table only, so it costs a small part of a pass over the ledger. The
    /// referral counts come from one grouped pass over the referrers' index, beside the members
    /// (a subquery per member was most of the stream's cost).
    func forEachStoredMember(referralsThrough end: CalendarDate, _ body: (StoredMember) throws -> Void) throws {
        try database.read { db in
            let members = try Row.fetchCursor(
                db, sql: "SELECT \(Self.memberColumns), ledger_revision FROM members ORDER BY member_id")
            let referralQuery = try db.makeStatement(sql: """
                SELECT referred_by, count(*) FROM members WHERE referred_by IS NOT NULL AND joined_on <= ?
                GROUP BY referred_by ORDER BY referred_by
                """)
            try referralQuery.setArguments([end.description])
            let referrals = try SQLiteOrderedLookup(referralQuery)
            while let row = try members.next() {
                let member = Self.member(from: row)
                let referred = try referrals.seek(member.memberID) ? referrals.integer(1) ?? 0 : 0
                try body(StoredMember(member: member, referredCount: referred, ledgerRevision: row[11]))
            }
        }
    }

    /// Calls `body` with a reader of members' ledgers on a connection of its own, inside one read
    /// transaction: several threads can each read while another streams the members, each sees
    /// one snapshot of the store, and no per-member transaction is paid for.
    func withLedgerReader<T>(_ body: (any LedgerReader) throws -> T) throws -> T {
        var configuration = Self.configuration()
        configuration.readonly = true
        configuration.label = "punchcard.ledger-reader"
        configuration.prepareDatabase { db in
            // Point lookups in a clustered table need few pages; one reader per core.
            try db.execute(sql: "PRAGMA cache_size = -2048")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in try body(try SQLiteLedgerReader(db: db)) }
    }
}

/// Reads one member's ledger rows at a time with SQLite's C API. Valid only inside `withLedgerReader`, on its thread.
struct SQLiteLedgerReader: LedgerReader {
    private let statement: GRDB.Statement
    private let referrals: GRDB.Statement

    init(db: Database) throws {
        statement = try db.makeStatement(sql: """
            SELECT \(SQLiteStore.ledgerColumnsWithDetailsFrom)
            FROM ledger WHERE member_id = :member AND posted_on <= :end ORDER BY posted_on, txn_id
            """)
        referrals = try db.makeStatement(sql: "SELECT count(*) FROM members WHERE referred_by = ? AND joined_on <= ?")
    }

    /// Members referred by this one who joined on or before `end` (for a period other than the
    /// one the members were streamed for).
    func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try Int.fetchOne(referrals, arguments: [memberID, end.description]) ?? 0
    }

    /// The member's rows posted on or before `end`, in rule order; rows before `detailsFrom` come
    /// without their txn_id, amount and description, as in `forEachMember(through:detailsFrom:)`.
    /// Columns are read straight from SQLite: this runs once per member in every build.
    func entries(of memberID: String, through end: CalendarDate, detailsFrom: CalendarDate) throws -> [LedgerEntry] {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        // SQLITE_TRANSIENT: SQLite copies the text, which lives only for this call.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func bind(_ name: String, _ value: String) {
            sqlite3_bind_text(handle, sqlite3_bind_parameter_index(handle, name), value, -1, transient)
        }
        bind(":details", detailsFrom.description)
        bind(":member", memberID)
        bind(":end", end.description)

        func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard let start = sqlite3_column_text(handle, column) else { return nil }
            return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
        }
        func text(_ column: Int32) -> String? {
            bytes(column).map { String(decoding: $0, as: UTF8.self) }
        }
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(64)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
            entries.append(LedgerEntry(
                txnID: text(0) ?? "",
                postedOn: bytes(1).flatMap { CalendarDate(isoBytes: $0) } ?? SQLiteStore.endOfTime,
                kind: bytes(2).flatMap { LedgerKind(rawBytes: $0) } ?? .adjust,
                points: Int(sqlite3_column_int64(handle, 3)),
                amount: text(4),
                description: text(5),
                source: text(6)))
        }
        return entries
    }
}

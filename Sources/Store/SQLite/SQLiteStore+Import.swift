import Foundation
import GRDB
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

extension SQLiteStore {
    func importCSV(_ files: ImportFiles, maxProblems: Int,
                   progress: (@Sendable (ImportProgress) -> Void)?, reportedPath: String) throws -> ImportSummary {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
        }
        defer {
            try? database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(Self.readCacheKiB)")
            }
        }
        return try ImportRun.perform(
            files, maxProblems: maxProblems, progress: progress,
            storePath: reportedPath, wrap: { StoreError.wrapping($0, path: reportedPath) }
        ) { body in
            // IMMEDIATE: take the write lock up front (waiting for another writer, bounded by the
            // busy timeout), rather than failing half-way when a read turns into a write.
            try database.writeWithoutTransaction { db in try db.inTransaction(.immediate) {
                try body(SQLiteImportTarget(db: db))
                return .commit
            } }
        }
    }
}

/// The import's lookups and writes as SQLite statements, in the import's transaction.
final class SQLiteImportTarget: ImportTarget {
    let db: Database
    /// `member_search`'s last rowid before this import's first new member (nil: none yet): rows
    /// after it are new, and go into the search index at `finishMembers`.
    private var searchRowsBefore: Int64?
    /// Whether a member's search text changed (its old text is kept in `temp.search_changes`).
    private var searchTextsChanged = false

    init(db: Database) { self.db = db }

    /// One connection, one transaction: a member inserted is found by the next query.
    var seesItsOwnNewMembers: Bool { true }

    private func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? false
    }

    func hasMembers() throws -> Bool { try exists("SELECT EXISTS (SELECT 1 FROM members)", []) }

    func memberExists(_ memberID: String) throws -> Bool {
        try exists("SELECT EXISTS (SELECT 1 FROM members WHERE member_id = ?)", [memberID])
    }

    func storedMember(_ memberID: String) throws -> Member? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteStore.memberColumns) FROM members WHERE member_id = ?"),
                         arguments: [memberID]).map(SQLiteStore.member(from:))
    }

    func referralCodeOwner(_ code: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT member_id FROM members WHERE referral_code = ?"), arguments: [code])
    }

    static func arguments(for member: Member) -> StatementArguments {
        [member.memberID, member.name, member.email, member.phone, member.locale,
         member.joinedOn.description, member.referredBy, member.status.rawValue,
         member.referralCode, member.attributesJSON, member.token]
    }

    func insertMember(_ member: Member) throws {
        try db.cachedStatement(sql: "INSERT INTO members (\(SQLiteStore.memberColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: Self.arguments(for: member))
        try insertSearchText(member)
    }

    /// The staff index's search text for a new member; indexed at `finishMembers`.
    private func insertSearchText(_ member: Member) throws {
        if searchRowsBefore == nil {
            searchRowsBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM member_search") ?? 0
        }
        try db.cachedStatement(sql: "INSERT INTO member_search (member_id, folded) VALUES (?, ?)")
            .execute(arguments: [member.memberID, member.searchText])
    }

    /// A stored member's search text, when it changed: the old text noted for the index (its
    /// entries are taken out at `finishMembers`), the new one written.
    private func updateSearchText(_ member: Member) throws {
        let text = member.searchText
        guard let (rowid, old) = try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid, folded FROM member_search WHERE member_id = ?"),
                                                  arguments: [member.memberID]).map({ ($0[0] as Int64, $0[1] as String) }) else {
            return try insertSearchText(member)
        }
        guard old != text else { return }
        if !searchTextsChanged {
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS search_changes (id INTEGER PRIMARY KEY, old TEXT NOT NULL)")
            searchTextsChanged = true
        }
        // The first old text is the one the index holds.
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.search_changes (id, old) VALUES (?, ?)").execute(arguments: [rowid, old])
        try db.cachedStatement(sql: "UPDATE member_search SET folded = ? WHERE rowid = ?").execute(arguments: [text, rowid])
    }

    func updateMember(_ member: Member) throws {
        var arguments = Self.arguments(for: member)
        arguments += [member.memberID]
        try db.cachedStatement(sql: """
            UPDATE members SET member_id = ?, name = ?, email = ?, phone = ?, locale = ?, joined_on = ?,
                referred_by = ?, status = ?, referral_code = ?, attributes = ?, token = ?
            WHERE member_id = ?
            """).execute(arguments: arguments)
        try updateSearchText(member)
    }

    /// The search index brought up to date in three statements (each one write of FTS5's
    /// pending terms): changed texts out and in again, new ones in.
    func finishMembers() throws {
        if searchTextsChanged {
            try db.execute(sql: """
                INSERT INTO member_search_index (member_search_index, rowid, folded) SELECT 'delete', id, old FROM temp.search_changes;
                INSERT INTO member_search_index (rowid, folded)
                    SELECT s.rowid, s.folded FROM temp.search_changes c JOIN member_search s ON s.rowid = c.id;
                DROP TABLE temp.search_changes;
                """)
            searchTextsChanged = false
        }
        if let before = searchRowsBefore {
            try db.execute(sql: "INSERT INTO member_search_index (rowid, folded) SELECT rowid, folded FROM member_search WHERE rowid > ?",
                           arguments: [before])
            searchRowsBefore = nil
        }
    }

    func erasureSalt() throws -> [UInt8]? {
        guard try exists("SELECT EXISTS (SELECT 1 FROM erasures)", []),
              let hex = try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'") else { return nil }
        return ErasureKey.salt(fromHex: hex)
    }

    func erasure(key: String) throws -> Erasure? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT opaque_id, erased_at FROM erasures WHERE key = ?"), arguments: [key])
            .map { Erasure(opaqueID: $0[0], erasedAt: $0[1]) }
    }

    func removeErasure(key: String) throws {
        try db.execute(sql: "DELETE FROM erasures WHERE key = ?", arguments: [key])
    }

    func hasLedgerRows() throws -> Bool { try exists("SELECT EXISTS (SELECT 1 FROM ledger)", []) }

    func hasLedgerRows(of memberID: String) throws -> Bool {
        try exists("SELECT EXISTS (SELECT 1 FROM ledger WHERE member_id = ?)", [memberID])
    }

    func storedLedgerRow(txnID: String) throws -> (memberID: String, entry: LedgerEntry)? {
        try Self.storedLedgerRow(txnID: txnID, db: db)
    }

    static func storedLedgerRow(txnID: String, db: Database) throws -> (memberID: String, entry: LedgerEntry)? {
        let lookup = try db.cachedStatement(sql: "SELECT member_id, \(SQLiteStore.ledgerColumns) FROM ledger WHERE txn_id = ?")
        return try Row.fetchOne(lookup, arguments: [txnID]).map(SQLiteStore.keyedEntry(from:))
    }

    func makeLedgerSink() throws -> any LedgerSink { try LedgerBatchInserter(db: db) }

    func ledgerRows(of memberID: String, ifRevision revision: Int64) throws -> [(txnID: String, kind: String, points: Int)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT txn_id, kind, points FROM ledger
            WHERE member_id = ? AND (SELECT ledger_revision FROM members WHERE member_id = ?) = ?
            ORDER BY posted_on, txn_id
            """), arguments: [memberID, memberID, revision]).map { ($0[0], $0[1], $0[2]) }
    }

    func storedAnswer(memberID: String, day: String) throws -> (score: Int, comment: String?)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT score, comment FROM surveys WHERE member_id = ? AND answered_on = ?"),
                         arguments: [memberID, day]).map { ($0[0], $0[1]) }
    }

    func insertAnswer(memberID: String, day: String, score: Int, comment: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO surveys (member_id, answered_on, score, comment) VALUES (?, ?, ?, ?)")
            .execute(arguments: [memberID, day, score, comment])
    }

    func storedMembership(memberID: String, plan: String) throws -> Membership? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteStore.membershipColumns) FROM memberships WHERE member_id = ? AND plan = ?"),
                         arguments: [memberID, plan]).flatMap(SQLiteStore.membership(from:))
    }

    func saveMembership(_ membership: Membership) throws {
        try db.cachedStatement(sql: """
            INSERT INTO memberships (member_id, plan, started_on, renews_on, status) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (member_id, plan) DO UPDATE SET started_on = excluded.started_on, renews_on = excluded.renews_on,
                status = excluded.status
            """).execute(arguments: [membership.memberID, membership.plan, membership.startedOn.description,
                                     membership.renewsOn.description, membership.status.rawValue])
        try db.cachedStatement(sql: "UPDATE members SET ledger_revision = ? WHERE member_id = ?")
            .execute(arguments: [ImportRun.newRevision(), membership.memberID])
    }

    func storedCoupon(memberID: String, offer: String) throws -> Coupon? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteStore.couponColumns) FROM coupons WHERE member_id = ? AND offer = ?"),
                         arguments: [memberID, offer]).flatMap(SQLiteStore.coupon(from:))
    }

    func couponHolder(offer: String, code: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT member_id FROM coupons WHERE offer = ? AND code = ?"),
                            arguments: [offer, code])
    }

    func saveCoupon(_ coupon: Coupon) throws {
        try db.cachedStatement(sql: """
            INSERT INTO coupons (member_id, offer, code, expires_on) VALUES (?, ?, ?, ?)
            ON CONFLICT (member_id, offer) DO UPDATE SET code = excluded.code, expires_on = excluded.expires_on
            """).execute(arguments: [coupon.memberID, coupon.offer, coupon.code, coupon.expiresOn.description])
        try db.cachedStatement(sql: "UPDATE members SET ledger_revision = ? WHERE member_id = ?")
            .execute(arguments: [ImportRun.newRevision(), coupon.memberID])
    }

    func recordImportTime(_ time: String) throws {
        try db.execute(sql: """
            INSERT INTO store_metadata (key, value) VALUES ('last_import', ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [time])
    }
}

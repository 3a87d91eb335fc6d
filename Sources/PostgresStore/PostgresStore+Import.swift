import Foundation
import NIOCore
import PostgresNIO
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

extension PostgresStore {
    /// The same checks as the SQLite store's (`ImportRun`), in one transaction on a connection of
    /// its own: new members and ledger rows go in by `COPY … FROM STDIN`, and everything is rolled
    /// back on the first problem. One import at a time: the import locks the tables against other
    /// writers (readers go on, seeing the store as it was until the commit).
    public func importCSV(_ files: ImportFiles, maxProblems: Int,
                          progress: (@Sendable (ImportProgress) -> Void)?, reportedPath: String) throws -> ImportSummary {
        let address = self.address
        return try ImportRun.perform(
            files, maxProblems: maxProblems, progress: progress,
            storePath: reportedPath, wrap: { PostgresErrors.storeError($0, address: address) }
        ) { body in
            let session = try PostgresSession.connect(address)
            defer { session.close() }
            try session.transaction {
                // A first import makes the store's tables, committed only with its rows.
                if schemaPending.withLock({ $0 }) { try PostgresSchema.apply(session, create: true) }
                try session.execute(sql: "SET LOCAL lock_timeout = '\(Int(MemberStore.busyTimeout))s'")
                try session.execute(sql: "LOCK TABLE members, ledger, surveys, memberships, coupons, store_metadata IN SHARE ROW EXCLUSIVE MODE")
                let target = PostgresImportTarget(session: session)
                try body(target)
            }
            schemaPending.withLock { $0 = false }
        }
    }
}

/// The import's lookups as queries in the import's transaction; new members and ledger rows
/// gathered into COPY batches.
final class PostgresImportTarget: ImportTarget {
    let session: PostgresSession
    /// New members, in COPY text, not yet sent.
    private var newMembers = CopyText()
    /// New members' search texts (`member_search`), sent after the members they belong to.
    private var newSearchTexts = CopyText()
    static let copyBatchBytes = 4 << 20

    init(session: PostgresSession) { self.session = session }

    /// New members wait in a COPY batch until `finishMembers` (or a full batch) sends them.
    var seesItsOwnNewMembers: Bool { false }

    private func exists(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> Bool {
        try session.value(PostgresQuery(unsafeSQL: "SELECT EXISTS (\(sql))", binds: binds), as: Bool.self) ?? false
    }

    func hasMembers() throws -> Bool { try exists("SELECT 1 FROM members") }

    // MARK: Stored members, a range at a time

    /// Stored members from `storedRange.low` to `storedRange.high` (byte order; nil: to the end),
    /// as they were before this import, with their ledger revision. An import's files usually come
    /// sorted by member_id (an export of another system): a lookup outside the range fetches the
    /// next `storedBatch` members in one query, so a file of N members costs about N ÷ 1,024 round
    /// trips rather than N. Members this import adds are never looked up here (the checks know
    /// them from the file).
    private var stored: [String: (member: Member, revision: Int)] = [:]
    private var storedRange: (low: String, high: String?)?
    static let storedBatch = 1024

    private func storedRow(_ memberID: String) throws -> (member: Member, revision: Int)? {
        if let range = storedRange, !memberID.utf8.lexicographicallyPrecedes(range.low.utf8),
           range.high.map({ !$0.utf8.lexicographicallyPrecedes(memberID.utf8) }) ?? true {
            return stored[memberID]
        }
        var binds = PostgresStore.binds(memberID)
        binds.append(Self.storedBatch)
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresStore.memberColumns), ledger_revision FROM members WHERE member_id >= $1
            ORDER BY member_id LIMIT $2
            """, binds: binds))
        stored.removeAll(keepingCapacity: true)
        var last: String?
        do {
            for row in rows {
                let row = row.makeRandomAccess()
                let member = try PostgresStore.member(from: row)
                stored[member.memberID] = (member, try row[11].decode(Int.self))
                last = member.memberID
            }
        } catch {
            throw PostgresErrors.storeError(error, address: session.address)
        }
        storedRange = (memberID, rows.count < Self.storedBatch ? nil : last)
        return stored[memberID]
    }

    func memberExists(_ memberID: String) throws -> Bool { try storedRow(memberID) != nil }

    func storedMember(_ memberID: String) throws -> Member? { try storedRow(memberID)?.member }

    func referralCodeOwner(_ code: String) throws -> String? {
        try session.value(PostgresQuery(unsafeSQL: "SELECT member_id FROM members WHERE referral_code = $1", binds: PostgresStore.binds(code)),
                          as: String.self)
    }

    func insertMember(_ member: Member) throws {
        for text in [member.memberID, member.name, member.email, member.phone, member.locale, member.joinedOn.description,
                     member.referredBy, member.status.rawValue, member.referralCode, member.attributesJSON, member.token] {
            newMembers.field(text)
        }
        newMembers.endRow()
        newSearchTexts.field(member.memberID)
        newSearchTexts.field(member.searchText)
        newSearchTexts.endRow()
        if newMembers.byteCount >= Self.copyBatchBytes { try sendNewMembers() }
    }

    private func sendNewMembers() throws {
        guard newMembers.byteCount > 0 else { return }
        try session.copy(into: "members", columns: PostgresStore.memberColumns.components(separatedBy: ", "), data: newMembers.buffer)
        newMembers.clear()
        try session.copy(into: "member_search", columns: ["member_id", "folded"], data: newSearchTexts.buffer)
        newSearchTexts.clear()
    }

    func updateMember(_ member: Member) throws {
        try session.execute(PostgresQuery(unsafeSQL: """
            UPDATE members SET name = $2, email = $3, phone = $4, locale = $5, joined_on = $6, referred_by = $7,
                status = $8, referral_code = $9, attributes = $10, token = $11
            WHERE member_id = $1
            """, binds: PostgresStore.binds(member.memberID, member.name, member.email, member.phone, member.locale,
                              member.joinedOn.description, member.referredBy, member.status.rawValue, member.referralCode,
                              member.attributesJSON, member.token)))
        try session.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO member_search (member_id, folded) VALUES ($1, $2)
            ON CONFLICT (member_id) DO UPDATE SET folded = excluded.folded WHERE member_search.folded <> excluded.folded
            """, binds: PostgresStore.binds(member.memberID, member.searchText)))
    }

    func finishMembers() throws { try sendNewMembers() }

    func erasureSalt() throws -> [UInt8]? {
        guard try exists("SELECT 1 FROM erasures"),
              let hex = try session.value(PostgresQuery(unsafeSQL: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'"),
                                          as: String.self) else { return nil }
        return ErasureKey.salt(fromHex: hex)
    }

    func erasure(key: String) throws -> Erasure? {
        guard let row = try session.rows(PostgresQuery(unsafeSQL: "SELECT opaque_id, erased_at FROM erasures WHERE key = $1",
                                                       binds: PostgresStore.binds(key))).first else { return nil }
        return Erasure(opaqueID: try session.decode(row, 0, as: String.self), erasedAt: try session.decode(row, 1, as: String.self))
    }

    func removeErasure(key: String) throws {
        _ = try session.execute(PostgresQuery(unsafeSQL: "DELETE FROM erasures WHERE key = $1", binds: PostgresStore.binds(key)))
    }

    func hasLedgerRows() throws -> Bool { try exists("SELECT 1 FROM ledger") }

    /// A member who ever gained ledger rows has a revision other than 0 (`ImportRun.newRevision`
    /// is never 0, and PostgreSQL stores have had revisions from their first import).
    func hasLedgerRows(of memberID: String) throws -> Bool { try (storedRow(memberID)?.revision ?? 0) != 0 }

    func storedLedgerRow(txnID: String) throws -> (memberID: String, entry: LedgerEntry)? {
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT member_id, txn_id, posted_on, kind, points, amount, description, source FROM ledger WHERE txn_id = $1
            """, binds: PostgresStore.binds(txnID)))
        return try rows.first.map { row in
            do {
                let row = row.makeRandomAccess()
                return (try row[0].decode(String.self), try PostgresStore.entry(from: row, offset: 1))
            } catch {
                throw PostgresErrors.storeError(error, address: session.address)
            }
        }
    }

    func makeLedgerSink() throws -> any LedgerSink { try PostgresLedgerSink(target: self) }

    func ledgerRows(of memberID: String, ifRevision revision: Int64) throws -> [(txnID: String, kind: String, points: Int)] {
        var binds = PostgresStore.binds(memberID)
        binds.append(revision)
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT txn_id, kind, points FROM ledger
            WHERE member_id = $1 AND (SELECT ledger_revision FROM members WHERE member_id = $1) = $2
            ORDER BY posted_on, txn_id
            """, binds: binds))
        return try rows.map { row in
            (try session.decode(row, 0, as: String.self), try session.decode(row, 1, as: String.self),
             try session.decode(row, 2, as: Int.self))
        }
    }

    func storedAnswer(memberID: String, day: String) throws -> (score: Int, comment: String?)? {
        let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT score, comment FROM surveys WHERE member_id = $1 AND answered_on = $2",
                                                  binds: PostgresStore.binds(memberID, day)))
        return try rows.first.map { row in
            (try session.decode(row, 0, as: Int.self), try session.decode(row, 1, as: String?.self))
        }
    }

    func insertAnswer(memberID: String, day: String, score: Int, comment: String?) throws {
        var binds = PostgresStore.binds(memberID, day)
        binds.append(score)
        binds.append(comment)
        try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO surveys (member_id, answered_on, score, comment) VALUES ($1, $2, $3, $4)",
                                          binds: binds))
    }

    func storedMembership(memberID: String, plan: String) throws -> Membership? {
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT member_id, plan, started_on, renews_on, status FROM memberships WHERE member_id = $1 AND plan = $2
            """, binds: PostgresStore.binds(memberID, plan)))
        return try rows.first.flatMap { row in try PostgresStore.membership(from: row.makeRandomAccess(), address: session.address) }
    }

    func saveMembership(_ membership: Membership) throws {
        try session.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO memberships (member_id, plan, started_on, renews_on, status) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (member_id, plan) DO UPDATE SET started_on = excluded.started_on, renews_on = excluded.renews_on,
                status = excluded.status
            """, binds: PostgresStore.binds(membership.memberID, membership.plan, membership.startedOn.description,
                                             membership.renewsOn.description, membership.status.rawValue)))
        var binds = PostgresBindings()
        binds.append(ImportRun.newRevision())
        binds.append(membership.memberID)
        try session.execute(PostgresQuery(unsafeSQL: "UPDATE members SET ledger_revision = $1 WHERE member_id = $2", binds: binds))
    }

    func storedCoupon(memberID: String, offer: String) throws -> Coupon? {
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT member_id, offer, code, expires_on FROM coupons WHERE member_id = $1 AND offer = $2
            """, binds: PostgresStore.binds(memberID, offer)))
        return try rows.first.flatMap { row in try PostgresStore.coupon(from: row.makeRandomAccess(), address: session.address) }
    }

    func couponHolder(offer: String, code: String) throws -> String? {
        let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT member_id FROM coupons WHERE offer = $1 AND code = $2",
                                                  binds: PostgresStore.binds(offer, code)))
        do {
            return try rows.first.map { try $0.makeRandomAccess()[0].decode(String.self) }
        } catch {
            throw PostgresErrors.storeError(error, address: session.address)
        }
    }

    func saveCoupon(_ coupon: Coupon) throws {
        try session.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO coupons (member_id, offer, code, expires_on) VALUES ($1, $2, $3, $4)
            ON CONFLICT (member_id, offer) DO UPDATE SET code = excluded.code, expires_on = excluded.expires_on
            """, binds: PostgresStore.binds(coupon.memberID, coupon.offer, coupon.code, coupon.expiresOn.description)))
        var binds = PostgresBindings()
        binds.append(ImportRun.newRevision())
        binds.append(coupon.memberID)
        try session.execute(PostgresQuery(unsafeSQL: "UPDATE members SET ledger_revision = $1 WHERE member_id = $2", binds: binds))
    }

    func recordImportTime(_ time: String) throws {
        try session.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO store_metadata (key, value) VALUES ('last_import', $1)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, binds: PostgresStore.binds(time)))
    }
}

/// Ledger rows by COPY into a temporary table of the transaction, then into the ledger in one
/// statement that keeps out rows whose txn_id is stored (`ON CONFLICT DO NOTHING`) and gives the
/// members who gained rows this import's revision. Rows whose txn_id was stored with other
/// content are then found by a join and reported with their line.
struct PostgresLedgerSink: LedgerSink {
    let target: PostgresImportTarget
    let revision = ImportRun.newRevision()
    private(set) var added = 0
    private(set) var alreadyPresent = 0
    private var pending = CopyText()
    private var staged = 0

    static let table = "punchcard_import_ledger"
    static let columns = ["line", "txn_id", "member_id", "posted_on", "kind", "points", "amount", "description", "source"]

    init(target: PostgresImportTarget) throws {
        self.target = target
        try target.session.execute(sql: """
            CREATE TEMPORARY TABLE \(Self.table) (
                line BIGINT NOT NULL, txn_id TEXT COLLATE "C" NOT NULL, member_id TEXT COLLATE "C" NOT NULL,
                posted_on TEXT COLLATE "C" NOT NULL, kind TEXT NOT NULL, points BIGINT NOT NULL, amount TEXT, description TEXT,
                source TEXT COLLATE "C"
            ) ON COMMIT DROP
            """)
    }

    mutating func add(line: Int, txnID: String, memberID: String, postedOn: String, kind: String, points: Int,
                      amount: String?, description: String?, source: String?) throws -> [LedgerConflict] {
        pending.field(line)
        pending.field(txnID)
        pending.field(memberID)
        pending.field(postedOn)
        pending.field(kind)
        pending.field(points)
        pending.field(amount)
        pending.field(description)
        pending.field(source)
        pending.endRow()
        staged += 1
        if pending.byteCount >= PostgresImportTarget.copyBatchBytes { try send() }
        return []
    }

    private mutating func send() throws {
        guard pending.byteCount > 0 else { return }
        try target.session.copy(into: Self.table, columns: Self.columns, data: pending.buffer)
        pending.clear()
    }

    mutating func finish() throws -> [LedgerConflict] {
        try send()
        guard staged > 0 else { return [] }
        let session = target.session
        var binds = PostgresBindings()
        binds.append(revision)
        let inserted = try session.value(PostgresQuery(unsafeSQL: """
            WITH inserted AS (
                INSERT INTO ledger (member_id, posted_on, txn_id, kind, points, amount, description, source)
                SELECT member_id, posted_on, txn_id, kind, points, amount, description, source FROM \(Self.table)
                ORDER BY member_id, posted_on, txn_id -- the ledger's key order: its index grows at the end
                ON CONFLICT DO NOTHING
                RETURNING member_id
            ), gained AS (
                UPDATE members SET ledger_revision = $1 WHERE member_id IN (SELECT member_id FROM inserted)
            )
            SELECT count(*) FROM inserted
            """, binds: binds), as: Int.self) ?? 0
        added = inserted
        // Every row went in (a first import, new rows only): none was kept out, none conflicts.
        guard added < staged else { return [] }
        // Rows kept out: the same as stored (already present), or not (a conflict).
        let differing = try session.rows(sql: """
            SELECT s.line, s.txn_id, s.member_id, s.posted_on, s.kind, s.points, s.amount, s.description, s.source
            FROM \(Self.table) s JOIN ledger l ON l.txn_id = s.txn_id
            WHERE (l.member_id, l.posted_on, l.kind, l.points) IS DISTINCT FROM (s.member_id, s.posted_on, s.kind, s.points)
               OR l.amount IS DISTINCT FROM s.amount OR l.description IS DISTINCT FROM s.description
               OR l.source IS DISTINCT FROM s.source
            ORDER BY s.line
            LIMIT 1000
            """)
        var conflicts: [LedgerConflict] = []
        for row in differing {
            let row = row.makeRandomAccess()
            do {
                let txnID = try row[1].decode(String.self)
                let entry = LedgerEntry(
                    txnID: txnID, postedOn: CalendarDate(iso: try row[3].decode(String.self)) ?? .endOfTime,
                    kind: LedgerKind(rawValue: try row[4].decode(String.self)) ?? .adjust, points: try row[5].decode(Int.self),
                    amount: try row[6].decode(String?.self), description: try row[7].decode(String?.self),
                    source: try row[8].decode(String?.self))
                if let difference = LedgerConflict.difference(from: entry, memberID: try row[2].decode(String.self),
                                                              stored: try target.storedLedgerRow(txnID: txnID)) {
                    conflicts.append(LedgerConflict(line: try row[0].decode(Int.self), txnID: txnID, difference: difference))
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw PostgresErrors.storeError(error, address: session.address)
            }
        }
        alreadyPresent = staged - added - conflicts.count
        return conflicts
    }

    func close() {}
}

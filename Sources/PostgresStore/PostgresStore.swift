import Foundation
import PostgresNIO
import PunchcardLocalization
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Opens `postgres://` and `postgresql://` stores. `PostgresStore.register()` makes every
/// `MemberStore(path:)` of the program read them.
public struct PostgresStoreOpener: ServerStoreOpener {
    public init() {}
    public var schemes: [String] { ["postgres", "postgresql"] }

    public func open(address: String, create: Bool) throws -> any StoreBackend {
        try open(address: address, create: create, tablesWithFirstImport: false)
    }

    /// The store's schema version, read in a read-only transaction (`punchcard check`).
    public func inspect(address: String) throws -> StoreInspection {
        let parsed: PostgresAddress
        do {
            parsed = try PostgresAddress.parse(address)
        } catch let problem as PostgresAddress.Problem {
            throw StoreError.cannotOpen(path: MemberStore.withoutPassword(address), reason: problem.description)
        }
        let session = try PostgresSession.connect(parsed)
        defer { session.close() }
        let place = parsed.description
        do {
            let tables = Set(try session.rows(sql: """
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
                """).map { try session.decode($0, 0, as: String.self) })
            guard tables.contains("punchcard_migrations") else {
                if tables.contains("members") || tables.contains("ledger") {
                    throw StoreError.notAStore(path: place, reason: "a database whose members or ledger table another program made")
                }
                throw StoreError.missing(path: place)
            }
            let applied = Set(try session.rows(sql: "SELECT identifier FROM punchcard_migrations")
                .map { try session.decode($0, 0, as: String.self) })
            let known = Set(PostgresSchema.migrations.map(\.identifier))
            return StoreInspection(applied: applied.intersection(known).count, known: known.count,
                                   unknown: applied.subtracting(known).count)
        } catch let error as StoreError {
            throw error
        } catch {
            throw PostgresErrors.storeError(error, address: parsed)
        }
    }

    public func open(address: String, create: Bool, tablesWithFirstImport: Bool) throws -> any StoreBackend {
        let parsed: PostgresAddress
        do {
            parsed = try PostgresAddress.parse(address)
        } catch let problem as PostgresAddress.Problem {
            throw StoreError.cannotOpen(path: MemberStore.withoutPassword(address), reason: problem.description)
        }
        return try PostgresStore(address: parsed, create: create, tablesWithFirstImport: tablesWithFirstImport)
    }
}

/// The member store in a PostgreSQL database: the same tables as the SQLite store (text
/// compared by bytes, `COLLATE "C"`, so that every stream comes in the order SQLite gives),
/// brought up to date by the same numbered migrations.
///
/// One-off queries share one connection; every stream, the ledger readers and the import each
/// open their own, in a transaction of their own (a stream reads one snapshot, through a cursor).
public final class PostgresStore: StoreBackend, @unchecked Sendable {
    public let address: PostgresAddress
    private let shared: Locked<PostgresSession>

    public static func register() { MemberStore.register(PostgresStoreOpener()) }

    /// Set when the database holds no store yet and the caller may create one: the first import
    /// creates the tables inside its own transaction (`importCSV`).
    let schemaPending: Locked<Bool>

    public init(address: PostgresAddress, create: Bool, tablesWithFirstImport: Bool = false) throws {
        self.address = address
        let session = try PostgresSession.connect(address)
        var pending = false
        do {
            try PostgresSchema.prepare(session, create: create && !tablesWithFirstImport)
        } catch StoreError.missing where create {
            pending = true
        }
        schemaPending = Locked(pending)
        shared = Locked(session)
    }

    deinit { shared.withLock { $0.close() } }

    /// A query on the shared connection.
    private func withShared<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try shared.withLock { try body($0) }
    }

    /// A connection of its own for `body`, inside one read-only transaction (one snapshot).
    func withSnapshot<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try PostgresSession.connect(address)
        defer { session.close() }
        return try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(session) }
    }

    static let memberColumns =
        "member_id, name, email, phone, locale, joined_on, referred_by, status, referral_code, attributes, token"

    /// Dates are inlined in the SQL of cursors: a `CalendarDate`'s text is digits and dashes only.
    static func literal(_ date: CalendarDate) -> String { "'\(date.description)'" }

    static func member(from row: PostgresRandomAccessRow) throws -> Member {
        Member(
            memberID: try row[0].decode(String.self),
            name: try row[1].decode(String.self),
            email: try row[2].decode(String?.self),
            phone: try row[3].decode(String?.self),
            locale: try row[4].decode(String?.self),
            joinedOn: CalendarDate(iso: try row[5].decode(String.self)) ?? .endOfTime,
            referredBy: try row[6].decode(String?.self),
            status: Member.Status(rawValue: try row[7].decode(String.self)) ?? .active,
            referralCode: try row[8].decode(String.self),
            attributes: Member.attributes(fromJSON: try row[9].decode(String.self)),
            token: try row[10].decode(String?.self) ?? "")
    }

    /// txn_id, posted_on, kind, points, amount, description, source from column `offset` on.
    static func entry(from row: PostgresRandomAccessRow, offset: Int = 0) throws -> LedgerEntry {
        LedgerEntry(
            txnID: try row[offset].decode(String.self),
            postedOn: CalendarDate(iso: try row[offset + 1].decode(String.self)) ?? .endOfTime,
            kind: LedgerKind(rawValue: try row[offset + 2].decode(String.self)) ?? .adjust,
            points: try row[offset + 3].decode(Int.self),
            amount: try row[offset + 4].decode(String?.self),
            description: try row[offset + 5].decode(String?.self),
            source: try row[offset + 6].decode(String?.self))
    }

    /// Decoding errors in the operator's words.
    func decoding<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw PostgresErrors.storeError(error, address: address) }
    }

    // MARK: Counts and one member

    public func memberCount() throws -> Int {
        try withShared { try $0.value(PostgresQuery(unsafeSQL: "SELECT count(*) FROM members"), as: Int.self) ?? 0 }
    }

    public func ledgerCount() throws -> Int {
        try withShared { try $0.value(PostgresQuery(unsafeSQL: "SELECT count(*) FROM ledger"), as: Int.self) ?? 0 }
    }

    public func member(_ memberID: String) throws -> Member? {
        try withShared { session in
            let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT \(Self.memberColumns) FROM members WHERE member_id = $1",
                                                      binds: Self.binds(memberID)))
            return try decoding { try rows.first.map { try Self.member(from: $0.makeRandomAccess()) } }
        }
    }

    public func ledger(of memberID: String, through end: CalendarDate) throws -> [LedgerEntry] {
        try withShared { session in
            let rows = try session.rows(PostgresQuery(unsafeSQL: """
                SELECT txn_id, posted_on, kind, points, amount, description, source FROM ledger
                WHERE member_id = $1 AND posted_on <= $2 ORDER BY posted_on, txn_id
                """, binds: Self.binds(memberID, end.description)))
            return try decoding { try rows.map { try Self.entry(from: $0.makeRandomAccess()) } }
        }
    }

    public func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try withShared { try Self.referredCount(of: memberID, through: end, session: $0) }
    }

    static func referredCount(of memberID: String, through end: CalendarDate, session: PostgresSession) throws -> Int {
        try session.value(PostgresQuery(unsafeSQL: "SELECT count(*) FROM members WHERE referred_by = $1 AND joined_on <= $2",
                                        binds: binds(memberID, end.description)), as: Int.self) ?? 0
    }

    static func binds(_ values: String?...) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        return binds
    }

    // MARK: Streams

    static func referredCountColumn(_ end: CalendarDate) -> String {
        "(SELECT count(*) FROM members AS friend WHERE friend.referred_by = members.member_id AND friend.joined_on <= \(literal(end)))"
    }

    public func streamMembers(through end: CalendarDate, detailsFrom: CalendarDate?, surveys: Bool,
                              _ body: (MemberLedger, [SurveyAnswer]) throws -> Void) throws {
        let details = Self.literal(detailsFrom ?? CalendarDate(year: 1, month: 1, day: 1)!)
        try withSnapshot { session in
            let members = try session.cursor(
                "SELECT \(Self.memberColumns), \(Self.referredCountColumn(end)) FROM members ORDER BY member_id")
            let rows = try session.cursor("""
                SELECT member_id, CASE WHEN posted_on >= \(details) THEN txn_id ELSE '' END, posted_on, kind, points,
                    CASE WHEN posted_on >= \(details) THEN amount END, CASE WHEN posted_on >= \(details) THEN description END, source
                FROM ledger WHERE posted_on <= \(Self.literal(end)) ORDER BY member_id, posted_on, txn_id
                """, batch: 10_000)
            let answers = surveys
                ? try session.cursor("SELECT member_id, answered_on, score, comment FROM surveys ORDER BY member_id, answered_on")
                : nil
            try MemberStreamMerge.run(
                nextMember: {
                    try members.next().map { row in try decoding { (try Self.member(from: row), referredCount: try row[11].decode(Int.self)) } }
                },
                nextEntry: {
                    try rows.next().map { row in try decoding { (try row[0].decode(String.self), try Self.entry(from: row, offset: 1)) } }
                },
                nextAnswer: {
                    while let row = try answers?.next() {
                        let answer: SurveyAnswer? = try decoding {
                            guard let day = CalendarDate(iso: try row[1].decode(String.self)) else { return nil }
                            return SurveyAnswer(memberID: try row[0].decode(String.self), answeredOn: day,
                                                score: try row[2].decode(Int.self), comment: try row[3].decode(String?.self))
                        }
                        if let answer { return answer }
                    }
                    return nil
                },
                body)
        }
    }

    public func forEachStoredMember(referralsThrough end: CalendarDate, _ body: (StoredMember) throws -> Void) throws {
        try withSnapshot { session in
            let members = try session.cursor(
                "SELECT \(Self.memberColumns), ledger_revision, \(Self.referredCountColumn(end)) FROM members ORDER BY member_id")
            while let row = try members.next() {
                let stored = try decoding {
                    StoredMember(member: try Self.member(from: row), referredCount: try row[12].decode(Int.self),
                                 ledgerRevision: try row[11].decode(Int.self))
                }
                try body(stored)
            }
        }
    }

    public func forEachMember(_ body: (Member) throws -> Void) throws {
        try withSnapshot { session in
            let members = try session.cursor("SELECT \(Self.memberColumns) FROM members ORDER BY member_id")
            while let row = try members.next() {
                try body(try decoding { try Self.member(from: row) })
            }
        }
    }

    public func withLedgerReader<T>(_ body: (any LedgerReader) throws -> T) throws -> T {
        try withSnapshot { session in try body(PostgresLedgerReader(session: session, store: self)) }
    }

    public func changeMarker() throws -> String? {
        try withShared { session in
            try session.rows(sql: "SELECT key, value FROM store_metadata WHERE key IN ('last_import', 'last_token_change') ORDER BY key")
                .map { "\(try session.decode($0, 0, as: String.self))=\(try session.decode($0, 1, as: String.self))" }
                .joined(separator: ";")
        }
    }

    // MARK: Tokens

    public func rotateToken(of memberID: String) throws -> String {
        var random = SystemRandomNumberGenerator()
        let token = MemberToken.random(using: &random)
        try withShared { session in
            try session.transaction {
                guard let old = try session.value(PostgresQuery(unsafeSQL: "SELECT token FROM members WHERE member_id = $1 FOR UPDATE",
                                                                binds: Self.binds(memberID)), as: String?.self) else {
                    throw StoreError.unknownMember(memberID)
                }
                if let old {
                    try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO retired_tokens (token, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                                      binds: Self.binds(old, memberID)))
                }
                try session.execute(PostgresQuery(unsafeSQL: "UPDATE members SET token = $1 WHERE member_id = $2",
                                                  binds: Self.binds(token, memberID)))
                try session.execute(PostgresQuery(unsafeSQL: """
                    INSERT INTO store_metadata (key, value) VALUES ('last_token_change', $1)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, binds: Self.binds(token)))
            }
        }
        return token
    }

    public func retiredTokens() throws -> [RetiredToken] {
        try withShared { session in
            let rows = try session.rows(sql: """
                SELECT retired.token, retired.member_id, members.token FROM retired_tokens AS retired
                LEFT JOIN members USING (member_id) ORDER BY retired.token
                """)
            return try decoding {
                try rows.map { row in
                    let row = row.makeRandomAccess()
                    return RetiredToken(token: try row[0].decode(String.self), memberID: try row[1].decode(String.self),
                                        currentToken: try row[2].decode(String?.self))
                }
            }
        }
    }

    public func forgetRetiredTokens(_ tokens: [RetiredToken]) throws {
        guard !tokens.isEmpty else { return }
        try withShared { session in
            var binds = PostgresBindings()
            binds.append(tokens.map(\.token))
            try session.execute(PostgresQuery(unsafeSQL: "DELETE FROM retired_tokens WHERE token = ANY($1)", binds: binds))
        }
    }

    public func withTokenLookup<T>(_ body: (([String]) throws -> Set<String>) throws -> T) throws -> T {
        try withSnapshot { session in
            try body { tokens in
                guard !tokens.isEmpty else { return [] }
                var binds = PostgresBindings()
                binds.append(tokens)
                let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT token FROM members WHERE token = ANY($1)", binds: binds))
                return Set(try rows.map { try session.decode($0, 0, as: String.self) })
            }
        }
    }

    // MARK: Languages and search

    public func membersByLocale() throws -> [(locale: String?, count: Int)] {
        try withShared { session in
            let rows = try session.rows(sql: "SELECT locale, count(*) FROM members GROUP BY locale")
            return try decoding {
                try rows.map { row in
                    let row = row.makeRandomAccess()
                    return (locale: try row[0].decode(String?.self), count: try row[1].decode(Int.self))
                }
            }.sorted { ($0.locale ?? "") < ($1.locale ?? "") || ($0.locale == nil && $1.locale != nil) }
        }
    }

    public func descriptionsByLocale(from start: CalendarDate, through end: CalendarDate) throws -> [(locale: String?, description: String)] {
        try withShared { session in
            let rows = try session.rows(PostgresQuery(unsafeSQL: """
                SELECT DISTINCT m.locale, l.description FROM ledger l JOIN members m ON m.member_id = l.member_id
                WHERE l.posted_on BETWEEN $1 AND $2 AND l.description IS NOT NULL AND l.description <> ''
                """, binds: Self.binds(start.description, end.description)))
            return try decoding {
                try rows.map { row in
                    let row = row.makeRandomAccess()
                    return (locale: try row[0].decode(String?.self), description: try row[1].decode(String.self))
                }
            }
        }
    }

    /// Members whose name, member_id, e-mail address or phone number contains `query` (all when
    /// it is empty), in member_id order: `LIKE` over the folded search texts (`member_search`),
    /// which pg_trgm's index answers for three characters or more. Matches are counted up to
    /// `MemberSearchPage.countLimit`, as the SQLite store counts them.
    public func searchMembers(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        let folded = SearchFolding.query(query)
        let pattern = "%" + folded.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try withShared { session in
            func page(_ sql: String, _ binds: PostgresBindings) throws -> [Member] {
                try session.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { try Self.member(from: $0.makeRandomAccess()) }
            }
            var binds = PostgresBindings()
            if folded.isEmpty {
                // Everyone with a search text: erased members have none.
                let total = try session.value(PostgresQuery(unsafeSQL: "SELECT count(*) FROM member_search"), as: Int.self) ?? 0
                binds.append(limit)
                binds.append(offset)
                return MemberSearchPage(total: total, members: try page(
                    """
                    SELECT \(Self.memberColumns) FROM members WHERE member_id IN (
                        SELECT member_id FROM member_search ORDER BY member_id LIMIT $1 OFFSET $2)
                    ORDER BY member_id
                    """, binds))
            }
            // Many matches show early in member_id order: a short walk settles those.
            let limitCount = MemberSearchPage.countLimit
            let probe = try Self.walkSearchTexts(session, pattern: pattern, wanted: limitCount + 1, rowBudget: Self.searchProbeRows)
            var many = probe.ids.count > limitCount
            var counted = probe.ids.count
            if !many, !probe.complete {
                // Few, or spread thin: counted through the trigram index.
                binds.append(pattern)
                binds.append(limitCount + 1)
                counted = try session.value(PostgresQuery(unsafeSQL: """
                    SELECT count(*) FROM (SELECT 1 FROM member_search WHERE folded LIKE $1 LIMIT $2) AS found
                    """, binds: binds), as: Int.self) ?? 0
                many = counted > limitCount
            }
            var ids: [String]
            if many || probe.complete {
                // The page from the walk (taken further when the probe did not reach it).
                ids = probe.ids.count >= offset + limit || probe.complete ? probe.ids
                    : try Self.walkSearchTexts(session, pattern: pattern, wanted: offset + limit, rowBudget: nil).ids
                ids = Array(ids.dropFirst(offset).prefix(limit))
            } else {
                binds = PostgresBindings()
                binds.append(pattern)
                binds.append(limit)
                binds.append(offset)
                ids = try session.rows(PostgresQuery(unsafeSQL: """
                    SELECT member_id FROM member_search WHERE folded LIKE $1 ORDER BY member_id LIMIT $2 OFFSET $3
                    """, binds: binds)).map { try session.decode($0, 0, as: String.self) }
            }
            var members: [Member] = []
            if !ids.isEmpty {
                binds = PostgresBindings()
                binds.append(ids)
                members = try page("SELECT \(Self.memberColumns) FROM members WHERE member_id = ANY($1) ORDER BY member_id", binds)
            }
            return many
                ? MemberSearchPage(total: limitCount, members: members, totalIsLowerBound: true)
                : MemberSearchPage(total: counted, members: members)
        }
    }

    /// Search texts read in member_id order before the trigram index is asked (see `searchMembers`).
    /// Tests lower it, to take the index's path on a small store.
    nonisolated(unsafe) public static var searchProbeRows = 10_000

    /// The member_ids whose search text is `LIKE pattern`, in member_id order, the texts taken
    /// along the primary key a chunk at a time by the server (one row back per chunk): stops at
    /// `wanted` matches, after `rowBudget` texts (then `complete` is false), or at the end (`complete`).
    static func walkSearchTexts(_ session: PostgresSession, pattern: String, wanted: Int, rowBudget: Int?) throws
        -> (ids: [String], complete: Bool) {
        var ids: [String] = []
        var after = ""
        var read = 0
        while ids.count < wanted {
            if let rowBudget, read >= rowBudget { return (ids, false) }
            let chunk = min(rowBudget.map { $0 - read } ?? Self.searchChunkRows, Self.searchChunkRows)
            var binds = PostgresBindings()
            binds.append(after)
            binds.append(chunk)
            binds.append(pattern)
            guard let row = try session.rows(PostgresQuery(unsafeSQL: """
                WITH chunk AS (SELECT member_id, folded FROM member_search WHERE member_id > $1 ORDER BY member_id LIMIT $2)
                SELECT (SELECT max(member_id) FROM chunk), (SELECT count(*) FROM chunk),
                       array(SELECT member_id FROM chunk WHERE folded LIKE $3 ORDER BY member_id)
                """, binds: binds)).first else { return (ids, true) }
            let count = try session.decode(row, 1, as: Int.self)
            ids += try session.decode(row, 2, as: [String].self)
            read += count
            guard count == chunk, let last = try session.decode(row, 0, as: String?.self) else {
                // The end: every match is in `ids`, unless there were more than wanted.
                return (Array(ids.prefix(wanted)), ids.count <= wanted)
            }
            after = last
        }
        return (Array(ids.prefix(wanted)), false)
    }

    static let searchChunkRows = 20_000

    /// The same search without the search texts: every member streamed by and matched here.
    public func searchMembersByScan(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        let folded = Array(SearchFolding.query(query).utf8)
        var total = 0
        var page: [Member] = []
        try forEachMember { member in
            guard !Erasure.isOpaque(member.memberID) else { return }
            let text = Array(member.searchText.utf8)
            guard folded.isEmpty || text.firstRange(of: folded) != nil else { return }
            if total >= offset && page.count < limit { page.append(member) }
            total += 1
        }
        return MemberSearchPage(total: total, members: page)
    }
}

/// One member's ledger at a time, on a connection of its own; or a batch of members' in one
/// query, when told which come next (`prefetch`), kept until each is asked for.
struct PostgresLedgerReader: LedgerReader {
    let session: PostgresSession
    let store: PostgresStore
    private var fetched: [String: [LedgerEntry]] = [:]
    private var fetchedBounds: (end: CalendarDate, details: CalendarDate)?

    init(session: PostgresSession, store: PostgresStore) {
        self.session = session
        self.store = store
    }

    mutating func prefetch(_ memberIDs: [String], through end: CalendarDate, detailsFrom: CalendarDate) throws {
        fetched.removeAll(keepingCapacity: true)
        fetchedBounds = nil
        guard memberIDs.count > 1 else { return }
        var binds = PostgresBindings()
        binds.append(memberIDs)
        binds.append(end.description)
        binds.append(detailsFrom.description)
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT member_id, CASE WHEN posted_on >= $3 THEN txn_id ELSE '' END, posted_on, kind, points,
                CASE WHEN posted_on >= $3 THEN amount END, CASE WHEN posted_on >= $3 THEN description END, source
            FROM ledger WHERE member_id = ANY($1) AND posted_on <= $2 ORDER BY member_id, posted_on, txn_id
            """, binds: binds))
        for memberID in memberIDs { fetched[memberID] = [] }
        try store.decoding {
            for row in rows {
                let row = row.makeRandomAccess()
                fetched[try row[0].decode(String.self), default: []].append(try PostgresStore.entry(from: row, offset: 1))
            }
        }
        fetchedBounds = (end, detailsFrom)
    }

    func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try PostgresStore.referredCount(of: memberID, through: end, session: session)
    }

    func entries(of memberID: String, through end: CalendarDate, detailsFrom: CalendarDate) throws -> [LedgerEntry] {
        if let bounds = fetchedBounds, bounds.end == end, bounds.details == detailsFrom, let entries = fetched[memberID] {
            return entries
        }
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT CASE WHEN posted_on >= $3 THEN txn_id ELSE '' END, posted_on, kind, points,
                CASE WHEN posted_on >= $3 THEN amount END, CASE WHEN posted_on >= $3 THEN description END, source
            FROM ledger WHERE member_id = $1 AND posted_on <= $2 ORDER BY posted_on, txn_id
            """, binds: PostgresStore.binds(memberID, end.description, detailsFrom.description)))
        return try store.decoding { try rows.map { try PostgresStore.entry(from: $0.makeRandomAccess()) } }
    }
}

extension PostgresStore {
    /// Makes an empty database on the server `serverAddress` points to (connecting to its
    /// database, usually `postgres`): for tests and first set-up. The name must be a plain
    /// identifier (letters, digits, underscores).
    public static func createDatabase(_ name: String, server serverAddress: String) throws {
        try administer(server: serverAddress, name: name) { "CREATE DATABASE \($0)" }
    }

    /// Removes a database made by `createDatabase`, ending its connections.
    public static func dropDatabase(_ name: String, server serverAddress: String) throws {
        try administer(server: serverAddress, name: name) { "DROP DATABASE IF EXISTS \($0) WITH (FORCE)" }
    }

    /// The address of database `name` on the same server as `serverAddress`.
    public static func address(ofDatabase name: String, server serverAddress: String) -> String {
        var base = serverAddress
        var query = ""
        if let mark = base.firstIndex(of: "?") {
            query = String(base[mark...])
            base = String(base[..<mark])
        }
        if let schemeEnd = base.range(of: "://"), let slash = base[schemeEnd.upperBound...].firstIndex(of: "/") {
            base = String(base[..<slash])
        }
        return base + "/" + name + query
    }

    private static func administer(server serverAddress: String, name: String, _ sql: (String) -> String) throws {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0) || (97...122).contains($0) }) else {
            throw StoreError.cannotOpen(path: name, reason: "a database name of lower-case letters, digits and underscores only")
        }
        let address: PostgresAddress
        do { address = try PostgresAddress.parse(serverAddress) } catch {
            throw StoreError.cannotOpen(path: MemberStore.withoutPassword(serverAddress), reason: "\(error)")
        }
        let session = try PostgresSession.connect(address)
        defer { session.close() }
        try session.execute(sql: sql(name))
    }
}

extension PostgresStore {
    /// A stored place on a plan; nil for a row the import could not have written.
    static func membership(from row: PostgresRandomAccessRow, address: PostgresAddress) throws -> Membership? {
        do {
            guard let started = CalendarDate(iso: try row[2].decode(String.self)),
                  let renews = CalendarDate(iso: try row[3].decode(String.self)),
                  let status = Membership.Status(rawValue: try row[4].decode(String.self)) else { return nil }
            return Membership(memberID: try row[0].decode(String.self), plan: try row[1].decode(String.self),
                              startedOn: started, renewsOn: renews, status: status)
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    public func memberships(of memberID: String) throws -> [Membership] {
        try withShared { session in
            try session.rows(PostgresQuery(unsafeSQL: """
                SELECT member_id, plan, started_on, renews_on, status FROM memberships WHERE member_id = $1 ORDER BY plan
                """, binds: Self.binds(memberID))).compactMap { try Self.membership(from: $0.makeRandomAccess(), address: address) }
        }
    }

    public func allMemberships() throws -> [String: [Membership]] {
        try withShared { session in
            var result: [String: [Membership]] = [:]
            for row in try session.rows(sql: "SELECT member_id, plan, started_on, renews_on, status FROM memberships ORDER BY member_id, plan") {
                if let membership = try Self.membership(from: row.makeRandomAccess(), address: address) {
                    result[membership.memberID, default: []].append(membership)
                }
            }
            return result
        }
    }
}

extension PostgresStore {
    /// A stored coupon; nil for a row the import could not have written.
    static func coupon(from row: PostgresRandomAccessRow, address: PostgresAddress) throws -> Coupon? {
        do {
            guard let expires = CalendarDate(iso: try row[3].decode(String.self)) else { return nil }
            return Coupon(memberID: try row[0].decode(String.self), offer: try row[1].decode(String.self),
                          code: try row[2].decode(String.self), expiresOn: expires)
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    public func coupons(of memberID: String) throws -> [Coupon] {
        try withShared { session in
            try session.rows(PostgresQuery(unsafeSQL: """
                SELECT member_id, offer, code, expires_on FROM coupons WHERE member_id = $1 ORDER BY offer
                """, binds: Self.binds(memberID))).compactMap { try Self.coupon(from: $0.makeRandomAccess(), address: address) }
        }
    }

    public func allCoupons() throws -> [String: [Coupon]] {
        try withShared { session in
            var result: [String: [Coupon]] = [:]
            for row in try session.rows(sql: "SELECT member_id, offer, code, expires_on FROM coupons ORDER BY member_id, offer") {
                if let coupon = try Self.coupon(from: row.makeRandomAccess(), address: address) {
                    result[coupon.memberID, default: []].append(coupon)
                }
            }
            return result
        }
    }
}

extension PostgresStore {
    public func hasAttribute(_ name: String) throws -> Bool {
        try withShared { session in
            let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT 1 FROM members WHERE (attributes::jsonb) ? $1 LIMIT 1",
                                                      binds: Self.binds(name)))
            return !rows.isEmpty
        }
    }
}

import Foundation
import PunchcardStatements
import PunchcardSupport

/// The member store: members, their point ledger and survey answers, in an SQLite file (the
/// embedded default) or on a database server (`postgres://…`, when its opener is registered).
///
/// The address decides the database, here at the edge; everything else calls these methods and
/// never learns which database it reads. A store is created only where the caller says so
/// (`MemberStore(creatingAt:)`, `create(at:)`): every other command refuses an address where no
/// store exists, so a mistyped `--store` changes nothing.
public final class MemberStore: Sendable {
    /// The file name used in a site's root when `--store` is not given.
    public static let defaultFileName = "members.sqlite"
    /// How long a writer waits for another writer (an import) to finish before refusing.
    public static let busyTimeout: TimeInterval = 30

    /// The store's address as the operator may see it: a file path, or a server address without
    /// its password.
    public let path: String
    /// The database behind the store.
    public let backend: any StoreBackend

    /// Opens the store at `path` (a file path or a server address), which must exist, bringing its
    /// schema up to date.
    public convenience init(path: String) throws {
        try self.init(address: path, create: false)
    }

    /// Opens the store at `path`, creating an empty one when there is none.
    public convenience init(creatingAt path: String) throws {
        try self.init(address: path, create: true)
    }

    init(address: String, create: Bool, tablesWithFirstImport: Bool = false) throws {
        if let opener = try Self.serverOpener(for: address) {
            path = Self.withoutPassword(address)
            backend = try opener.open(address: address, create: create, tablesWithFirstImport: tablesWithFirstImport)
        } else {
            let file = try SQLiteStore(path: address, create: create)
            path = address
            backend = file
        }
    }

    init(backend: any StoreBackend, path: String) {
        self.backend = backend
        self.path = path
    }

    /// A store that lives in memory only, for tests.
    public convenience init() throws {
        self.init(backend: try SQLiteStore(), path: ":memory:")
    }

    // MARK: Server stores

    private static let openers = Locked<[String: any ServerStoreOpener]>([:])

    /// Makes `scheme://…` addresses open stores through `opener` (done once, at start-up).
    public static func register(_ opener: any ServerStoreOpener) {
        openers.withLock { table in for scheme in opener.schemes { table[scheme] = opener } }
    }

    /// Whether `address` names a database server rather than a file.
    public static func isServerAddress(_ address: String) -> Bool { scheme(of: address) != nil }

    static func scheme(of address: String) -> String? {
        guard let end = address.range(of: "://") else { return nil }
        let scheme = address[..<end.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else {
            return nil
        }
        return scheme
    }

    /// The opener for a server address; nil for a file path. A server this program cannot open
    /// is said plainly (and without its password) rather than looked for as a file name.
    static func serverOpener(for address: String) throws -> (any ServerStoreOpener)? {
        guard let scheme = scheme(of: address) else { return nil }
        if let opener = openers.withLock({ $0[scheme] }) { return opener }
        throw StoreError.cannotOpen(path: withoutPassword(address), reason:
            "\(scheme):// stores are not supported; give an SQLite file's path or a postgres:// address")
    }

    /// `scheme://user:secret@host/…` as `scheme://user@host/…`: never printed with its password.
    public static func withoutPassword(_ address: String) -> String {
        guard let schemeEnd = address.range(of: "://") else { return address }
        var text = address
        if let at = address[schemeEnd.upperBound...].lastIndex(of: "@"),
           let colon = address[schemeEnd.upperBound..<at].firstIndex(of: ":") {
            text = String(address[..<colon]) + String(address[at...])
        }
        // A password given as a query parameter (`?password=…`) is hidden too.
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { part in
                part.lowercased().hasPrefix("password=") ? "password=…" : String(part)
            }
            text = String(text[...query]) + parameters.joined(separator: "&")
        }
        return text
    }

    /// Whether a store exists at `path`: a file (its write-ahead log and index files do not
    /// count). A server address counts as existing: opening it tells whether it holds a store,
    /// and only `import` creates one there.
    public static func exists(at path: String) -> Bool {
        if isServerAddress(path) { return true }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// Creates the store at `path` by importing the files, all or nothing (see `SQLiteStore.create`
    /// for a file; a server's store is made and imported into in one transaction).
    ///
    /// - Returns: the store and what was imported, or nil for the summary when another process
    ///   created the store first (its store is then opened instead; nothing is imported).
    public static func create(at path: String, files: ImportFiles,
                              progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> (MemberStore, ImportSummary?) {
        if try serverOpener(for: path) != nil {
            // The tables come with the first import's rows: refused, it leaves no empty store.
            let store = try MemberStore(address: path, create: true, tablesWithFirstImport: true)
            return (store, try store.importCSV(files, progress: progress))
        }
        let (file, summary) = try SQLiteStore.create(at: path, files: files, progress: progress)
        return (MemberStore(backend: file, path: path), summary)
    }

    public static func create(at path: String, members: ImportFile?, ledger: ImportFile?, surveys: ImportFile? = nil,
                              memberships: ImportFile? = nil, coupons: ImportFile? = nil,
                              progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> (MemberStore, ImportSummary?) {
        try create(at: path, files: ImportFiles(members: members, ledger: ledger, surveys: surveys, memberships: memberships,
                                                coupons: coupons), progress: progress)
    }

    // MARK: Reading

    public func memberCount() throws -> Int { try backend.memberCount() }
    public func ledgerCount() throws -> Int { try backend.ledgerCount() }
    public func member(_ memberID: String) throws -> Member? { try backend.member(Identifier.normalized(memberID)) }

    /// A member's ledger rows posted on or before `end` (all when nil), in rule order.
    public func ledger(of memberID: String, through end: CalendarDate? = nil) throws -> [LedgerEntry] {
        try backend.ledger(of: Identifier.normalized(memberID), through: end ?? CalendarDate.endOfTime)
    }

    public func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try backend.referredCount(of: Identifier.normalized(memberID), joinedOnOrBefore: end)
    }

    /// One member with their ledger through `end`, or nil when there is no such member.
    public func memberLedger(_ memberID: String, through end: CalendarDate) throws -> MemberLedger? {
        guard let member = try member(memberID) else { return nil }
        return MemberLedger(member: member, entries: try ledger(of: memberID, through: end),
                            referredCount: try referredCount(of: memberID, joinedOnOrBefore: end),
                            memberships: try backend.memberships(of: member.memberID),
                            coupons: try backend.coupons(of: member.memberID))
    }

    /// Every member's places on paid plans, by member_id.
    public func allMemberships() throws -> [String: [Membership]] { try backend.allMemberships() }

    /// Whether some member has a value in the members.csv column `name`.
    public func hasAttribute(_ name: String) throws -> Bool { try backend.hasAttribute(name) }

    /// Everything the store holds about a member (`MemberRecords`); nil when there is no such member.
    public func records(of memberID: String) throws -> MemberRecords? {
        let key = Identifier.normalized(memberID)
        guard try backend.member(key) != nil else { return nil }
        return try backend.records(of: key)
    }

    /// Erases the members in one transaction (see `Erasure`): all or none.
    public func forget(_ memberIDs: [String], at stamp: String) throws -> [(memberID: String, erasure: Erasure)] {
        var seen = Set<String>()
        return try backend.forget(memberIDs.map(Identifier.normalized).filter { seen.insert($0).inserted }, at: stamp)
    }

    /// The erasure of a member_id, if it was erased (`punchcard forget`).
    public func erasure(of memberID: String) throws -> Erasure? { try backend.erasure(of: Identifier.normalized(memberID)) }

    /// Every table and its columns.
    public func schema() throws -> [(table: String, columns: [String])] { try backend.schema() }

    /// Every member's coupon codes, by member_id.
    public func allCoupons() throws -> [String: [Coupon]] { try backend.allCoupons() }

    /// Streams every member in member_id order, each with their ledger rows posted on or before
    /// `end`. One member's rows are in memory at a time, so memory stays flat however large the store.
    ///
    /// - Parameter detailsFrom: rows posted before this day come without their txn_id, amount and
    ///   description (they only count towards balances and lots, already in rule order).
    public func forEachMember(through end: CalendarDate, detailsFrom: CalendarDate? = nil,
                              _ body: (MemberLedger) throws -> Void) throws {
        let memberships = try backend.allMemberships(), coupons = try backend.allCoupons()
        try backend.streamMembers(through: end, detailsFrom: detailsFrom, surveys: false) { ledger, _ in
            var ledger = ledger
            ledger.memberships = memberships[ledger.member.memberID] ?? []
            ledger.coupons = coupons[ledger.member.memberID] ?? []
            try body(ledger)
        }
    }

    /// Every member with their ledger through `end` (as `forEachMember`) and all their survey
    /// answers, in member_id order, one member in memory at a time.
    public func forEachMemberWithSurveys(through end: CalendarDate, detailsFrom: CalendarDate? = nil,
                                         _ body: (MemberLedger, [SurveyAnswer]) throws -> Void) throws {
        let memberships = try backend.allMemberships(), coupons = try backend.allCoupons()
        try backend.streamMembers(through: end, detailsFrom: detailsFrom, surveys: true) { ledger, answers in
            var ledger = ledger
            ledger.memberships = memberships[ledger.member.memberID] ?? []
            ledger.coupons = coupons[ledger.member.memberID] ?? []
            try body(ledger, answers)
        }
    }

    /// Streams every member in member_id order with their referral count and ledger revision.
    public func forEachStoredMember(referralsThrough end: CalendarDate, _ body: (StoredMember) throws -> Void) throws {
        try backend.forEachStoredMember(referralsThrough: end, body)
    }

    /// Every member, in member_id order (for `punchcard links`), streamed.
    public func forEachMember(_ body: (Member) throws -> Void) throws { try backend.forEachMember(body) }

    /// Calls `body` with a reader of members' ledgers on a connection of its own: several threads
    /// can each read while another streams the members.
    public func withLedgerReader<T>(_ body: (any LedgerReader) throws -> T) throws -> T {
        try backend.withLedgerReader(body)
    }

    // MARK: Tokens

    /// Gives the member a new statement-page token; returns it. The old token is remembered until
    /// the next build has moved the member's pages to the new one.
    @discardableResult
    public func rotateToken(of memberID: String) throws -> String { try backend.rotateToken(of: Identifier.normalized(memberID)) }
    public func retiredTokens() throws -> [RetiredToken] { try backend.retiredTokens() }
    /// Forgets retired tokens once a build has dealt with their pages.
    public func forgetRetiredTokens(_ tokens: [RetiredToken]) throws { try backend.forgetRetiredTokens(tokens) }
    /// Calls `body` with a function that returns which of the tokens it is given belong to a
    /// member, all in one read transaction (for sweeping the output folder a batch of folders at a
    /// time, without holding every token in memory).
    public func withTokenLookup<T>(_ body: (([String]) throws -> Set<String>) throws -> T) throws -> T {
        try backend.withTokenLookup(body)
    }

    // MARK: Languages and search

    /// How many members have each locale (nil: none given), for the build's language summary.
    public func membersByLocale() throws -> [(locale: String?, count: Int)] { try backend.membersByLocale() }

    /// Each (member locale, ledger description) pair of rows posted between two days.
    public func descriptionsByLocale(from start: CalendarDate, through end: CalendarDate) throws -> [(locale: String?, description: String)] {
        try backend.descriptionsByLocale(from: start, through: end)
    }

    /// Members whose name, member_id, e-mail address or phone number contains `query` (all when
    /// it is empty), folded (`SearchFolding`), in member_id order, `limit` of them from `offset`:
    /// looked up in the store's index of search texts, kept by every import.
    public func searchMembers(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        try backend.searchMembers(query, limit: limit, offset: offset)
    }

    /// The same search reading every member, without the index: for tests that hold the index to it.
    public func searchMembersByScan(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        try backend.searchMembersByScan(query, limit: limit, offset: offset)
    }

    /// Text that changes whenever the store does (see `StoreBackend.changeMarker`).
    public func changeMarker() throws -> String? { try backend.changeMarker() }

    // MARK: Import

    /// Imports members, then ledger rows, then survey answers, all or nothing: on any invalid row
    /// nothing is written and a `DiagnosticList` naming every problem (file, line, column) is
    /// thrown. Importing the same files again changes nothing.
    public func importCSV(members: ImportFile? = nil, ledger: ImportFile? = nil, surveys: ImportFile? = nil,
                          memberships: ImportFile? = nil, coupons: ImportFile? = nil,
                          maxProblems: Int = 50, progress: (@Sendable (ImportProgress) -> Void)? = nil,
                          reportedPath: String? = nil) throws -> ImportSummary {
        try importCSV(ImportFiles(members: members, ledger: ledger, surveys: surveys, memberships: memberships, coupons: coupons),
                      maxProblems: maxProblems, progress: progress, reportedPath: reportedPath)
    }

    /// Imports the files, all or nothing (`ImportRun`).
    public func importCSV(_ files: ImportFiles, maxProblems: Int = 50, progress: (@Sendable (ImportProgress) -> Void)? = nil,
                          reportedPath: String? = nil) throws -> ImportSummary {
        try backend.importCSV(files, maxProblems: maxProblems, progress: progress, reportedPath: reportedPath ?? path)
    }
}

extension CalendarDate {
    /// Sorts after every real date, for "no upper bound".
    public static let endOfTime = CalendarDate(year: 9999, month: 12, day: 31)!
}

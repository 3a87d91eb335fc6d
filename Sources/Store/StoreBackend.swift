import Foundation
import PunchcardStatements
import PunchcardSupport

/// One database a member store can live in. `MemberStore` chooses the implementation from the
/// address the operator gives (a file path: SQLite; `postgres://…`: PostgreSQL), so the statement
/// engine, pages and site never know which database they read.
///
/// Every stream is in member_id order by bytes (as SQLite sorts text), one member in memory at a
/// time; the ledger is never read whole.
public protocol StoreBackend: AnyObject, Sendable {
    func memberCount() throws -> Int
    func ledgerCount() throws -> Int
    func member(_ memberID: String) throws -> Member?
    /// A member's ledger rows posted on or before `end`, in rule order (posting day, then txn_id).
    func ledger(of memberID: String, through end: CalendarDate) throws -> [LedgerEntry]
    func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int
    /// Members with their ledger through `end` and, when asked, their survey answers.
    /// Rows before `detailsFrom` may come without txn_id, amount and description.
    func streamMembers(through end: CalendarDate, detailsFrom: CalendarDate?, surveys: Bool,
                       _ body: (MemberLedger, [SurveyAnswer]) throws -> Void) throws
    /// Members with their referral count and ledger revision, without their ledgers.
    func forEachStoredMember(referralsThrough end: CalendarDate, _ body: (StoredMember) throws -> Void) throws
    /// Members only.
    func forEachMember(_ body: (Member) throws -> Void) throws
    /// A reader of one member's ledger at a time, on a connection of its own (one per thread).
    func withLedgerReader<T>(_ body: (any LedgerReader) throws -> T) throws -> T

    func rotateToken(of memberID: String) throws -> String
    func retiredTokens() throws -> [RetiredToken]
    func forgetRetiredTokens(_ tokens: [RetiredToken]) throws
    /// Calls `body` with a function that returns which of the tokens it is given belong to a
    /// member, all in one read transaction (a batch at a time: on a server, one round trip each).
    func withTokenLookup<T>(_ body: (([String]) throws -> Set<String>) throws -> T) throws -> T

    func membersByLocale() throws -> [(locale: String?, count: Int)]
    func descriptionsByLocale(from start: CalendarDate, through end: CalendarDate) throws -> [(locale: String?, description: String)]
    func searchMembers(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage
    /// The same search reading every member: what the index must agree with.
    func searchMembersByScan(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage

    /// Text that changes whenever the store does (an import, a rotated token): for a preview of a
    /// store with no file to watch. nil when the backend has a file to watch instead.
    func changeMarker() throws -> String?

    /// Imports the files all or nothing (see `MemberStore.importCSV`); `reportedPath` names the
    /// store in errors.
    /// Every member's places on paid plans, by member (plans are few beside members: read at once).
    func allMemberships() throws -> [String: [Membership]]
    /// One member's places on paid plans.
    func memberships(of memberID: String) throws -> [Membership]
    /// Whether some member has a value in the members.csv column `name` (a custom attribute).
    func hasAttribute(_ name: String) throws -> Bool

    /// Erases the members in one transaction (`Erasure`); refuses, changing nothing, when one is
    /// not in the store.
    func forget(_ memberIDs: [String], at stamp: String) throws -> [(memberID: String, erasure: Erasure)]
    /// The erasure of a member_id, if it was erased.
    func erasure(of memberID: String) throws -> Erasure?

    /// Every row of every table that names the member (`MemberRecords`).
    func records(of memberID: String) throws -> MemberRecords
    /// Every table of the store and its columns, in the store's own order (for tests that hold
    /// the export to the schema).
    func schema() throws -> [(table: String, columns: [String])]
    /// Every member's coupon codes, by member (issued for a few offers: read at once).
    func allCoupons() throws -> [String: [Coupon]]
    /// One member's coupon codes.
    func coupons(of memberID: String) throws -> [Coupon]

    func importCSV(_ files: ImportFiles, maxProblems: Int,
                   progress: (@Sendable (ImportProgress) -> Void)?, reportedPath: String) throws -> ImportSummary
}

/// Reads one member's ledger rows at a time. Valid only inside `withLedgerReader`, on its thread.
public protocol LedgerReader {
    /// Members referred by this one who joined on or before `end`.
    func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int
    /// The member's rows posted on or before `end`, in rule order; rows before `detailsFrom` come
    /// without their txn_id, amount and description.
    func entries(of memberID: String, through end: CalendarDate, detailsFrom: CalendarDate) throws -> [LedgerEntry]
    /// Says which members' ledgers (with these bounds) are about to be asked for, so that a reader
    /// for which each query is a round trip to a server can fetch them in one.
    mutating func prefetch(_ memberIDs: [String], through end: CalendarDate, detailsFrom: CalendarDate) throws
}

extension LedgerReader {
    /// Nothing to gain for a reader in the same process (SQLite): each member is read when asked for.
    public mutating func prefetch(_ memberIDs: [String], through end: CalendarDate, detailsFrom: CalendarDate) throws {}
}

/// Opens stores on a database server. Registered by the program at start-up (`MemberStore.register`),
/// so that this target does not depend on every server's driver.
public protocol ServerStoreOpener: Sendable {
    /// URL schemes this opener reads, lower case (`postgres`, `postgresql`).
    var schemes: [String] { get }
    /// Opens the store at `address`; with `create`, makes its tables when the database has none.
    func open(address: String, create: Bool) throws -> any StoreBackend
    /// As `open(address:create:)`; with `tablesWithFirstImport`, a database without a store gets
    /// its tables only inside its first import's transaction (a refused first import leaves none).
    func open(address: String, create: Bool, tablesWithFirstImport: Bool) throws -> any StoreBackend
}

extension ServerStoreOpener {
    public func open(address: String, create: Bool, tablesWithFirstImport: Bool) throws -> any StoreBackend {
        try open(address: address, create: create)
    }
}

/// A member with what their statement needs: their ledger rows and how many friends they referred.
public struct MemberLedger: Sendable {
    public var member: Member
    /// In rule order: posting day, then txn_id.
    public var entries: [LedgerEntry]
    /// Members referred by this one who joined on or before the day the rows were read up to.
    public var referredCount: Int
    /// The member's places on paid plans.
    public var memberships: [Membership]
    /// The coupon codes issued to the member, expired or not.
    public var coupons: [Coupon]

    public init(member: Member, entries: [LedgerEntry], referredCount: Int, memberships: [Membership] = [],
                coupons: [Coupon] = []) {
        self.member = member
        self.entries = entries
        self.referredCount = referredCount
        self.memberships = memberships
        self.coupons = coupons
    }
}

/// A member as a build first sees them: enough to tell whether their pages are unchanged,
/// without reading their ledger.
public struct StoredMember: Sendable {
    public var member: Member
    /// Members referred by this one who joined on or before the day the store was read up to.
    public var referredCount: Int
    /// Changes whenever the member gains ledger rows (rows are never changed or removed).
    public var ledgerRevision: Int

    public init(member: Member, referredCount: Int, ledgerRevision: Int) {
        self.member = member
        self.referredCount = referredCount
        self.ledgerRevision = ledgerRevision
    }
}

/// A token that was replaced, with the token that replaced it (nil when the member is gone).
public struct RetiredToken: Sendable, Hashable {
    public var token: String
    public var memberID: String
    public var currentToken: String?

    public init(token: String, memberID: String, currentToken: String?) {
        self.token = token
        self.memberID = memberID
        self.currentToken = currentToken
    }
}

/// One page of members matching a search.
public struct MemberSearchPage: Sendable {
    /// Members matching, in all; or, when `totalIsLowerBound`, how many were counted before
    /// counting stopped (more match).
    public var total: Int
    public var members: [Member]
    /// More than `total` match: a search counts up to `countLimit` matches, so that a query
    /// matching half a million members answers as fast as one matching ten.
    public var totalIsLowerBound = false

    /// How many matches a search counts at most (an empty query counts every member).
    public static let countLimit = 1_000

    public init(total: Int, members: [Member], totalIsLowerBound: Bool = false) {
        self.total = total
        self.members = members
        self.totalIsLowerBound = totalIsLowerBound
    }
}

/// Merges three streams in member_id order into one member at a time, as every backend reads a
/// whole-store pass: members, their ledger rows, their survey answers, each sorted by member_id
/// (bytes). Rows of a member_id missing from members (none in a consistent store) are skipped.
public enum MemberStreamMerge {
    public static func run(
        nextMember: () throws -> (Member, referredCount: Int)?,
        nextEntry: () throws -> (memberID: String, entry: LedgerEntry)?,
        nextAnswer: () throws -> SurveyAnswer?,
        _ body: (MemberLedger, [SurveyAnswer]) throws -> Void
    ) throws {
        var pending = try nextEntry()
        var pendingAnswer = try nextAnswer()
        while let (member, referredCount) = try nextMember() {
            var entries: [LedgerEntry] = []
            while let current = pending, !member.memberID.utf8.lexicographicallyPrecedes(current.memberID.utf8) {
                if current.memberID == member.memberID { entries.append(current.entry) }
                pending = try nextEntry()
            }
            var answers: [SurveyAnswer] = []
            while let answer = pendingAnswer, !member.memberID.utf8.lexicographicallyPrecedes(answer.memberID.utf8) {
                if answer.memberID == member.memberID { answers.append(answer) }
                pendingAnswer = try nextAnswer()
            }
            try body(MemberLedger(member: member, entries: entries, referredCount: referredCount), answers)
        }
    }
}

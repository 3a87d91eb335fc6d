import Foundation
import PunchcardStatements
import PunchcardSupport

/// The store's side of an import: what the checks look up and where valid rows go. Each backend
/// implements it inside its own transaction; the checks themselves (`MemberImport`, `LedgerImport`,
/// `SurveyImport`) are the same for all, so a row is refused for the same reason, in the same
/// words, whichever database the store is in.
public protocol ImportTarget {
    // Members
    func hasMembers() throws -> Bool
    func memberExists(_ memberID: String) throws -> Bool
    func storedMember(_ memberID: String) throws -> Member?
    func referralCodeOwner(_ code: String) throws -> String?
    func insertMember(_ member: Member) throws
    func updateMember(_ member: Member) throws
    /// Called once the members file is done: members inserted so far must be visible from here on.
    func finishMembers() throws
    /// Whether members inserted by this import are visible to the lookups at once (before
    /// `finishMembers`): then the checks ask the store instead of keeping sets of their own.
    var seesItsOwnNewMembers: Bool { get }

    // Erased members
    /// The store's salt for erasure keys; nil when it has erased nobody.
    func erasureSalt() throws -> [UInt8]?
    func erasure(key: String) throws -> Erasure?
    /// Forgets an erasure (its member imported again with `--allow-erased`).
    func removeErasure(key: String) throws

    // Ledger
    func hasLedgerRows() throws -> Bool
    func hasLedgerRows(of memberID: String) throws -> Bool
    /// The stored row with this txn_id and its member.
    func storedLedgerRow(txnID: String) throws -> (memberID: String, entry: LedgerEntry)?
    /// Where valid ledger rows go; rows are visible to the lookups above after its `finish`.
    func makeLedgerSink() throws -> any LedgerSink
    /// The member's stored rows (txn_id, kind, points) in rule order, if their ledger revision is
    /// `revision` (that is: this import gave them rows); empty otherwise.
    func ledgerRows(of memberID: String, ifRevision revision: Int64) throws -> [(txnID: String, kind: String, points: Int)]

    // Survey answers
    func storedAnswer(memberID: String, day: String) throws -> (score: Int, comment: String?)?
    func insertAnswer(memberID: String, day: String, score: Int, comment: String?) throws
    /// A member's place on a plan as stored, by member and plan.
    func storedMembership(memberID: String, plan: String) throws -> Membership?
    /// Stores it (adding or replacing), and gives the member a new revision so that their pages are rebuilt.
    func saveMembership(_ membership: Membership) throws

    /// A member's coupon for an offer as stored.
    func storedCoupon(memberID: String, offer: String) throws -> Coupon?
    /// The member who holds `code` for `offer`, if anyone does.
    func couponHolder(offer: String, code: String) throws -> String?
    /// Stores it (adding or replacing the member's code for the offer), and gives the member a new
    /// revision so that their pages are rebuilt.
    func saveCoupon(_ coupon: Coupon) throws

    /// Notes when the store was last imported into.
    func recordImportTime(_ time: String) throws
}

/// Takes valid ledger rows. A row whose txn_id is already stored is kept out: counted as already
/// present when it is the same row, returned as a conflict when its content differs.
public protocol LedgerSink {
    /// The revision members who gain rows get (`ImportRun.newRevision`).
    var revision: Int64 { get }
    var added: Int { get }
    var alreadyPresent: Int { get }
    /// Takes one valid row; may return conflicts of rows taken earlier.
    mutating func add(line: Int, txnID: String, memberID: String, postedOn: String, kind: String, points: Int,
                      amount: String?, description: String?, source: String?) throws -> [LedgerConflict]
    /// Writes what is pending and bumps the revision of every member who gained rows.
    mutating func finish() throws -> [LedgerConflict]
    /// Frees what the sink holds. Called once, when done.
    func close()
}

/// A row already stored under the same txn_id with other content.
public struct LedgerConflict: Sendable {
    public var line: Int
    public var txnID: String
    public var difference: String

    public init(line: Int, txnID: String, difference: String) {
        self.line = line
        self.txnID = txnID
        self.difference = difference
    }
}

/// The checks and the order of an import, the same for every backend.
public enum ImportRun {
    /// Imports members, then ledger rows, then survey answers, all or nothing. `transaction` is
    /// the backend's: it opens a write transaction, calls its argument with the target, commits
    /// when that returns and rolls back when it throws. Throws a `DiagnosticList` naming every
    /// problem (file, line, column); a database's own error becomes one line in `wrap`'s words.
    public static func perform(
        _ files: ImportFiles, maxProblems: Int,
        progress: (@Sendable (ImportProgress) -> Void)?, storePath: String, wrap: (Error) -> Error,
        transaction: ((any ImportTarget) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        var problems = DiagnosticList(limit: maxProblems)
        var summary = ImportSummary()
        do {
            // Open the ledger first: its background parsing overlaps the members import.
            let ledgerStream = try files.ledger.map { file throws(Diagnostic) in
                try CSVRecordStream(url: file.url, displayName: file.displayName, readAhead: files.members == nil ? 2 : 4)
            }
            defer { ledgerStream?.cancel() }
            try transaction { target in
                summary = try run(into: target, files: files, ledgerStream: ledgerStream, problems: &problems, progress: progress)
            }
        } catch let list as DiagnosticList {
            throw list
        } catch let diagnostic as Diagnostic {
            problems.append(diagnostic)
            throw problems
        } catch {
            // The database refused (full disk, another writer, a damaged store): one line in the
            // operator's words, naming the store; the transaction was rolled back.
            let wrapped = wrap(error)
            problems.append(Diagnostic(SourceLocation(file: storePath), (wrapped as? StoreError)?.reason ?? "\(wrapped)"))
            throw problems
        }
        return summary
    }

    /// Members, then ledger rows, then survey answers. Throws the `DiagnosticList` of every
    /// problem found (nothing must then be committed).
    static func run(into target: any ImportTarget, files: ImportFiles, ledgerStream: CSVRecordStream?,
                    problems: inout DiagnosticList, progress: (@Sendable (ImportProgress) -> Void)?) throws -> ImportSummary {
        let (members, ledger, surveys, memberships, coupons) = (files.members, files.ledger, files.surveys, files.memberships, files.coupons)
        var summary = ImportSummary()
        var importedMemberIDs = KeyTable()
        let erased = ErasedMembers(target: target, allowed: files.allowErased)
        if let members {
            var memberImport = MemberImport(file: members, target: target, erased: erased)
            importedMemberIDs = try memberImport.run(problems: &problems, summary: &summary)
        }
        try target.finishMembers()
        if let ledger, let ledgerStream {
            var ledgerImport = LedgerImport(file: ledger, target: target, importedMemberIDs: importedMemberIDs,
                                            progress: progress, erased: erased)
            try ledgerImport.run(stream: ledgerStream, problems: &problems, summary: &summary)
        }
        if let surveys {
            let counts = try SurveyImport(file: surveys, target: target, importedMemberIDs: importedMemberIDs, erased: erased)
                .run(problems: &problems)
            summary.surveysAdded = counts.added
            summary.surveysAlreadyPresent = counts.alreadyPresent
        }
        if let memberships {
            let counts = try MembershipImport(file: memberships, target: target, importedMemberIDs: importedMemberIDs, erased: erased)
                .run(problems: &problems)
            summary.membershipsAdded = counts.added
            summary.membershipsUpdated = counts.updated
            summary.membershipsUnchanged = counts.unchanged
        }
        if let coupons {
            let counts = try CouponImport(file: coupons, target: target, importedMemberIDs: importedMemberIDs, erased: erased)
                .run(problems: &problems)
            summary.couponsAdded = counts.added
            summary.couponsUpdated = counts.updated
            summary.couponsUnchanged = counts.unchanged
        }
        if let unsubscribes = files.unsubscribes, problems.isEmpty {
            let counts = try UnsubscribeImport(list: unsubscribes, target: target).run()
            summary.unsubscribed = counts.applied
            summary.alreadyUnsubscribed = counts.already
        }
        if !problems.isEmpty { throw problems }
        summary.warnings = erased.warnings + summary.warnings
        summary.warningsOmitted += erased.omitted
        summary.erasedRowsSkipped = erased.skippedRows
        try target.recordImportTime(ISO8601DateFormatter().string(from: Date()))
        return summary
    }

    /// The revision members who gain rows in an import get: random, not "one more than the
    /// highest", so that a store restored from a backup and then imported into cannot reach a
    /// revision it had before with other rows.
    public static func newRevision() -> Int64 { Int64.random(in: 1...Int64.max) }
}

extension LedgerConflict {
    /// How the stored row with this txn_id (`stored`, as the backend found it) differs from
    /// `entry`, in the import's words; nil when they are the same.
    public static func difference(from entry: LedgerEntry, memberID: String,
                                  stored: (memberID: String, entry: LedgerEntry)?) -> String? {
        LedgerImport.difference(from: entry, memberID: memberID, stored: stored)
    }
}

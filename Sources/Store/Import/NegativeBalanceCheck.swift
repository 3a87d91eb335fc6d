import GRDB
import PunchcardStatements
import PunchcardSupport

/// Finds redemptions that take a member's balance below zero, for warnings, without a second
/// pass over the ledger in the common case. Rows arrive as they are validated; while a member's
/// rows come together, in rule order, and the store held none of theirs before, the running
/// balance is exact and a warning gets its line at once. A member whose rows come out of order
/// or apart, or who had stored rows, is checked afterwards from the store (`deferredMembers`),
/// if this import gave them new rows.
struct NegativeBalanceCheck {
    static let limit = 50
    /// Members checked afterwards at most: beyond, warnings are best effort (memory stays bounded).
    static let maxDeferred = 500_000

    let file: String
    let pointsColumn: Int?
    /// The store's ledger was empty before the import: no member had stored rows.
    let storeWasEmpty: Bool

    private(set) var warnings: [(memberID: String, diagnostic: Diagnostic)] = []
    private(set) var omitted = 0
    private(set) var deferredMembers: Set<String> = []

    private var member = ""
    private var inStream = false
    private var balance = 0
    private var lastKey: (CalendarDate, String)?
    private var pending: [Diagnostic] = []
    private var hasRedeem = false
    /// The greatest member_id whose rows have ended: a member at or below it may have had rows
    /// earlier in the file (rows out of member order), and is checked afterwards, from the store.
    /// (Not a set of every member seen, which would grow with the program.)
    private var highest: [UInt8] = []

    init(file: String, pointsColumn: Int?, storeWasEmpty: Bool) {
        self.file = file
        self.pointsColumn = pointsColumn
        self.storeWasEmpty = storeWasEmpty
    }

    /// A valid row of the file. `hadStoredRows` tells whether the member had ledger rows before.
    mutating func add(line: Int, memberID: String, txnID: String, postedOn: CalendarDate, kind: LedgerKind, points: Int,
                      hadStoredRows: (String) throws -> Bool) rethrows {
        if memberID != member {
            finishMember()
            member = memberID
            balance = 0
            lastKey = nil
            hasRedeem = false
            // Apart from its earlier rows in this file: checked afterwards, from the store.
            if !highest.isEmpty, !highest.lexicographicallyPrecedes(memberID.utf8) {
                warnings.removeAll { $0.memberID == memberID }
                inStream = false
            } else {
                inStream = storeWasEmpty ? true : !(try hadStoredRows(memberID))
            }
        }
        if kind == .redeem { hasRedeem = true }
        guard inStream else { return }
        if let lastKey, postedOn < lastKey.0 || (postedOn == lastKey.0 && !lastKey.1.utf8.lexicographicallyPrecedes(txnID.utf8)) {
            inStream = false // out of rule order: the running balance would be wrong
            pending.removeAll()
            return
        }
        lastKey = (postedOn, txnID)
        let before = balance
        balance = balance.addingSaturating(points)
        if kind == .redeem, balance < 0, before >= 0 {
            pending.append(Self.warning(file: file, line: line, column: pointsColumn, txnID: txnID, points: points,
                                        memberID: memberID, balance: balance))
        }
    }

    /// Call after the last row.
    mutating func finish() { finishMember() }

    private mutating func finishMember() {
        guard !member.isEmpty else { return }
        if highest.lexicographicallyPrecedes(member.utf8) { highest = Array(member.utf8) }
        if inStream {
            for diagnostic in pending { append(memberID: member, diagnostic) }
        } else if hasRedeem, deferredMembers.count < Self.maxDeferred {
            deferredMembers.insert(member)
        }
        pending.removeAll()
    }

    mutating func append(memberID: String, _ diagnostic: Diagnostic) {
        if warnings.count < Self.limit { warnings.append((memberID, diagnostic)) } else { omitted += 1 }
    }

    static func warning(file: String, line: Int?, column: Int?, txnID: String, points: Int, memberID: String,
                        balance: Int) -> Diagnostic {
        Diagnostic(SourceLocation(file: file, line: line, column: column), field: "points",
                   "redemption \(Diagnostic.quote(txnID)) of \(points) takes member \(Diagnostic.quote(memberID))'s "
                       + "balance below zero, to \(balance) (allowed: the debt is repaid from later points)")
    }
}

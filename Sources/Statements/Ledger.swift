import PunchcardSupport

/// What a ledger row records. The sign of its points is fixed by the kind, except for `adjust`.
public enum LedgerKind: String, Sendable, Hashable, CaseIterable {
    case earn, bonus, referral, redeem, expire, adjust

    /// The kind spelled by raw bytes (a database column), without making a String first.
    public init?(rawBytes bytes: UnsafeBufferPointer<UInt8>) {
        for kind in Self.allCases where kind.rawValue.utf8.elementsEqual(bytes) {
            self = kind
            return
        }
        return nil
    }

    /// Whether `points` has the sign this kind requires (never zero).
    public func allows(points: Int) -> Bool {
        switch self {
        case .earn, .bonus, .referral: return points > 0
        case .redeem, .expire: return points < 0
        case .adjust: return points != 0
        }
    }

    /// The rule `allows(points:)` checks, for error messages.
    public var signRule: String {
        switch self {
        case .earn, .bonus, .referral: return "must be positive for \(rawValue)"
        case .redeem, .expire: return "must be negative for \(rawValue)"
        case .adjust: return "must not be zero"
        }
    }
}

/// One row of a member's point ledger.
public struct LedgerEntry: Sendable, Hashable {
    public var txnID: String
    public var postedOn: CalendarDate
    public var kind: LedgerKind
    public var points: Int
    /// The spend behind the row, as the decimal text it was imported with (kept exact).
    public var amount: String?
    public var description: String?
    /// Where the points came from: a `sources:` id of the program, or nil (attributed by kind).
    public var source: String?

    public init(txnID: String, postedOn: CalendarDate, kind: LedgerKind, points: Int,
                amount: String? = nil, description: String? = nil, source: String? = nil) {
        self.txnID = txnID
        self.postedOn = postedOn
        self.kind = kind
        self.points = points
        self.amount = amount
        self.description = description
        self.source = source
    }

    /// The order the rules apply rows in: by posting day, then by txn_id compared byte by byte
    /// (UTF-8), which is also SQLite's order, so rows read from the store need no sorting.
    public static func precedes(_ lhs: LedgerEntry, _ rhs: LedgerEntry) -> Bool {
        lhs.postedOn != rhs.postedOn
            ? lhs.postedOn < rhs.postedOn
            : lhs.txnID.utf8.lexicographicallyPrecedes(rhs.txnID.utf8)
    }
}

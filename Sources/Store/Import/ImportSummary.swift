import PunchcardSupport

/// What an import did, for the summary line.
public struct ImportSummary: Sendable, Hashable {
    public var membersAdded = 0
    public var membersUpdated = 0
    public var membersUnchanged = 0
    public var ledgerAdded = 0
    public var ledgerAlreadyPresent = 0
    public var surveysAdded = 0
    public var surveysAlreadyPresent = 0
    public var membershipsAdded = 0, membershipsUpdated = 0, membershipsUnchanged = 0
    public var couponsAdded = 0, couponsUpdated = 0, couponsUnchanged = 0
    /// Members marked unsubscribed, and those who already were.
    public var unsubscribed = 0, alreadyUnsubscribed = 0
    /// Rows skipped because their member was erased on request.
    public var erasedRowsSkipped = 0
    /// Accepted rows worth a second look (a redemption that leaves a negative balance), capped.
    public var warnings: [Diagnostic] = []
    /// Warnings beyond the cap, counted but not kept.
    public var warningsOmitted = 0

    public init() {}

    public var changedNothing: Bool { membersAdded == 0 && membersUpdated == 0 && ledgerAdded == 0 && surveysAdded == 0 }
}

/// How far an import has got through a file, for a progress display.
public struct ImportProgress: Sendable {
    public var file: String
    public var bytesDone: Int
    public var totalBytes: Int
    public var records: Int

    public var fraction: Double { totalBytes > 0 ? min(1, Double(bytesDone) / Double(totalBytes)) : 1 }
}

import PunchcardStatements
import PunchcardSupport

extension MemberStore {
    /// One member's statement for `period`.
    public func statement(for memberID: String, program: Program, period: Period) throws -> Statement {
        guard let ledger = try memberLedger(memberID, through: period.end) else {
            throw StoreError.unknownMember(memberID)
        }
        return ledger.statement(program: program, period: period)
    }

    /// Every member's statement for `period`, in member_id order, one member in memory at a time.
    /// Rows before the period come without their details (see `forEachMember(through:detailsFrom:)`).
    public func forEachStatement(program: Program, period: Period,
                                 _ body: (MemberLedger, Statement) throws -> Void) throws {
        try forEachMember(through: period.end, detailsFrom: period.start) { ledger in
            try body(ledger, ledger.statement(program: program, period: period))
        }
    }
}

extension MemberLedger {
    public func statement(program: Program, period: Period) -> Statement {
        Statement.compute(memberID: member.memberID, referralCode: member.referralCode,
                          referredCount: referredCount, entries: entries, program: program, period: period,
                          memberships: memberships, coupons: coupons)
    }
}

import PunchcardStatements
import PunchcardStore
import PunchcardSupport

extension Report {
    /// The report for `period`, in one pass over the store: members, their ledgers through the
    /// period's end and their survey answers stream through a `ReportAccumulator` in member order.
    /// With `shard`, only the members of that shard: figures about part of the program, marked so.
    public static func compute(store: MemberStore, program: Program, period: Period, shard: Shard? = nil) throws -> Report {
        var accumulator = ReportAccumulator(program: program, period: period)
        // Amounts are read only where CLV uses them: the 12 months.
        let amountsFrom = accumulator.days[accumulator.days.count - 1].yearAfter.adding(days: 1)
        try store.forEachMemberWithSurveys(through: period.end, detailsFrom: amountsFrom) { ledger, answers in
            if let shard, !shard.contains(ledger.member.memberID) { return }
            accumulator.add(joinedOn: ledger.member.joinedOn, referredBy: ledger.member.referredBy,
                            entries: ledger.entries, surveys: answers, memberships: ledger.memberships)
        }
        var report = accumulator.report()
        report.shard = shard
        return report
    }
}

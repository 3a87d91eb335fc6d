import PunchcardStatements

extension SiteContent {
    /// The offers a member's statement for `period` shows, in page order: those they hold a code
    /// for first (with the code; "Your codes"), then the others. A closed account is shown none.
    public func offersShown(to member: Member, statement: Statement, period: Period) -> [(offer: Offer, coupon: Coupon?)] {
        guard member.status != .closed else { return [] }
        let held = Dictionary(statement.coupons.map { ($0.offer, $0) }, uniquingKeysWith: { first, _ in first })
        let shown = offers.filter { $0.isShown(to: member, statement: statement, holdingCoupon: held[$0.slug] != nil, period: period) }
        return shown.filter { held[$0.slug] != nil }.map { ($0, held[$0.slug]) } + shown.filter { held[$0.slug] == nil }.map { ($0, nil) }
    }

    /// The offers' ids (file names without `.md`) a statement shows, in page order: `statement --json`'s `offers`.
    public func offerIDs(shownTo member: Member, statement: Statement, period: Period) -> [String] {
        offersShown(to: member, statement: statement, period: period).map(\.offer.slug)
    }
}

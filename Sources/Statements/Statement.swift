import PunchcardSupport

/// One member's statement for one period: the figures of the statement contract.
public struct Statement: Sendable, Hashable {
    public var memberID: String
    public var period: Period
    public var openingBalance: Int
    public var closingBalance: Int
    public var earned: Int
    /// Bonus and referral points together.
    public var bonus: Int
    /// Points redeemed in the period, as a positive number.
    public var redeemed: Int
    /// Points expired in the period, as a positive number.
    public var expired: Int
    /// Net adjustments in the period, signed.
    public var adjusted: Int
    /// Earned points posted in the twelve months up to the period's end.
    public var qualifyingPoints: Int
    public var tier: String?
    public var nextTier: String?
    public var pointsToNextTier: Int?
    /// Points that expire within the warning window after the period's end, earliest first.
    public var expiring: [ExpiringPoints]
    public var referral: ReferralSummary

    public struct ExpiringPoints: Sendable, Hashable {
        public var points: Int
        public var on: CalendarDate

        public init(points: Int, on: CalendarDate) {
            self.points = points
            self.on = on
        }
    }

    public struct ReferralSummary: Sendable, Hashable {
        public var code: String
        public var link: String
        /// Members referred by this one who joined on or before the period's end.
        public var referredCount: Int
        /// Referral points posted up to the period's end.
        public var pointsEarned: Int

        public init(code: String, link: String, referredCount: Int, pointsEarned: Int) {
            self.code = code
            self.link = link
            self.referredCount = referredCount
            self.pointsEarned = pointsEarned
        }
    }

    /// The identity every statement satisfies.
    public var addsUp: Bool {
        closingBalance == openingBalance.addingSaturating(earned).addingSaturating(bonus).subtractingSaturating(redeemed)
            .subtractingSaturating(expired).addingSaturating(adjusted)
    }
}

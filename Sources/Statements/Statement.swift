import Foundation
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
    /// Points earned (earn, bonus and referral rows) from the first day of the period's calendar
    /// year through the period's end.
    public var earnedThisYear = 0
    public var tier: String?
    public var nextTier: String?
    public var pointsToNextTier: Int?
    /// Points that expire within the warning window after the period's end, earliest first.
    public var expiring: [ExpiringPoints]
    public var referral: ReferralSummary
    /// What the balance can buy now, and the next reward within reach.
    public var rewards = RewardsSummary()
    /// How long the member keeps their tier without earning more; nil on the lowest tier.
    public var keepTier: KeepTier?
    /// The last 12 periods, oldest first, ending with this one.
    public var history: [HistoryMonth] = []
    /// Points earned (earn, bonus and referral rows) in the period, by source, biggest first.
    public var earnedBySource: [SourcePoints] = []
    /// The same over the 12 months up to the period's end (the qualifying window).
    public var earnedBySource12m: [SourcePoints] = []
    /// The paid plan the member is on at the period's end, and what it returned; nil on none.
    public var membership: MembershipSummary?
    /// The ids of the offers the member's page shows, in page order (content/offers/<id>.md): set by
    /// whoever knows the site's offers (`SiteContent.offerIDs`); empty otherwise.
    public var offers: [String] = []
    /// The day of the member's last `earn` row up to the period's end; nil without one. Not part of
    /// the JSON contract (offers for members who stopped earning use it).
    public var lastEarnOn: CalendarDate?
    /// The member's coupon codes still usable after the period's end, by offer. Not part of the
    /// JSON contract (codes are private; the page shows them inside their offers).
    public var coupons: [Coupon] = []

    public struct MembershipSummary: Sendable, Hashable {
        public var plan: String
        public var status: Membership.Status
        public var startedOn: CalendarDate
        /// The next renewal (active), or the day the plan ends (cancelled) or ended (lapsed).
        public var renewsOn: CalendarDate
        public var fee: Decimal
        /// Points from the plan's sources (`sources:` … `plan:`) in the 12 months to the period's end.
        public var points12m: Int
        /// Those points × `point_value`, rounded to cents; nil without a point value.
        public var value12m: Decimal?
        /// An active plan renews within the warning window after the period's end.
        public var renewsSoon: Bool
    }

    /// Points from one source.
    public struct SourcePoints: Sendable, Hashable {
        /// A `sources:` id, or `purchases`, `referrals`, `bonuses` for rows without one.
        public var source: String
        public var points: Int

        public init(source: String, points: Int) {
            self.source = source
            self.points = points
        }

        /// Biggest first, then by id.
        static func sorted(_ totals: [String: Int]) -> [SourcePoints] {
            totals.map { SourcePoints(source: $0.key, points: $0.value) }
                .sorted { $0.points != $1.points ? $0.points > $1.points : $0.source.utf8.lexicographicallyPrecedes($1.source.utf8) }
        }
    }

    public struct RewardsSummary: Sendable, Hashable {
        /// Ids of the rewards the member may redeem now, cheapest first (ties by id).
        public var available: [String] = []
        /// The cheapest reward the member's tier may redeem that the balance does not reach yet.
        public var next: (id: String, pointsToGo: Int)? {
            get { nextID.map { ($0, nextPointsToGo) } }
            set { nextID = newValue?.id; nextPointsToGo = newValue?.pointsToGo ?? 0 }
        }
        private var nextID: String?
        private var nextPointsToGo = 0

        public init(available: [String] = [], next: (id: String, pointsToGo: Int)? = nil) {
            self.available = available
            self.next = next
        }
    }

    public struct KeepTier: Sendable, Hashable {
        /// The member's tier, by its default-language name.
        public var tier: String
        /// The last month-end at which the tier still holds if the member earns nothing more.
        public var through: CalendarDate
        /// Earned by `by`, this many points keep the tier past `through`.
        public var pointsNeeded: Int
        /// The month-end at which the tier would be lost: the deadline for `pointsNeeded`.
        public var by: CalendarDate
        /// The tier the member moves to the day after `by` without earning more (default-language
        /// name); nil when the qualifying points left then reach no tier at all.
        public var fallsTo: String?

        public init(tier: String, through: CalendarDate, pointsNeeded: Int, by: CalendarDate, fallsTo: String? = nil) {
            self.tier = tier
            self.through = through
            self.pointsNeeded = pointsNeeded
            self.by = by
            self.fallsTo = fallsTo
        }

        /// The first day in the lower tier: the day after the deadline.
        public var changesOn: CalendarDate { by.adding(days: 1) }
    }

    public struct HistoryMonth: Sendable, Hashable {
        public var period: Period
        /// Earn, bonus and referral points posted in the period.
        public var earned: Int
        /// Points redeemed in the period, as a positive number.
        public var redeemed: Int
        /// Points expired in the period, as a positive number.
        public var expired: Int
        /// Net adjustments in the period, signed.
        public var adjusted: Int
        public var closingBalance: Int

        public init(period: Period, earned: Int = 0, redeemed: Int = 0, expired: Int = 0, adjusted: Int = 0,
                    closingBalance: Int = 0) {
            self.period = period
            self.earned = earned
            self.redeemed = redeemed
            self.expired = expired
            self.adjusted = adjusted
            self.closingBalance = closingBalance
        }

        /// The balance before the month: what its rows add to reach `closingBalance`.
        public var openingBalance: Int {
            closingBalance.subtractingSaturating(earned).addingSaturating(redeemed).addingSaturating(expired)
                .subtractingSaturating(adjusted)
        }
    }

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

import Foundation
import PunchcardSupport

extension Statement: Encodable {
    /// Exactly the keys of the statement contract, with `null` for absent values.
    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", period
        case openingBalance = "opening_balance", closingBalance = "closing_balance"
        case earned, bonus, redeemed, expired, adjusted
        case qualifyingPoints = "qualifying_points", earnedThisYear = "earned_this_year", tier, nextTier = "next_tier"
        case pointsToNextTier = "points_to_next_tier", expiring, referral
        case rewards, keepTier = "keep_tier", history
        case earnedBySource = "earned_by_source", earnedBySource12m = "earned_by_source_12m"
        case membership, offers
    }
    enum MembershipKeys: String, CodingKey {
        case plan, status, startedOn = "started_on", renewsOn = "renews_on", fee, points12m = "points_12m", value12m = "value_12m"
    }
    enum SourceKeys: String, CodingKey { case source, points }

    enum RewardsKeys: String, CodingKey { case available, next }
    enum NextRewardKeys: String, CodingKey { case id, pointsToGo = "points_to_go" }
    enum KeepTierKeys: String, CodingKey {
        case tier, through, pointsNeeded = "points_needed", by, fallsTo = "falls_to", changesOn = "changes_on"
    }
    enum HistoryKeys: String, CodingKey { case period, earned, redeemed, expired, adjusted, closingBalance = "closing_balance" }

    enum PeriodKeys: String, CodingKey { case start, end }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(memberID, forKey: .memberID)
        var periodContainer = container.nestedContainer(keyedBy: PeriodKeys.self, forKey: .period)
        try periodContainer.encode(period.start, forKey: .start)
        try periodContainer.encode(period.end, forKey: .end)
        try container.encode(openingBalance, forKey: .openingBalance)
        try container.encode(closingBalance, forKey: .closingBalance)
        try container.encode(earned, forKey: .earned)
        try container.encode(bonus, forKey: .bonus)
        try container.encode(redeemed, forKey: .redeemed)
        try container.encode(expired, forKey: .expired)
        try container.encode(adjusted, forKey: .adjusted)
        try container.encode(qualifyingPoints, forKey: .qualifyingPoints)
        try container.encode(earnedThisYear, forKey: .earnedThisYear)
        try container.encode(tier, forKey: .tier)
        try container.encode(nextTier, forKey: .nextTier)
        try container.encode(pointsToNextTier, forKey: .pointsToNextTier)
        try container.encode(expiring, forKey: .expiring)
        try container.encode(referral, forKey: .referral)

        var rewardsContainer = container.nestedContainer(keyedBy: RewardsKeys.self, forKey: .rewards)
        try rewardsContainer.encode(rewards.available, forKey: .available)
        if let next = rewards.next {
            var nextContainer = rewardsContainer.nestedContainer(keyedBy: NextRewardKeys.self, forKey: .next)
            try nextContainer.encode(next.id, forKey: .id)
            try nextContainer.encode(next.pointsToGo, forKey: .pointsToGo)
        } else {
            try rewardsContainer.encodeNil(forKey: .next)
        }
        if let keepTier {
            var keep = container.nestedContainer(keyedBy: KeepTierKeys.self, forKey: .keepTier)
            try keep.encode(keepTier.tier, forKey: .tier)
            try keep.encode(keepTier.through, forKey: .through)
            try keep.encode(keepTier.pointsNeeded, forKey: .pointsNeeded)
            try keep.encode(keepTier.by, forKey: .by)
            try keep.encode(keepTier.fallsTo, forKey: .fallsTo)
            try keep.encode(keepTier.changesOn, forKey: .changesOn)
        } else {
            try container.encodeNil(forKey: .keepTier)
        }
        for (key, list) in [(CodingKeys.earnedBySource, earnedBySource), (.earnedBySource12m, earnedBySource12m)] {
            var sources = container.nestedUnkeyedContainer(forKey: key)
            for item in list {
                var entry = sources.nestedContainer(keyedBy: SourceKeys.self)
                try entry.encode(item.source, forKey: .source)
                try entry.encode(item.points, forKey: .points)
            }
        }
        if let membership {
            var plan = container.nestedContainer(keyedBy: MembershipKeys.self, forKey: .membership)
            try plan.encode(membership.plan, forKey: .plan)
            try plan.encode(membership.status.rawValue, forKey: .status)
            try plan.encode(membership.startedOn, forKey: .startedOn)
            try plan.encode(membership.renewsOn, forKey: .renewsOn)
            try plan.encode(membership.fee, forKey: .fee)
            try plan.encode(membership.points12m, forKey: .points12m)
            try plan.encode(membership.value12m, forKey: .value12m)
        } else {
            try container.encodeNil(forKey: .membership)
        }
        try container.encode(offers, forKey: .offers)
        var months = container.nestedUnkeyedContainer(forKey: .history)
        for month in history {
            var entry = months.nestedContainer(keyedBy: HistoryKeys.self)
            try entry.encode(month.period.description, forKey: .period)
            try entry.encode(month.earned, forKey: .earned)
            try entry.encode(month.redeemed, forKey: .redeemed)
            try entry.encode(month.expired, forKey: .expired)
            try entry.encode(month.adjusted, forKey: .adjusted)
            try entry.encode(month.closingBalance, forKey: .closingBalance)
        }
    }

    /// One line of JSON with stable key order, as `punchcard statement --json` prints it.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension Statement.ExpiringPoints: Encodable {
    enum CodingKeys: String, CodingKey { case points, on }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(on, forKey: .on)
    }
}

extension Statement.ReferralSummary: Encodable {
    enum CodingKeys: String, CodingKey {
        case code, link, referredCount = "referred_count", pointsEarned = "points_earned"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(link, forKey: .link)
        try container.encode(referredCount, forKey: .referredCount)
        try container.encode(pointsEarned, forKey: .pointsEarned)
    }
}

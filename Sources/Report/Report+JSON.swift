import Foundation
import PunchcardStatements

extension Report: Encodable {
    /// Exactly the keys of the report's contract (docs/report.md), `null` for absent values.
    enum CodingKeys: String, CodingKey {
        case period, start, end, members, crr, churnRate = "churn_rate", points, liability
        case redemptionRate12m = "redemption_rate_12m", breakageRate12m = "breakage_rate_12m"
        case tiers, tierMoves = "tier_moves", upgrades, downgrades, referrals, clv, nps, trend, partners, memberships
        /// Only in a shard's report (`report --shard`): "I/N".
        case shard
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period.description, forKey: .period)
        try container.encode(period.start.description, forKey: .start)
        try container.encode(period.end.description, forKey: .end)
        try container.encode(members, forKey: .members)
        try container.encode(crr, forKey: .crr)
        try container.encode(churnRate, forKey: .churnRate)
        try container.encode(points, forKey: .points)
        try container.encode(liability, forKey: .liability)
        try container.encode(redemptionRate12m, forKey: .redemptionRate12m)
        try container.encode(breakageRate12m, forKey: .breakageRate12m)
        var tierCounts = container.nestedContainer(keyedBy: AnyKey.self, forKey: .tiers)
        for tier in tiers { try tierCounts.encode(tier.members, forKey: AnyKey(tier.tier)) }
        try container.encode(tierMoves, forKey: .tierMoves)
        try container.encode(upgrades, forKey: .upgrades)
        try container.encode(downgrades, forKey: .downgrades)
        try container.encode(referrals, forKey: .referrals)
        try container.encode(clv, forKey: .clv)
        try container.encode(nps, forKey: .nps)
        try container.encode(trend, forKey: .trend)
        try container.encode(partners, forKey: .partners)
        try container.encode(memberships, forKey: .memberships)
        if let shard { try container.encode(shard.description, forKey: .shard) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The report as the JSON file holds it: keys sorted, so that two runs can be compared with diff.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] // the same bytes on every run
        return try encoder.encode(self)
    }
}

extension Report.Members: Encodable {
    enum CodingKeys: String, CodingKey {
        case total, activeStart = "active_start", activeEnd = "active_end", new, lost, returning
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(activeStart, forKey: .activeStart)
        try container.encode(activeEnd, forKey: .activeEnd)
        try container.encode(new, forKey: .new)
        try container.encode(lost, forKey: .lost)
        try container.encode(returning, forKey: .returning)
    }
}

extension Report.Points: Encodable {
    enum CodingKeys: String, CodingKey { case issued, redeemed, expired, adjusted, outstanding }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(issued, forKey: .issued)
        try container.encode(redeemed, forKey: .redeemed)
        try container.encode(expired, forKey: .expired)
        try container.encode(adjusted, forKey: .adjusted)
        try container.encode(outstanding, forKey: .outstanding)
    }
}

extension Report.TierMove: Encodable {
    enum CodingKeys: String, CodingKey { case from, to, members }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(members, forKey: .members)
    }
}

extension Report.PartnerSettlement: Encodable {
    enum CodingKeys: String, CodingKey {
        case partner, issued, redeemed, issued12m = "issued_12m", redeemed12m = "redeemed_12m"
        case issuedValue = "issued_value", redeemedValue = "redeemed_value"
        case issuedValue12m = "issued_value_12m", redeemedValue12m = "redeemed_value_12m"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(partner, forKey: .partner)
        try container.encode(issued, forKey: .issued)
        try container.encode(redeemed, forKey: .redeemed)
        try container.encode(issued12m, forKey: .issued12m)
        try container.encode(redeemed12m, forKey: .redeemed12m)
        try container.encode(issuedValue, forKey: .issuedValue)
        try container.encode(redeemedValue, forKey: .redeemedValue)
        try container.encode(issuedValue12m, forKey: .issuedValue12m)
        try container.encode(redeemedValue12m, forKey: .redeemedValue12m)
    }
}

extension Report.Referrals: Encodable {
    enum CodingKeys: String, CodingKey { case newMembers = "new_members", points }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(newMembers, forKey: .newMembers)
        try container.encode(points, forKey: .points)
    }
}

extension Report.CLV: Encodable {
    enum CodingKeys: String, CodingKey {
        case avgPurchase = "avg_purchase", frequency, lifespanYears = "lifespan_years", value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(avgPurchase, forKey: .avgPurchase)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(lifespanYears, forKey: .lifespanYears)
        try container.encode(value, forKey: .value)
    }
}

extension Report.NPS: Encodable {
    enum CodingKeys: String, CodingKey { case score, responses, promoters, passives, detractors }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encode(responses, forKey: .responses)
        try container.encode(promoters, forKey: .promoters)
        try container.encode(passives, forKey: .passives)
        try container.encode(detractors, forKey: .detractors)
    }
}

extension Report.TrendPoint: Encodable {
    enum CodingKeys: String, CodingKey {
        case period, members, crr, churnRate = "churn_rate", points, outstanding, liability, nps
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period.description, forKey: .period)
        try container.encode(members, forKey: .members)
        try container.encode(crr, forKey: .crr)
        try container.encode(churnRate, forKey: .churnRate)
        try container.encode(points, forKey: .points)
        try container.encode(points.outstanding, forKey: .outstanding)
        try container.encode(liability, forKey: .liability)
        try container.encode(nps, forKey: .nps)
    }
}

extension Report.MembershipFigures: Encodable {
    enum CodingKeys: String, CodingKey { case plans, onPlan = "on_plan", noPlan = "no_plan" }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plans, forKey: .plans)
        try container.encode(onPlan, forKey: .onPlan)
        try container.encode(noPlan, forKey: .noPlan)
    }
}

extension Report.PlanFigures: Encodable {
    enum CodingKeys: String, CodingKey {
        case plan, members, new, cancelled, lapsed, renewalRate = "renewal_rate", feeRevenue = "fee_revenue"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan, forKey: .plan)
        try container.encode(members, forKey: .members)
        try container.encode(new, forKey: .new)
        try container.encode(cancelled, forKey: .cancelled)
        try container.encode(lapsed, forKey: .lapsed)
        try container.encode(renewalRate, forKey: .renewalRate)
        try container.encode(feeRevenue, forKey: .feeRevenue)
    }
}

extension Report.GroupFigures: Encodable {
    enum CodingKeys: String, CodingKey {
        case members, activeStart = "active_start", activeEnd = "active_end", new, crr, clv
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(members, forKey: .members)
        try container.encode(activeStart, forKey: .activeStart)
        try container.encode(activeEnd, forKey: .activeEnd)
        try container.encode(new, forKey: .new)
        try container.encode(crr, forKey: .crr)
        try container.encode(clv, forKey: .clv)
    }
}

import PunchcardLocalization
import PunchcardSupport

/// A reward of the program's catalog (`rewards:` in `program.yml`): what points are worth.
public struct Reward: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case item, discount, charity, experience
    }

    /// Unique; lowercase letters, digits and hyphens.
    public var id: String
    public var name: LocalizedText
    /// Points it costs, above zero.
    public var points: Int
    public var kind: Kind
    /// Tiers (by their default-language names) that may redeem it; empty: every member.
    public var tiers: [String]
    /// Markdown; for a charity reward, who receives the donation.
    public var description: LocalizedText?

    public init(id: String, name: LocalizedText, points: Int, kind: Kind = .item, tiers: [String] = [],
                description: LocalizedText? = nil) {
        self.id = id
        self.name = name
        self.points = points
        self.kind = kind
        self.tiers = tiers
        self.description = description
    }

    /// Whether a member in `tier` may redeem it.
    public func isAllowed(forTier tier: String?) -> Bool {
        tiers.isEmpty || tier.map(tiers.contains) == true
    }

    /// Cheapest first, ties by id: the catalog's order everywhere.
    public static func cheapestFirst(_ lhs: Reward, _ rhs: Reward) -> Bool {
        (lhs.points, lhs.id) < (rhs.points, rhs.id)
    }
}

extension Program {
    /// Reads `rewards:`; `tiers` are checked against the program's tiers.
    static func readRewards(_ root: inout YAMLFields, languages: [String], tiers: [Tier]) throws(Diagnostic) -> [Reward] {
        guard let list = try root.list("rewards") else { return [] }
        var rewards: [Reward] = []
        for var fields in list {
            let id = try fields.requiredID(unusedIn: rewards.map(\.id), what: "reward")
            let name = try fields.requiredLocalizedText("name", languages: languages)
            let points = try fields.requiredInt("points")
            guard (1...maxPoints).contains(points) else {
                throw fields.problem(key: "points", "\(points) is not between 1 and \(maxPoints)")
            }
            let kindText = try fields.string("kind") ?? Reward.Kind.item.rawValue
            guard let kind = Reward.Kind(rawValue: kindText) else {
                throw fields.problem(key: "kind", "\(Diagnostic.quote(kindText)) is not a kind of reward " +
                    "(kinds: \(Reward.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let rewardTiers = try fields.strings("tiers") ?? []
            for tier in rewardTiers where !tiers.contains(where: { $0.name == tier }) {
                throw fields.problem(key: "tiers",
                    "\(Diagnostic.quote(tier)) is not a tier of the program (tiers: \(tiers.map(\.name).joined(separator: ", ")))")
            }
            let description = try fields.localizedText("description", languages: languages)
            if kind == .charity, description == nil {
                throw fields.problem(key: "description", "a charity reward says who receives the donation: add a description")
            }
            try fields.rejectUnknownKeys()
            rewards.append(Reward(id: id, name: name, points: points, kind: kind, tiers: rewardTiers, description: description))
        }
        return rewards.sorted(by: Reward.cheapestFirst)
    }
}

import PunchcardLocalization
import PunchcardSupport

/// Where points come from (`sources:` in `program.yml`): a review, a birthday, a partner's shop, a
/// paid plan's bonus. A ledger row may name one in its `source` column; rows without one are
/// attributed by their kind (`PointSource.implicitID`).
public struct PointSource: Sendable, Hashable {
    /// Unique; lowercase letters, digits and hyphens; not one of the kind-derived ids.
    public var id: String
    public var name: LocalizedText
    /// The partner (`partners:` id) or paid plan (`memberships:` id) it belongs to, if any.
    public var partner: String?
    public var plan: String?

    public init(id: String, name: LocalizedText, partner: String? = nil, plan: String? = nil) {
        self.id = id
        self.name = name
        self.partner = partner
        self.plan = plan
    }

    /// The ids rows without a source are attributed to, by kind: purchases, referrals, bonuses.
    public static let implicitIDs = ["purchases", "referrals", "bonuses"]

    /// A row's source id: its own, or the one its kind implies; nil for rows that earn nothing
    /// (redeem, expire, adjust).
    public static func id(of entry: LedgerEntry) -> String? {
        switch entry.kind {
        case .earn: return entry.source ?? "purchases"
        case .bonus: return entry.source ?? "bonuses"
        case .referral: return entry.source ?? "referrals"
        case .redeem, .expire, .adjust: return nil
        }
    }

    /// Whether `id` is well formed: lowercase ASCII letters, digits and hyphens, 1 to 64 of them.
    public static func isWellFormed(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

extension Program {
    /// Reads `sources:`.
    static func readSources(_ root: inout YAMLFields, languages: [String]) throws(Diagnostic) -> [PointSource] {
        guard let list = try root.list("sources") else { return [] }
        var sources: [PointSource] = []
        for var fields in list {
            let id = try fields.requiredID(unusedIn: sources.map(\.id), what: "source")
            guard !PointSource.implicitIDs.contains(id) else {
                throw fields.problem(key: "id", "\(Diagnostic.quote(id)) is the name of rows without a source; choose another id")
            }
            let name = try fields.requiredLocalizedText("name", languages: languages)
            let partner = try fields.string("partner")
            let plan = try fields.string("plan")
            for (key, value) in [("partner", partner), ("plan", plan)] {
                if let value, !PointSource.isWellFormed(value) {
                    throw fields.problem(key: key, "\(Diagnostic.quote(value)) must be an id: lowercase letters, digits and hyphens")
                }
            }
            try fields.rejectUnknownKeys()
            sources.append(PointSource(id: id, name: name, partner: partner, plan: plan))
        }
        return sources
    }
}

import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// One import file: where it is and the name errors call it by (as the operator typed it).
public struct ImportFile: Sendable {
    public var url: URL
    public var displayName: String
    /// For a ledger file: the `source` ids its rows may name (`sources:` in program.yml); nil when
    /// no program was read, and then a row naming a source is refused.
    public var declaredSources: Set<String>?
    /// For a memberships file: the plan ids its rows may name (`memberships:` in program.yml); nil
    /// when no program was read, and then every row is refused.
    public var declaredPlans: Set<String>?
    /// For a coupons file: the offers its rows may name (content/offers/<slug>.md); nil when the
    /// site's content was not read, and then every row is refused.
    public var declaredOffers: Set<String>?

    public init(url: URL, displayName: String? = nil) {
        self.url = url
        self.displayName = displayName ?? url.lastPathComponent
    }

    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path), displayName: path)
    }
}

/// The files of one import, all or nothing: members, then ledger rows, survey answers, paid
/// plans, coupon codes and unsubscriptions.
public struct ImportFiles: Sendable {
    public var members: ImportFile?
    public var ledger: ImportFile?
    public var surveys: ImportFile?
    public var memberships: ImportFile?
    public var coupons: ImportFile?
    /// Members who asked for no more e-mail, already resolved (`punchcard import --unsubscribes`).
    public var unsubscribes: UnsubscribeList?
    /// Import erased members' rows as anyone's (`--allow-erased`); otherwise they are skipped.
    public var allowErased = false

    public init(members: ImportFile? = nil, ledger: ImportFile? = nil, surveys: ImportFile? = nil,
                memberships: ImportFile? = nil, coupons: ImportFile? = nil, unsubscribes: UnsubscribeList? = nil) {
        self.unsubscribes = unsubscribes
        self.members = members
        self.ledger = ledger
        self.surveys = surveys
        self.memberships = memberships
        self.coupons = coupons
    }

    public var isEmpty: Bool {
        members == nil && ledger == nil && surveys == nil && memberships == nil && coupons == nil && unsubscribes == nil
    }
}


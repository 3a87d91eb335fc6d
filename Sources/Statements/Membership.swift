import Foundation
import PunchcardLocalization
import PunchcardSupport

/// A paid plan of the program (`memberships:` in `program.yml`): a monthly or yearly fee for
/// benefits.
public struct MembershipPlan: Sendable, Hashable {
    public enum Billing: String, Sendable, Hashable, CaseIterable { case monthly, yearly }

    /// Unique; lowercase letters, digits and hyphens.
    public var id: String
    public var name: LocalizedText
    /// Markdown, in each language.
    public var benefits: LocalizedText
    /// The fee per billing period in the program's currency, exactly as written (`9.99`).
    public var fee: Decimal
    public var billing: Billing

    public init(id: String, name: LocalizedText, benefits: LocalizedText = LocalizedText(""), fee: Decimal, billing: Billing) {
        self.id = id
        self.name = name
        self.benefits = benefits
        self.fee = fee
        self.billing = billing
    }
}

/// A member's place on a plan, as `memberships.csv` gives it.
public struct Membership: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Renews on `renewsOn`.
        case active
        /// Runs through `renewsOn`, then ends.
        case cancelled
        /// Was not renewed: ended on `renewsOn`.
        case lapsed
    }

    public var memberID: String
    public var plan: String
    public var startedOn: CalendarDate
    public var renewsOn: CalendarDate
    public var status: Status

    public init(memberID: String, plan: String, startedOn: CalendarDate, renewsOn: CalendarDate, status: Status) {
        self.memberID = memberID
        self.plan = plan
        self.startedOn = startedOn
        self.renewsOn = renewsOn
        self.status = status
    }

    /// Whether the member is on the plan on `day`: from `startedOn`, and, unless it is active,
    /// through `renewsOn` (a cancelled plan runs until then; a lapsed one ended then).
    public func isOn(_ day: CalendarDate) -> Bool {
        startedOn <= day && (status == .active || day <= renewsOn)
    }

    /// The plan a member is on at `day`, of all theirs: the one started last (ties by plan id).
    public static func current(_ memberships: [Membership], on day: CalendarDate) -> Membership? {
        memberships.filter { $0.isOn(day) }
            .max { ($0.startedOn, $1.plan) < ($1.startedOn, $0.plan) }
    }
}

extension Program {
    /// Reads `memberships:`.
    static func readMemberships(_ root: inout YAMLFields, languages: [String]) throws(Diagnostic) -> [MembershipPlan] {
        guard let list = try root.list("memberships") else { return [] }
        var plans: [MembershipPlan] = []
        for var fields in list {
            let id = try fields.requiredID(unusedIn: plans.map(\.id), what: "plan")
            let name = try fields.requiredLocalizedText("name", languages: languages)
            let benefits = try fields.localizedText("benefits", languages: languages) ?? LocalizedText("")
            let feeText = try fields.requiredString("fee")
            guard feeText.utf8.count <= 20, feeText.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  feeText.filter({ $0 == "." }).count <= 1, let fee = Decimal(string: feeText), fee >= 0, fee <= 1_000_000 else {
                throw fields.problem(key: "fee", "\(Diagnostic.quote(feeText)) is not an amount from 0 to 1,000,000 such as 9.99")
            }
            let billingText = try fields.requiredString("billing")
            guard let billing = MembershipPlan.Billing(rawValue: billingText) else {
                throw fields.problem(key: "billing", "\(Diagnostic.quote(billingText)) is not monthly or yearly")
            }
            try fields.rejectUnknownKeys()
            plans.append(MembershipPlan(id: id, name: name, benefits: benefits, fee: fee, billing: billing))
        }
        return plans
    }
}

import PunchcardStatements
import PunchcardSupport

/// What a member's wallet card shows, taken from their latest statement: the same figures as the
/// statement page and `statement --json`. Never the statement's address: a card can be seen by
/// others (a lock screen, Google's servers) and the address is the member's key to their page.
public struct MemberCard: Sendable, Hashable {
    public var memberID: String
    public var name: String
    /// The member's page language (a program language).
    public var language: String
    /// Points at the end of the latest period (`closing_balance`).
    public var balance: Int
    /// The tier's key (its name in the default language, as `statement --json` gives it); nil: none.
    public var tier: String?
    /// The next points to expire (`expiring[0]`); nil: none within the warning window.
    public var nextExpiry: Statement.ExpiringPoints?
    /// A closed account gets no card.
    public var closed: Bool

    public init(memberID: String, name: String, language: String, balance: Int, tier: String?,
                nextExpiry: Statement.ExpiringPoints?, closed: Bool) {
        self.memberID = memberID
        self.name = name
        self.language = language
        self.balance = balance
        self.tier = tier
        self.nextExpiry = nextExpiry
        self.closed = closed
    }

    public init(member: Member, statement: Statement, language: String) {
        self.init(memberID: member.memberID, name: member.name, language: language, balance: statement.closingBalance,
                  tier: statement.tier, nextExpiry: statement.expiring.first,
                  closed: member.status == .closed)
    }
}

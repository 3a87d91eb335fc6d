import PunchcardSupport
import PunchcardLocalization

/// A program member as the store keeps them.
public struct Member: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case active, closed
    }

    public var memberID: String
    public var name: String
    public var email: String?
    public var phone: String?
    /// BCP 47 tag; nil means the program's default locale.
    public var locale: String?
    public var joinedOn: CalendarDate
    public var referredBy: String?
    public var status: Status
    public var referralCode: String
    /// Columns of members.csv beyond the known ones, kept for templates.
    public var attributes: [String: String]
    /// The statement page's URL token (see `MemberToken`); kept by the store, stable across builds.
    public var token: String

    public init(memberID: String, name: String, email: String? = nil, phone: String? = nil,
                locale: String? = nil, joinedOn: CalendarDate, referredBy: String? = nil,
                status: Status = .active, referralCode: String, attributes: [String: String] = [:],
                token: String = "") {
        self.memberID = memberID
        self.name = name
        self.email = email
        self.phone = phone
        self.locale = locale
        self.joinedOn = joinedOn
        self.referredBy = referredBy
        self.status = status
        self.referralCode = referralCode
        self.attributes = attributes
        self.token = token
    }
}

extension Member {
    /// What the staff index searches for this member (`SearchFolding.searchText`).
    public var searchText: String { SearchFolding.searchText(name: name, memberID: memberID, email: email, phone: phone) }
}

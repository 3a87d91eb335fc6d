import PunchcardStatements
import PunchcardSupport

/// A member who asked to receive no more e-mail, as read from the operator's endpoint or mailbox
/// (`punchcard import --unsubscribes`) and resolved to a member before the import.
public struct Unsubscription: Sendable, Hashable {
    public var memberID: String
    public var on: CalendarDate
    /// Where it was asked, for messages.
    public var line: Int

    public init(memberID: String, on: CalendarDate, line: Int) {
        self.memberID = memberID
        self.on = on
        self.line = line
    }
}

/// The unsubscriptions of one file.
public struct UnsubscribeList: Sendable {
    public var displayName: String
    public var entries: [Unsubscription]

    public init(displayName: String, entries: [Unsubscription]) {
        self.displayName = displayName
        self.entries = entries
    }
}

/// Marks members unsubscribed: `unsubscribed_on` (the first day they asked, kept), and their
/// channel `none` unless it is `sms` (an e-mail unsubscribe does not stop text messages). Mail is
/// never sent to them again, and a later members.csv does not bring e-mail back (`MemberImport`'s
/// consent rule). Runs after the members of the same import: the unsubscription wins.
struct UnsubscribeImport {
    let list: UnsubscribeList
    let target: any ImportTarget

    func run() throws -> (applied: Int, already: Int) {
        var applied = 0, already = 0
        var done = Set<String>()
        for entry in list.entries where done.insert(entry.memberID).inserted {
            guard var member = try target.storedMember(entry.memberID) else { continue }
            if member.unsubscribedOn != nil { already += 1; continue }
            member.attributes[Member.unsubscribedColumn] = entry.on.description
            if member.channel != .sms { member.attributes["channel"] = ContactChannel.none.rawValue }
            try target.updateMember(member)
            applied += 1
        }
        return (applied, already)
    }
}

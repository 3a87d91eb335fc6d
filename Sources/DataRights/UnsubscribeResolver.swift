import Foundation
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Resolves what `punchcard import --unsubscribes` read (`UnsubscribeRequest`) to members: a token
/// by signing every member's id again with the site's secret, an address by the members who have
/// it. A token that is nobody's (forged, mistyped, or signed with another site's secret) is refused
/// at its line; an address no member has is a warning.
public enum UnsubscribeResolver {
    /// The members the requests name, each once (the first day asked), and warnings for
    /// addresses nobody has. Throws the lines whose token is nobody's.
    public static func resolve(_ requests: [UnsubscribeRequest], file: ImportFile, store: MemberStore, signer: UnsubscribeSigner,
                               today: CalendarDate) throws -> (list: UnsubscribeList, warnings: [Diagnostic]) {
        let tokens = Set(requests.compactMap(\.token))
        let emails = Set(requests.compactMap(\.email))
        var memberByToken: [String: String] = [:]
        var membersByEmail: [String: [String]] = [:]
        try store.forEachMember { member in
            if !tokens.isEmpty {
                let token = signer.token(for: member.memberID)
                if tokens.contains(token) { memberByToken[token] = member.memberID }
            }
            if let email = member.email?.trimmingWhitespace().lowercased(), emails.contains(email) {
                membersByEmail[email, default: []].append(member.memberID)
            }
        }
        var problems = DiagnosticList(limit: 50)
        var warnings: [Diagnostic] = []
        var entries: [Unsubscription] = []
        for request in requests {
            let on = request.on ?? today
            if let token = request.token {
                guard let memberID = memberByToken[token] else {
                    problems.append(Diagnostic(SourceLocation(file: file.displayName, line: request.line), field: "token",
                        "\(Diagnostic.quote(token)) is no member's unsubscribe token (forged, mistyped, or signed with another site's secret)"))
                    continue
                }
                entries.append(Unsubscription(memberID: memberID, on: on, line: request.line))
            } else if let email = request.email {
                guard let memberIDs = membersByEmail[email] else {
                    warnings.append(Diagnostic(SourceLocation(file: file.displayName, line: request.line), field: "email",
                                               "\(Diagnostic.quote(email)): no member has this address; skipped"))
                    continue
                }
                entries += memberIDs.map { Unsubscription(memberID: $0, on: on, line: request.line) }
            }
        }
        if !problems.isEmpty { throw problems }
        // The first day each member asked.
        var earliest: [String: Unsubscription] = [:]
        for entry in entries where earliest[entry.memberID].map({ entry.on < $0.on }) ?? true { earliest[entry.memberID] = entry }
        return (UnsubscribeList(displayName: file.displayName, entries: earliest.values.sorted { $0.line < $1.line }), warnings)
    }
}

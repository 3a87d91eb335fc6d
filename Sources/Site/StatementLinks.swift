import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// `punchcard links`: every member with a statement page for a period, as rows for a mail merge.
public enum StatementLinks {
    public static let header = ["member_id", "name", "email", "locale", "status", "tier", "closing_balance",
                                "expiring_points", "url"]

    /// Why links cannot be listed for `period` (nil: they can). Only a period built into the
    /// output has pages to link to.
    public static func refusal(period: Period?, published: [Period], output: String) -> String? {
        guard let chosen = period ?? published.max() else {
            return "nothing was built into \(output) yet: run `punchcard build` first"
        }
        guard published.contains(chosen) else {
            let list = published.map(\.description).joined(separator: ", ")
            return "\(chosen) was never built into \(output)" + (list.isEmpty ? "" : " (built: \(list))") + "; build it first"
        }
        return nil
    }

    /// Calls `row` with one row per member who has a page for `period` (members who joined after
    /// it have none), in member_id order. `latest`: link the member's latest page rather than the
    /// period's copy.
    /// - Parameter hasPage: whether a member's page was built (a sharded build may be incomplete).
    public static func forEachRow(store: MemberStore, program: Program, period: Period, latest: Bool,
                                  hasPage: (String) -> Bool = { _ in true },
                                  _ row: ([String]) throws -> Void) throws {
        try store.forEachStatement(program: program, period: period) { ledger, statement in
            let member = ledger.member
            guard member.joinedOn <= period.end, MemberToken.isWellFormed(member.token), hasPage(member.memberID) else { return }
            let expiring = statement.expiring.reduce(0) { $0.addingSaturating($1.points) }
            try row([
                SpreadsheetCell.safe(member.memberID), SpreadsheetCell.safe(member.name),
                SpreadsheetCell.safe(member.email ?? ""), member.locale ?? program.defaultLocale,
                member.status.rawValue, SpreadsheetCell.safe(statement.tier ?? ""),
                String(statement.closingBalance), String(expiring),
                program.baseURL + (latest ? StatementAddress.folder(token: member.token) + "/"
                                          : StatementAddress.page(token: member.token, period: period)),
            ])
        }
    }
}

/// CSV cells opened in a spreadsheet: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return is run as a formula, so it gets a leading `'` (OWASP's advice on CSV injection).
public enum SpreadsheetCell {
    public static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}

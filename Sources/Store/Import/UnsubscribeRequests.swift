import Foundation
import PunchcardSupport

/// What the operator's unsubscribe endpoint or mailbox received, for `punchcard import
/// --unsubscribes FILE`: one signed token or e-mail address per line (`#` starts a comment), or
/// the endpoint's log as CSV with a header naming a `token` or `email` column (and optionally
/// `date`, `received_at` or `at`: the day it was asked, `YYYY-MM-DD` at its start; otherwise the
/// day of the import). Read here; resolved to members where the site's secret is known.
public struct UnsubscribeRequest: Sendable, Equatable {
    public var line: Int
    public var token: String?
    public var email: String?
    public var on: CalendarDate?

    /// A signed token's form: 22 characters of base64url (the signature is checked on resolving).
    public static func isTokenShaped(_ text: String) -> Bool {
        text.utf8.count == 22 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }

    /// The requests in the file, or every malformed line's problem (file:line).
    public static func read(_ file: ImportFile) throws -> [UnsubscribeRequest] {
        let name = file.displayName
        let stream = try CSVRecordStream(url: file.url, displayName: name)
        defer { stream.cancel() }
        var problems = DiagnosticList(limit: 50)
        var requests: [UnsubscribeRequest] = []
        func problem(_ line: Int, _ field: String?, _ message: String) {
            problems.append(Diagnostic(SourceLocation(file: name, line: line), field: field, message))
        }
        func add(_ raw: String, line: Int, field: String?, on: CalendarDate?) {
            let value = raw.trimmingWhitespace()
            if isTokenShaped(value) {
                requests.append(UnsubscribeRequest(line: line, token: value, on: on))
            } else if value.contains("@"), FieldRules.textProblem(value, limit: 320) == nil {
                requests.append(UnsubscribeRequest(line: line, email: value.lowercased(), on: on))
            } else {
                problem(line, field, "\(Diagnostic.quote(value)) is not an unsubscribe token or an e-mail address")
            }
        }
        guard let first = try stream.next() else { return [] }
        let names = first.fields.map { $0.trimmingWhitespace().lowercased() }
        let tokenColumn = names.firstIndex(of: "token"), emailColumn = names.firstIndex(of: "email")
        if tokenColumn != nil || emailColumn != nil {
            // The endpoint's log, with its header.
            let dateColumn = ["date", "received_at", "at"].lazy.compactMap { names.firstIndex(of: $0) }.first
            while let record = try stream.next() {
                func field(_ index: Int?) -> String { index.flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? "" }
                var on: CalendarDate?
                if let dateColumn {
                    let text = field(dateColumn).trimmingWhitespace()
                    on = CalendarDate(iso: String(text.prefix(10)))
                    if on == nil, !text.isEmpty { problem(record.line, names[dateColumn], FieldRules.dateProblem(text)); continue }
                }
                if !field(tokenColumn).isEmpty { add(field(tokenColumn), line: record.line, field: "token", on: on) }
                else if !field(emailColumn).isEmpty { add(field(emailColumn), line: record.line, field: "email", on: on) }
                else if !record.fields.allSatisfy(\.isEmpty) { problem(record.line, nil, "neither a token nor an e-mail address") }
            }
        } else {
            // One token or address a line.
            var record: CSVRecord? = first
            while let current = record {
                let value = current.fields.joined(separator: ",")
                if !value.trimmingWhitespace().isEmpty, !value.trimmingWhitespace().hasPrefix("#") {
                    add(value, line: current.line, field: nil, on: nil)
                }
                record = try stream.next()
            }
        }
        if !problems.isEmpty { throw problems }
        return requests
    }
}

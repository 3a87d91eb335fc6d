import Foundation
import PunchcardStatements
import PunchcardSupport

/// Reads memberships.csv (member_id, plan, started_on, renews_on, status): members' places on the
/// program's paid plans, keyed by member and plan. A place's status and dates change over time (a
/// plan is renewed, cancelled, lapses), so a row for a stored key replaces it, like a member's
/// row; the same row again changes nothing.
struct MembershipImport {
    static let columns = ["member_id", "plan", "started_on", "renews_on", "status"]

    let file: ImportFile
    let target: any ImportTarget
    let importedMemberIDs: KeyTable
    var erased: ErasedMembers? = nil

    func run(problems: inout DiagnosticList) throws -> (added: Int, updated: Int, unchanged: Int) {
        let name = file.displayName
        let stream = try CSVRecordStream(url: file.url, displayName: name)
        defer { stream.cancel() }
        let header = CSVHeader(record: try stream.next(), file: name, required: Self.columns,
                               known: Self.columns, allowExtra: false, problems: &problems)
        guard problems.isEmpty else { return (0, 0, 0) }
        let column = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0, header.index(of: $0)!) })
        let fieldCount = header.names.count
        var seen: [String: Int] = [:] // member and plan → the line that named them
        var knownMembers = KnownMembers(target: target, importedMemberIDs: importedMemberIDs, erased: erased, file: name)
        var added = 0, updated = 0, unchanged = 0

        while let record = try stream.next() {
            func problem(_ field: String?, _ message: String) {
                problems.append(header.diagnostic(line: record.line, column: field, message))
            }
            let fields = record.fields
            guard fields.count == fieldCount else {
                problem(nil, "expected \(fieldCount) fields as in the header, found \(fields.count)")
                continue
            }
            func field(_ name: String) -> String { fields[column[name]!] }
            let memberID = try knownMembers.check(field("member_id"), line: record.line) { problem("member_id", $0) }
            var valid = memberID != nil
            let plan = field("plan")
            if let trouble = FieldRules.undeclaredProblem(plan, declared: file.declaredPlans, what: "plan",
                                                          whereDeclared: "memberships: in content/program.yml") {
                problem("plan", trouble)
                valid = false
            }
            let started = CalendarDate(iso: field("started_on"))
            if started == nil {
                problem("started_on", FieldRules.dateProblem(field("started_on")))
                valid = false
            }
            let renews = CalendarDate(iso: field("renews_on"))
            if renews == nil {
                problem("renews_on", FieldRules.dateProblem(field("renews_on")))
                valid = false
            } else if let started, let renews, renews < started {
                problem("renews_on", "\(renews) is before started_on (\(started))")
                valid = false
            }
            let status = Membership.Status(rawValue: field("status"))
            if status == nil {
                problem("status", "\(Diagnostic.quote(field("status"))) is not active, cancelled or lapsed")
                valid = false
            }
            guard valid, let memberID, let started, let renews, let status else { continue }
            let key = memberID + "\u{0}" + plan
            if let earlier = seen[key] {
                problem("plan", "\(Diagnostic.quote(memberID)) is on \(Diagnostic.quote(plan)) already at line \(earlier); one row per member and plan")
                continue
            }
            seen[key] = record.line
            // After the first problem nothing will be kept: only go on checking.
            guard problems.isEmpty else { continue }
            let membership = Membership(memberID: memberID, plan: plan, startedOn: started, renewsOn: renews, status: status)
            switch try target.storedMembership(memberID: memberID, plan: plan) {
            case membership?: unchanged += 1
            case nil:
                try target.saveMembership(membership)
                added += 1
            case _?:
                try target.saveMembership(membership)
                updated += 1
            }
        }
        return (added, updated, unchanged)
    }
}

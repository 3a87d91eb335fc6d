import Foundation
import PunchcardStatements
import PunchcardSupport

/// Reads surveys.csv (member_id, answered_on, score, optional comment) and adds its answers,
/// keyed by member and day: the same answer again changes nothing, a different one for a day
/// already stored is an error.
struct SurveyImport {
    static let knownColumns = ["member_id", "answered_on", "score", "comment"]
    static let requiredColumns = ["member_id", "answered_on", "score"]

    let file: ImportFile
    let target: any ImportTarget
    let importedMemberIDs: KeyTable
    var erased: ErasedMembers? = nil

    /// - Returns: answers added and already present.
    func run(problems: inout DiagnosticList) throws -> (added: Int, alreadyPresent: Int) {
        let name = file.displayName
        let stream = try CSVRecordStream(url: file.url, displayName: name)
        defer { stream.cancel() }
        let header = CSVHeader(record: try stream.next(), file: name, required: Self.requiredColumns,
                               known: Self.knownColumns, allowExtra: false, problems: &problems)
        guard problems.isEmpty else { return (0, 0) }
        let columns = (memberID: header.index(of: "member_id")!, answeredOn: header.index(of: "answered_on")!,
                       score: header.index(of: "score")!, comment: header.index(of: "comment"))
        let fieldCount = header.names.count
        // Answers of this file, to tell a repeated line from a contradicting one.
        var seen: [String: (line: Int, score: Int, comment: String?)] = [:]
        var knownMembers = KnownMembers(target: target, importedMemberIDs: importedMemberIDs, erased: erased, file: name)
        var added = 0, alreadyPresent = 0

        while let record = try stream.next() {
            func problem(_ column: String?, _ message: String) {
                problems.append(header.diagnostic(line: record.line, column: column, message))
            }
            let fields = record.fields
            guard fields.count == fieldCount else {
                problem(nil, "expected \(fieldCount) fields as in the header, found \(fields.count)")
                continue
            }
            let memberID = try knownMembers.check(fields[columns.memberID], line: record.line) { problem("member_id", $0) }
            var valid = memberID != nil
            let dayText = fields[columns.answeredOn]
            if CalendarDate(iso: dayText) == nil {
                problem("answered_on", FieldRules.dateProblem(dayText))
                valid = false
            }
            let scoreText = fields[columns.score]
            let score = scoreText.utf8.count <= 2 && scoreText.utf8.allSatisfy { (48...57).contains($0) } ? Int(scoreText) : nil
            if score == nil || !SurveyAnswer.scores.contains(score!) {
                problem("score", "\(Diagnostic.quote(scoreText)) is not a whole number from 0 to 10")
                valid = false
            }
            let comment = columns.comment.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let comment, let trouble = FieldRules.textProblem(comment, limit: FieldRules.maxDescriptionLength,
                                                                   allowLineBreaks: true) {
                problem("comment", trouble)
                valid = false
            }
            guard valid, let memberID, let score else { continue }

            let key = memberID + "\u{0}" + dayText
            if let earlier = seen[key] {
                if earlier.score != score || earlier.comment != comment {
                    problem("answered_on", "\(Diagnostic.quote(memberID)) already answered on \(dayText) at line \(earlier.line) with a different answer")
                }
                continue
            }
            seen[key] = (record.line, score, comment)
            if let (storedScore, storedComment) = try target.storedAnswer(memberID: memberID, day: dayText) {
                if storedScore != score || storedComment != comment {
                    var changes: [String] = []
                    if storedScore != score { changes.append("score: stored \(storedScore), file \(score)") }
                    if storedComment != comment {
                        changes.append("comment: stored \(storedComment.map { Diagnostic.quote($0) } ?? "empty"), file \(comment.map { Diagnostic.quote($0) } ?? "empty")")
                    }
                    problem("answered_on", "\(Diagnostic.quote(memberID))'s answer of \(dayText) is already stored with different content (\(changes.joined(separator: "; ")))")
                } else {
                    alreadyPresent += 1
                }
                continue
            }
            // After the first problem nothing will be kept: only go on checking.
            guard problems.isEmpty else { continue }
            try target.insertAnswer(memberID: memberID, day: dayText, score: score, comment: comment)
            added += 1
        }
        return (added, alreadyPresent)
    }
}

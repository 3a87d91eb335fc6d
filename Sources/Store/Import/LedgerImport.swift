import Foundation
import PunchcardStatements
import PunchcardSupport

/// Reads ledger.csv and adds its rows, keyed by txn_id.
struct LedgerImport {
    static let knownColumns = ["txn_id", "member_id", "posted_on", "kind", "points", "amount", "description", "source"]
    static let requiredColumns = ["txn_id", "member_id", "posted_on", "kind", "points"]

    let file: ImportFile
    let target: any ImportTarget
    let importedMemberIDs: KeyTable
    let erased: ErasedMembers?
    let progress: (@Sendable (ImportProgress) -> Void)?

    init(file: ImportFile, target: any ImportTarget, importedMemberIDs: KeyTable,
         progress: (@Sendable (ImportProgress) -> Void)?, erased: ErasedMembers? = nil) {
        self.erased = erased
        self.file = file
        self.target = target
        self.importedMemberIDs = importedMemberIDs
        self.progress = progress
    }

    /// - Parameter stream: the ledger file, opened early so that it parses while members import.
    mutating func run(stream: CSVRecordStream, problems: inout DiagnosticList, summary: inout ImportSummary) throws {
        defer { stream.cancel() }
        let name = file.displayName
        let header = CSVHeader(record: try stream.next(), file: name, required: Self.requiredColumns,
                               known: Self.knownColumns, allowExtra: false, problems: &problems)
        guard problems.isEmpty else { return }
        let columns = (txnID: header.index(of: "txn_id")!, memberID: header.index(of: "member_id")!,
                       postedOn: header.index(of: "posted_on")!, kind: header.index(of: "kind")!,
                       points: header.index(of: "points")!, amount: header.index(of: "amount"),
                       description: header.index(of: "description"), source: header.index(of: "source"))
        let fieldCount = header.names.count

        // Rows come grouped by member in practice: remember the last member checked.
        var lastKnownMember = ""
        var balances = NegativeBalanceCheck(
            file: name, pointsColumn: columns.points + 1,
            storeWasEmpty: try !target.hasLedgerRows())
        var inserter = try target.makeLedgerSink()
        defer { inserter.close() }
        var records = 0
        while let record = try stream.next() {
            records += 1
            if records & 0xFFFF == 0, let progress {
                progress(ImportProgress(file: name, bytesDone: stream.bytesParsed, totalBytes: stream.totalBytes,
                                        records: records))
            }
            func problem(_ column: String?, _ message: String) {
                problems.append(header.diagnostic(line: record.line, column: column, message))
            }
            let fields = record.fields
            guard fields.count == fieldCount else {
                problem(nil, "expected \(fieldCount) fields as in the header, found \(fields.count)")
                continue
            }
            var valid = true
            let (txnID, txnProblem) = FieldRules.txnID(fields[columns.txnID])
            if let txnProblem {
                problem("txn_id", txnProblem)
                valid = false
            }
            let rawMemberID = fields[columns.memberID]
            if rawMemberID != lastKnownMember {
                let (memberID, idProblem) = FieldRules.memberID(rawMemberID)
                if rawMemberID.isEmpty {
                    problem("member_id", "required, but empty")
                    valid = false
                } else if idProblem != nil {
                    problem("member_id", "\(Diagnostic.quote(rawMemberID)): no such member in the store or in the members file")
                    valid = false
                } else if try importedMemberIDs.contains(memberID) || target.memberExists(memberID) {
                    lastKnownMember = rawMemberID
                } else if let erased, try erased.skips(memberID, file: name, line: record.line) {
                    continue
                } else {
                    problem("member_id", "\(Diagnostic.quote(rawMemberID)): no such member in the store or in the members file")
                    valid = false
                }
            }
            let memberID = Identifier.normalized(rawMemberID)
            let postedText = fields[columns.postedOn]
            let postedOn = CalendarDate(iso: postedText)
            if postedOn == nil {
                problem("posted_on", FieldRules.dateProblem(postedText))
                valid = false
            }
            let kindText = fields[columns.kind]
            let kind = LedgerKind(rawValue: kindText)
            if kind == nil {
                problem("kind", "\(Diagnostic.quote(kindText)) is not one of earn, bonus, referral, redeem, expire, adjust")
                valid = false
            }
            let pointsText = fields[columns.points]
            var points: Int?
            if let trouble = FieldRules.pointsProblem(pointsText) {
                problem("points", trouble)
                valid = false
            } else if let value = Int(pointsText) {
                points = value
                if let kind, !kind.allows(points: value) {
                    problem("points", "\(value) \(kind.signRule)")
                    valid = false
                }
            }
            let amount = columns.amount.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let amount, amount.count > FieldRules.maxAmountLength || !Self.isDecimal(amount) {
                problem("amount", "\(Diagnostic.quote(amount)) is not a decimal number such as 12.50")
                valid = false
            }
            let source = columns.source.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let source {
                if let trouble = Self.sourceProblem(source, declared: file.declaredSources) {
                    problem("source", trouble)
                    valid = false
                }
            }
            let description = columns.description.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let description, let trouble = FieldRules.textProblem(description, limit: FieldRules.maxDescriptionLength,
                                                                       allowLineBreaks: true) {
                problem("description", trouble)
                valid = false
            }

            // A row already stored with other content is reported beside the other problems,
            // even though nothing of this import will be kept.
            if valid, !problems.isEmpty, let postedOn, let kind, let points,
               let difference = try Self.difference(
                from: LedgerEntry(txnID: txnID, postedOn: postedOn, kind: kind, points: points, amount: amount,
                                  description: description, source: source),
                memberID: memberID, stored: target.storedLedgerRow(txnID: txnID), absentMeansSame: true) {
                problem("txn_id", "\(Diagnostic.quote(txnID)) is already stored with different content (\(difference))")
            }
            // After the first problem nothing will be kept: only go on checking.
            guard valid, problems.isEmpty, let postedOn, let kind, let points else { continue }
            try balances.add(line: record.line, memberID: memberID, txnID: txnID, postedOn: postedOn, kind: kind,
                             points: points, hadStoredRows: { try target.hasLedgerRows(of: $0) })
            let conflicts = try inserter.add(
                line: record.line, txnID: txnID, memberID: memberID, postedOn: postedText, kind: kindText,
                points: points, amount: amount, description: description, source: source)
            if !conflicts.isEmpty { report(conflicts, into: &problems, header: header) }
        }
        report(try inserter.finish(), into: &problems, header: header)
        summary.ledgerAdded += inserter.added
        summary.ledgerAlreadyPresent += inserter.alreadyPresent
        balances.finish()
        if problems.isEmpty && inserter.added > 0 {
            try checkDeferredBalances(&balances, revision: inserter.revision, header: header)
            summary.warnings += balances.warnings.map(\.diagnostic)
            summary.warningsOmitted += balances.omitted
        }
        progress?(ImportProgress(file: name, bytesDone: stream.totalBytes, totalBytes: stream.totalBytes, records: records))
    }

    /// Why a row's `source` is refused, or nil: it must be an id `sources:` in program.yml declares.
    static func sourceProblem(_ source: String, declared: Set<String>?) -> String? {
        FieldRules.undeclaredProblem(source, declared: declared, what: "source", whereDeclared: "sources: in content/program.yml")
    }

    /// Redemptions that take a balance below zero are allowed (the balance becomes a debt that
    /// later points repay), but usually a mistake worth a look: a warning naming the member and
    /// the line. Most are found while rows stream in (`NegativeBalanceCheck`); members whose rows
    /// were already stored, or came out of order, are checked here from the store, if this import
    /// gave them new rows (they carry its revision).
    private func checkDeferredBalances(_ balances: inout NegativeBalanceCheck, revision: Int64, header: CSVHeader) throws {
        guard !balances.deferredMembers.isEmpty else { return }
        var found: [(memberID: String, txnID: String, points: Int, balance: Int)] = []
        for memberID in balances.deferredMembers.sorted() where found.count <= NegativeBalanceCheck.limit {
            var balance = 0
            for row in try target.ledgerRows(of: memberID, ifRevision: revision) {
                let before = balance
                balance = balance.addingSaturating(row.points)
                if row.kind == "redeem", balance < 0, before >= 0 { found.append((memberID, row.txnID, row.points, balance)) }
            }
        }
        guard !found.isEmpty else { return }
        // Line numbers: read the file again for just these rows (only when there are warnings).
        var lines: [String: Int] = [:]
        let wanted = Set(found.map(\.txnID))
        if let column = header.index(of: "txn_id") {
            let again = try CSVRecordStream(url: file.url, displayName: file.displayName)
            defer { again.cancel() }
            _ = try again.next() // the header
            while lines.count < wanted.count, let record = try again.next() {
                if column < record.fields.count, wanted.contains(record.fields[column]) { lines[record.fields[column]] = record.line }
            }
        }
        for warning in found {
            balances.append(memberID: warning.memberID, NegativeBalanceCheck.warning(
                file: file.displayName, line: lines[warning.txnID], column: header.index(of: "points").map { $0 + 1 },
                txnID: warning.txnID, points: warning.points, memberID: warning.memberID, balance: warning.balance))
        }
    }

    private func report(_ conflicts: [LedgerConflict], into problems: inout DiagnosticList,
                        header: CSVHeader) {
        for conflict in conflicts {
            problems.append(Diagnostic(
                SourceLocation(file: file.displayName, line: conflict.line, column: header.index(of: "txn_id").map { $0 + 1 }),
                field: "txn_id", "\(Diagnostic.quote(conflict.txnID)) is already stored with different content (\(conflict.difference))"))
        }
    }

    /// How the stored row with this txn_id (`stored`, looked up by the caller) differs from
    /// `entry`, or nil when they are the same.
    static func difference(from entry: LedgerEntry, memberID: String,
                                  stored: (memberID: String, entry: LedgerEntry)?,
                           absentMeansSame: Bool = false) -> String? {
        guard let (storedMember, stored) = stored else {
            return absentMeansSame ? nil : "stored under another key"
        }
        var changes: [String] = []
        func compare(_ field: String, _ old: String?, _ new: String?) {
            if old != new {
                changes.append("\(field): stored \(old.map { Diagnostic.quote($0) } ?? "empty"), file \(new.map { Diagnostic.quote($0) } ?? "empty")")
            }
        }
        compare("member_id", storedMember, memberID)
        compare("posted_on", stored.postedOn.description, entry.postedOn.description)
        compare("kind", stored.kind.rawValue, entry.kind.rawValue)
        compare("points", String(stored.points), String(entry.points))
        compare("amount", stored.amount, entry.amount)
        compare("description", stored.description, entry.description)
        compare("source", stored.source, entry.source)
        return changes.isEmpty ? nil : changes.joined(separator: "; ")
    }

    /// `123`, `-4.5`, `12.50`: digits with an optional sign and decimal part.
    static func isDecimal(_ text: String) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, sawPoint = false, index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if index != 0 { return false }
            case UInt8(ascii: "."):
                if sawPoint { return false }
                sawPoint = true
            case 48...57:
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!sawPoint || digitsAfter > 0)
    }
}

import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// One import file: where it is and the name errors call it by (as the operator typed it).
public struct ImportFile: Sendable {
    public var url: URL
    public var displayName: String

    public init(url: URL, displayName: String? = nil) {
        self.url = url
        self.displayName = displayName ?? url.lastPathComponent
    }

    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path), displayName: path)
    }
}

extension MemberStore {
    /// Imports members, then ledger rows, then survey answers, all or nothing: on any invalid row nothing is
    /// written and a `DiagnosticList` naming every problem (file, line, column) is thrown.
    /// Importing the same files again changes nothing.
    public func importCSV(
        members: ImportFile? = nil,
        ledger: ImportFile? = nil,
        surveys: ImportFile? = nil,
        maxProblems: Int = 50,
        progress: (@Sendable (ImportProgress) -> Void)? = nil,
        reportedPath: String? = nil
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        var problems = DiagnosticList(limit: maxProblems)
        do {
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(MemberStore.importCacheKiB)")
            }
            defer {
                try? database.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA cache_size = -\(MemberStore.readCacheKiB)")
                }
            }
            // Open the ledger first: its background parsing overlaps the members import.
            let ledgerStream = try ledger.map { file throws(Diagnostic) in
                try CSVRecordStream(url: file.url, displayName: file.displayName, readAhead: members == nil ? 4 : 16)
            }
            defer { ledgerStream?.cancel() }
            // IMMEDIATE: take the write lock up front (waiting for another writer, bounded by the
            // busy timeout), rather than failing half-way when a read turns into a write.
            try database.writeWithoutTransaction { db in try db.inTransaction(.immediate) {
                var importedMemberIDs: Set<String> = []
                if let members {
                    var memberImport = MemberImport(file: members, db: db)
                    importedMemberIDs = try memberImport.run(problems: &problems, summary: &summary)
                }
                if let ledger, let ledgerStream {
                    var ledgerImport = try LedgerImport(file: ledger, db: db, importedMemberIDs: importedMemberIDs,
                                                        progress: progress)
                    try ledgerImport.run(stream: ledgerStream, problems: &problems, summary: &summary)
                }
                if let surveys {
                    let counts = try SurveyImport(file: surveys, db: db, importedMemberIDs: importedMemberIDs)
                        .run(problems: &problems)
                    summary.surveysAdded = counts.added
                    summary.surveysAlreadyPresent = counts.alreadyPresent
                }
                if !problems.isEmpty { throw problems } // rolls the transaction back
                try db.execute(sql: """
                    INSERT INTO store_metadata (key, value) VALUES ('last_import', ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [ISO8601DateFormatter().string(from: Date())])
                return .commit
            } }
        } catch let list as DiagnosticList {
            throw list
        } catch let diagnostic as Diagnostic {
            var list = problems
            list.append(diagnostic)
            throw list
        } catch {
            // The database refused (full disk, another writer, a damaged file): one line in the
            // operator's words, naming the store; the transaction was rolled back.
            var list = problems
            let storePath = reportedPath ?? path
            let wrapped = StoreError.wrapping(error, path: storePath)
            list.append(Diagnostic(SourceLocation(file: storePath), (wrapped as? StoreError)?.reason ?? "\(wrapped)"))
            throw list
        }
        return summary
    }
}

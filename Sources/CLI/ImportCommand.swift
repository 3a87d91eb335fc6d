import ArgumentParser
import Foundation
import PunchcardStore
import PunchcardSupport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import members and ledger rows from CSV into the member store, all or nothing.",
        discussion: "Importing the same files again changes nothing. On any invalid row nothing is written.")

    @OptionGroup var site: SiteOptions

    @Option(help: "members.csv: member_id, name, joined_on, and optional columns.")
    var members: String?

    @Option(help: "ledger.csv: txn_id, member_id, posted_on, kind, points, amount, description.")
    var ledger: String?

    func validate() throws {
        if members == nil && ledger == nil {
            throw ValidationError("Name a file to import with --members, --ledger or both.")
        }
    }

    func run() throws {
        // A missing file is reported before the store is opened, so that nothing is created.
        for path in [members, ledger].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            Terminal.printError("\(path): cannot read the file (does it exist?)")
            Terminal.printError("Import failed; the store is unchanged.")
            throw ExitCode.failure
        }
        let store = try site.openStore()
        let started = Date()
        let summary: ImportSummary
        do {
            summary = try store.importCSV(
                members: members.map(ImportFile.init(path:)),
                ledger: ledger.map(ImportFile.init(path:)),
                progress: { progress in
                    Terminal.status(String(format: "Importing %@: %3.0f%% (%@ rows)", progress.file,
                                           progress.fraction * 100, progress.records.formatted()))
                })
        } catch let problems as DiagnosticList {
            Terminal.clearStatus()
            Terminal.printError(problems.description)
            Terminal.printError("Import failed with \(problems.count) problem\(problems.count == 1 ? "" : "s"); the store is unchanged.")
            throw ExitCode.failure
        }
        Terminal.clearStatus()
        let seconds = Date().timeIntervalSince(started)
        print("""
            Members: \(summary.membersAdded) added, \(summary.membersUpdated) updated, \(summary.membersUnchanged) unchanged. \
            Ledger: \(summary.ledgerAdded) rows added, \(summary.ledgerAlreadyPresent) already present. \
            (\(String(format: "%.1f", seconds)) s)
            """)
    }
}

import ArgumentParser
import Foundation
import PunchcardDataRights
import PunchcardPages
import PunchcardStore
import PunchcardSupport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import members, ledger rows and survey answers from CSV into the member store, all or nothing.",
        discussion: "Importing the same files again changes nothing. On any invalid row nothing is written.")

    @OptionGroup var site: SiteOptions

    @Option(help: "members.csv: member_id, name, joined_on, and optional columns.")
    var members: String?

    @Option(help: "ledger.csv: txn_id, member_id, posted_on, kind, points, amount, description, source.")
    var ledger: String?

    @Option(help: "surveys.csv: member_id, answered_on, score (0-10), and an optional comment.")
    var surveys: String?

    @Option(help: "memberships.csv: member_id, plan, started_on, renews_on, status (active, cancelled or lapsed).")
    var memberships: String?

    @Option(help: "coupons.csv: member_id, offer, code, expires_on: codes issued to members for offers in content/offers/.")
    var coupons: String?

    @Option(help: "What your unsubscribe endpoint or mailbox received: one signed token or e-mail address a line, or the endpoint's log as CSV (token or email column).")
    var unsubscribes: String?

    @Flag(help: "Import the rows of members erased with `punchcard forget` (skipped otherwise, with a warning).")
    var allowErased = false

    func validate() throws {
        if members == nil && ledger == nil && surveys == nil && memberships == nil && coupons == nil && unsubscribes == nil {
            throw ValidationError("Name a file to import with --members, --ledger, --surveys, --memberships, --coupons, --unsubscribes or several.")
        }
    }

    func run() throws {
        // A missing file is reported before the store is opened, so that nothing is created.
        for path in [members, ledger, surveys, memberships, coupons, unsubscribes].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            Terminal.printError("\(path): cannot read the file (does it exist?)")
            Terminal.printError("Import failed; the store is unchanged.")
            throw ExitCode.failure
        }
        let started = Date()
        let progress: @Sendable (ImportProgress) -> Void = { progress in
            Terminal.status(String(format: "Importing %@: %3.0f%% (%@ rows)", progress.file,
                                   progress.fraction * 100, progress.records.formatted()))
        }
        let membersFile = members.map(ImportFile.init(path:))
        var ledgerFile = ledger.map(ImportFile.init(path:))
        // The ledger's `source` column names ids program.yml declares. Without a readable program
        // (importing outside a site), a row naming a source is refused, saying why.
        var membershipsFile = memberships.map(ImportFile.init(path:))
        if ledgerFile != nil || membershipsFile != nil, let program = try? site.loadProgram() {
            ledgerFile?.declaredSources = Set(program.sources.map(\.id))
            membershipsFile?.declaredPlans = Set(program.memberships.map(\.id))
        }
        let surveysFile = surveys.map(ImportFile.init(path:))
        // Coupons name offers (content/offers/<offer>.md): read the site's content to know them.
        // A site whose content does not load says why; outside a site every row is refused.
        var couponsFile = coupons.map(ImportFile.init(path:))
        if couponsFile != nil, FileManager.default.fileExists(atPath: site.rootURL.appendingPathComponent("content/program.yml").path) {
            do {
                couponsFile?.declaredOffers = Set(try SiteContent.loadOffers(root: site.rootURL, program: try site.loadProgram()).map(\.slug))
            } catch {
                Terminal.printError("\(error)")
                Terminal.printError("Import failed: the site's offers could not be read to check the coupons; the store is unchanged.")
                throw ExitCode.failure
            }
        }
        var unsubscribeWarnings: [Diagnostic] = []
        let summary = try Failure.reporting(storePath: site.storePath, whatChanged: "Import failed; the store is unchanged.") {
            do {
                // A new store is created only once its first import has committed.
                var files = ImportFiles(members: membersFile, ledger: ledgerFile, surveys: surveysFile,
                                        memberships: membershipsFile, coupons: couponsFile)
                files.allowErased = allowErased
                if let unsubscribes {
                    // Tokens are resolved against the members already stored: no new store for them.
                    let store = try site.openStore()
                    let file = ImportFile(path: unsubscribes)
                    let requests = try UnsubscribeRequest.read(file)
                    let secret: [UInt8]
                    do { secret = try SiteSecret.load(root: site.rootURL) } catch let problem as SiteSecret.Problem {
                        throw ReportedFailure(description: problem.description)
                    }
                    let resolved = try UnsubscribeResolver.resolve(requests, file: file, store: store, signer: UnsubscribeSigner(secret: secret),
                                                                   today: CalendarDate.today)
                    files.unsubscribes = resolved.list
                    unsubscribeWarnings = resolved.warnings
                    return try store.importCSV(files, progress: progress)
                }
                let (store, created) = try MemberStore.create(at: site.storePath, files: files, progress: progress)
                if let created { return created }
                return try store.importCSV(files, progress: progress)
            } catch let problems as DiagnosticList {
                Terminal.clearStatus()
                Terminal.printError(problems.description)
                Terminal.printError("Import failed with \(problems.count) problem\(problems.count == 1 ? "" : "s"); the store is unchanged.")
                throw ExitCode.failure
            }
        }
        Terminal.clearStatus()
        let seconds = Date().timeIntervalSince(started)
        print("""
            Members: \(summary.membersAdded) added, \(summary.membersUpdated) updated, \(summary.membersUnchanged) unchanged. \
            Ledger: \(summary.ledgerAdded) rows added, \(summary.ledgerAlreadyPresent) already present. \
            \(surveys == nil ? "" : "Surveys: \(summary.surveysAdded) answers added, \(summary.surveysAlreadyPresent) already present. ")\
            \(memberships == nil ? "" : "Memberships: \(summary.membershipsAdded) added, \(summary.membershipsUpdated) updated, \(summary.membershipsUnchanged) unchanged. ")\
            \(coupons == nil ? "" : "Coupons: \(summary.couponsAdded) added, \(summary.couponsUpdated) updated, \(summary.couponsUnchanged) unchanged. ")\
            \(unsubscribes == nil ? "" : "Unsubscribed: \(summary.unsubscribed) members, \(summary.alreadyUnsubscribed) already. ")\
            \(summary.erasedRowsSkipped == 0 ? "" : "Skipped: \(summary.erasedRowsSkipped) rows of erased members. ")\
            (\(String(format: "%.1f", seconds)) s)
            """)
        for warning in unsubscribeWarnings + summary.warnings { Terminal.printError("warning: \(warning)") }
        if summary.warningsOmitted > 0 { Terminal.printError("… and \(summary.warningsOmitted) more warnings") }
    }
}

import ArgumentParser
import Foundation
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site into output/: public pages and every member's statement.",
        discussion: """
            A site without a member store yet gets the example data in content/data/ imported first.
            Program, content and templates are all checked before anything is written.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The billing period, YYYY-MM (default: the last month that has ended).")
    var period: Period?

    @Option(help: "Where to write the site (default: output/ in the site's folder).")
    var output: String?

    func run() throws {
        let period = period ?? Period.lastEnded(asOf: Today.date)
        let outputURL = site.outputURL(output)
        let started = Date()
        let options = BuildOptions(
            root: site.rootURL, storePath: site.storePath, output: outputURL, period: period,
            progress: { done, total in
                guard done % 512 == 0 || done == total, Terminal.standardErrorIsTerminal else { return }
                let elapsed = Date().timeIntervalSince(started)
                let left = done > 0 ? elapsed / Double(done) * Double(max(0, total - done)) : 0
                Terminal.status("Building \(period): \(done.formatted()) of \(total.formatted()) statements, " +
                                "about \(Int(left.rounded())) s left")
            })
        let report: BuildReport
        do {
            report = try Site.build(options)
        } catch let diagnostic as Diagnostic {
            Terminal.clearStatus()
            Terminal.printError("error: \(diagnostic)")
            Terminal.printError("Build stopped; nothing was written.")
            throw ExitCode.failure
        } catch let error as BuildError {
            Terminal.clearStatus()
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        } catch let problems as DiagnosticList {
            Terminal.clearStatus()
            Terminal.printError(problems.description)
            Terminal.printError("Build stopped: the example data could not be imported.")
            throw ExitCode.failure
        }
        Terminal.clearStatus()
        if let imported = report.importedExample {
            print("Imported the example data: \(imported.membersAdded) members, \(imported.ledgerAdded) ledger rows.")
        }
        print("""
            Built \(report.period) (\(report.statements.formatted()) statements): \
            \(report.filesWritten.formatted()) written, \(report.filesUnchanged.formatted()) unchanged, \
            \(report.removed.formatted()) deleted, in \(String(format: "%.1f", report.seconds)) s.
            """)
    }
}

/// Today's date in UTC (billing periods are calendar months).
enum Today {
    static var date: CalendarDate {
        let seconds = Int(Date().timeIntervalSince1970)
        return CalendarDate(daysSinceEpoch: seconds / 86_400)
    }
}

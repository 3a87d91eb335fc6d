import ArgumentParser
import Foundation
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import PunchcardWallet

/// Options a build and the preview share.
struct BuildFlags: ParsableArguments {
    @Option(help: "The billing period, YYYY-MM in the program's calendar (default: the last month that has ended).")
    var period: PeriodName?

    @Option(help: "Where to write the site (default: output/ in the site's folder).")
    var output: String?

    @Flag(help: "Build a period that has not ended yet; its pages are marked as provisional.")
    var previewUnfinished = false

    @Flag(help: "Allow the build to delete more than 5 % of the published statement folders.")
    var allowDelete = false

    @Flag(help: "Treat warnings (texts without a translation, locales the site cannot speak) as errors.")
    var strict = false

    /// The build's options. The program is read once, here, for the period's calendar, and handed
    /// to the build; when it cannot be read, the build reads it again and reports why.
    func options(site: SiteOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> BuildOptions {
        let program = try? site.loadProgram()
        var options = BuildOptions(root: site.rootURL, storePath: site.storePath, output: try site.writableOutputURL(output),
                                   period: try site.period(period, calendar: program?.calendar ?? .gregorian),
                                   mayCreateStore: site.storeIsDefault,
                                   allowUnfinished: previewUnfinished, allowDelete: allowDelete, progress: progress)
        options.strict = strict
        options.program = program
        return options
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site into output/: public pages and every member's statement.",
        discussion: """
            A site without a member store at its default place (members.sqlite in the site's folder) gets \
            the example data in content/data/ imported first; a store named with --store must exist. \
            Program, content, templates, the period and the deletions are all checked before anything is written. \
            With --shard I/N the build writes only the statements of the members in shard I of N (a stable hash \
            of member_id); shard 0 also writes the public pages, and every shard removes pages of members no \
            longer in the store. N such builds, in any order or all at once, into one output, make the same site as one build.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var flags: BuildFlags

    @Option(help: "Build only shard I of N (0 ≤ I < N), or auto/N: the index from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm).")
    var shard: String?

    func run() throws {
        let started = Date()
        var options = try flags.options(site: site)
        let period = options.period
        options.progress = { done, total in
            guard done % 512 == 0 || done == total, Terminal.standardErrorIsTerminal else { return }
            let elapsed = Date().timeIntervalSince(started)
            let left = done > 0 ? elapsed / Double(done) * Double(max(0, total - done)) : 0
            Terminal.status("Building \(period): \(done.formatted()) of \(total.formatted()) statements, " +
                            "about \(Int(left.rounded())) s left")
        }
        options.shard = try parseShard(shard)
        let report = try Failure.reporting(storePath: site.storePath) { [options] in
            do {
                return try Site.build(options)
            } catch let refusal as BuildRefusal {
                throw ReportedFailure(description: "\(refusal)")
            } catch let diagnostic as Diagnostic {
                Terminal.clearStatus()
                Terminal.printError("error: \(diagnostic)")
                Terminal.printError("Build stopped; nothing was written.")
                throw ExitCode.failure
            } catch let problems as WalletProblems {
                Terminal.clearStatus()
                for problem in problems.diagnostics { Terminal.printError("error: \(problem)") }
                Terminal.printError("Build stopped; nothing was written.")
                throw ExitCode.failure
            } catch let problems as DiagnosticList {
                Terminal.clearStatus()
                Terminal.printError(problems.description)
                Terminal.printError("Build stopped: the example data could not be imported; nothing was written.")
                throw ExitCode.failure
            }
        }
        Terminal.clearStatus()
        for warning in report.warnings { Terminal.printError("warning: \(warning)") }
        Self.printSummary(report)
    }

    /// What a first build imported from content/data/, for the build's and the preview's output.
    static func importedExampleLine(_ imported: ImportSummary) -> String {
        let parts = ["\(imported.membersAdded) members", "\(imported.ledgerAdded) ledger rows"]
            + (imported.surveysAdded > 0 ? ["\(imported.surveysAdded) survey answers"] : [])
            + (imported.membershipsAdded > 0 ? ["\(imported.membershipsAdded) places on paid plans"] : [])
            + (imported.couponsAdded > 0 ? ["\(imported.couponsAdded) coupon codes"] : [])
        return "Imported the example data: " + parts.joined(separator: ", ") + "."
    }

    static func printSummary(_ report: BuildReport) {
        if let imported = report.importedExample {
            print(importedExampleLine(imported))
        }
        if report.recovered {
            print("Repaired what an interrupted build left: its pages are checked again and rewritten where needed.")
        }
        var line = "Built \(report.period)\(report.provisional ? " (provisional)" : "")"
            + (report.shard.map { ", shard \($0)" } ?? "") + " " +
            "(\(report.statements.formatted()) statements): \(report.filesWritten.formatted()) written, " +
            "\(report.filesUnchanged.formatted()) unchanged, \(report.removed.formatted()) deleted"
        if report.movedAddresses > 0 {
            line += "; \(report.movedAddresses.formatted()) \(report.movedAddresses == 1 ? "member's pages" : "members' pages") moved to a new address"
        }
        if report.filesRefreshed > 0 {
            line += "; \(report.filesRefreshed.formatted()) pages of other periods refreshed after ledger changes"
        }
        if report.notYetMembers > 0 {
            line += "; \(report.notYetMembers.formatted()) members joined after the period (no page)"
        }
        print(line + ", in \(String(format: "%.1f", report.seconds)) s.")
    }
}

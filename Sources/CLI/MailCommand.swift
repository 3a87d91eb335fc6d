import ArgumentParser
import Foundation
import PunchcardMail
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mail every member their statement for a period: write the messages, or send them once each.",
        discussion: """
            One message per member with a statement page for the period, an e-mail address and an active \
            account; the others are counted by reason. --out DIR writes DIR/<member_id>.eml; --send hands \
            each message to a sendmail-compatible command and records it in .punchcard/mail.sqlite as it is \
            accepted, so running it again sends only what is not recorded (--resend: everyone again; \
            --retry-failed: those that failed). The period must have been built (not provisional) into the \
            site's output. Needs `mail:` in content/program.yml and templates/mail/.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The billing period, YYYY-MM in the program's calendar.")
    var period: PeriodName

    @Option(help: "Write each message to DIR/<member_id>.eml instead of sending it.")
    var out: String?

    @Flag(help: "Send each message with the sendmail command.")
    var send = false

    @Option(help: "The sendmail-compatible command (recipients read from the message with -t).")
    var sendmail: String = SendmailCommand.standard

    @Option(help: "At most this many messages a second (default: as fast as the command accepts them).")
    var rate: Double?

    @Option(help: "Run this many sendmail commands at once (1 to 64; a killed run may then send up to this many twice).")
    var parallel: Int = 1

    @Option(help: "Seconds the sendmail command may take for one message before it counts as failed.")
    var timeout: Double = 60

    @Option(parsing: .upToNextOption, help: "Only these members (member_ids).")
    var only: [String] = []

    @Flag(help: "Send again to members already recorded as sent for the period.")
    var resend = false

    @Flag(help: "Send again to members whose delivery failed.")
    var retryFailed = false

    @Option(help: "The site folder the period was built into, as given to build --output (default: output/).")
    var siteOutput: String?

    @Option(help: "Only shard I of N of the members (as `build --shard`), or auto/N.")
    var shard: String?

    func validate() throws {
        if (out == nil) == !send { throw ValidationError("Give --out DIR (write the messages) or --send (send them), one of the two.") }
        if out != nil, resend || retryFailed { throw ValidationError("--resend and --retry-failed are for --send.") }
        if let rate, !(rate > 0 && rate <= 100_000) { throw ValidationError("--rate must be above 0 and at most 100000 messages a second.") }
        if !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout must be above 0 and at most 86400 seconds.") }
        if sendmail.trimmingWhitespace().isEmpty { throw ValidationError("--sendmail is empty.") }
        if !(1...64).contains(parallel) { throw ValidationError("--parallel must be between 1 and 64.") }
        if out?.isEmpty == true { throw ValidationError("--out needs a folder.") }
        if shard != nil, !only.isEmpty { throw ValidationError("--only and --shard: give one of the two.") }
        _ = try parseShard(shard)
    }

    func run() throws {
        let started = Date()
        let summary = try Failure.reporting(storePath: site.storePath) {
            let program = try site.loadProgram()
            let period = try self.period.period(in: program.calendar)
            if let out { _ = try site.writableOutputURL(out, flag: "--out") }
            let coverage = try Self.builtCoverage(site: site, period: period, siteOutput: siteOutput, program: program, command: "mail")
            let store = try site.openStore()
            let destination: Mailer.Destination = out.map { .files(URL(fileURLWithPath: $0, isDirectory: true)) }
                ?? .send(SendmailCommand(sendmail, timeout: timeout))
            var options = Mailer.Options(
                root: site.rootURL, period: period, destination: destination, rate: rate, only: only.isEmpty ? nil : only,
                resend: resend, retryFailed: retryFailed, shard: try parseShard(shard)) { done, total in
                    guard Terminal.standardErrorIsTerminal, done % 64 == 0 || done == total else { return }
                    let elapsed = Date().timeIntervalSince(started)
                    let left = done > 0 ? elapsed / Double(done) * Double(max(0, total - done)) : 0
                    Terminal.status("Mailing \(period): \(done.formatted()) of \(total.formatted()) members, about \(Self.duration(left)) left")
                }
            options.parallel = parallel
            options.coverage = coverage
            do {
                return try Mailer.run(options, store: store)
            } catch let error as MailError {
                throw ReportedFailure(description: error.description)
            }
        }
        Terminal.clearStatus()
        Self.printFailures(summary, command: sendmail)
        Swift.print(Self.summaryLine(summary, writtenTo: out))
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }

    static let failureLinesShown = 20

    /// Which members have a page for `period` in the site's output: refused when the period was
    /// never built or built before it ended (its links would lead nowhere, or to provisional figures).
    static func builtCoverage(site: SiteOptions, period: Period, siteOutput: String?, program: Program,
                              command: String) throws -> PeriodCoverage {
        let output = site.outputURL(siteOutput)
        let published = try Site.publishedPeriods(root: site.rootURL, output: output, calendar: program.calendar)
        guard let built = published.first(where: { $0.period == period }) else {
            throw ReportedFailure(description: "\(period) was never built into \(output.path); build it first, then \(command) its statements")
        }
        guard !built.provisional else {
            throw ReportedFailure(description: "\(period) was built before it ended (provisional figures); "
                + "build it again once it has ended, then \(command)")
        }
        let coverage = try Site.coverage(root: site.rootURL, output: output, period: period)
        if let missing = coverage.missing {
            Terminal.printError("warning: \(missing): their members have no page yet and get no message (build those shards, then \(command) again)")
        }
        return coverage
    }

    /// The failures, one line each up to a limit, and why a run stopped early.
    static func printFailures(_ summary: Mailer.Summary, command: String) {
        // One line per failure, but not a hundred thousand: the record has them all.
        for failure in summary.failures.prefix(Self.failureLinesShown) {
            Terminal.printError("failed: \(failure.memberID): \(failure.detail)")
        }
        if summary.failures.count > Self.failureLinesShown {
            Terminal.printError("failed: \((summary.failures.count - Self.failureLinesShown).formatted()) more, recorded in .punchcard/ "
                + "(send them again with --retry-failed)")
        }
        if summary.stoppedEarly {
            Terminal.printError("error: stopped after \(Mailer.failuresBeforeStopping) failures in a row and none sent: is the "
                + "command (\(Diagnostic.quote(command))) right, and what it sends through up? The members not tried yet are left for the next run.")
        }
    }

    static func summaryLine(_ summary: Mailer.Summary, writtenTo folder: String?, what: String = "Mail") -> String {
        let reasons = Mailer.Skip.allCases.compactMap { skip in summary.skipped[skip].map { "\($0.formatted()) \(skip.rawValue)" } }
        var line = "\(what) \(summary.period): "
        line += folder.map { "\(summary.delivered.formatted()) written to \($0)" } ?? "\(summary.delivered.formatted()) sent"
        line += ", \(summary.skippedCount.formatted()) skipped" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
        if folder == nil { line += ", \(summary.failures.count.formatted()) failed" }
        line += String(format: ", in %.1f s.", summary.seconds)
        return line
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? "\(whole / 3600) h \(whole % 3600 / 60) min" : whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}

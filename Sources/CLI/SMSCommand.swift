import ArgumentParser
import Foundation
import PunchcardMail
import PunchcardSMS
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

struct SMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sms",
        abstract: "Text every member who prefers SMS their statement for a period: write the messages for a gateway, or send them once each.",
        discussion: """
            One short message per member whose channel is sms, with a statement page for the period, an \
            active account and a phone number: the balance, the next points to expire and when, and the \
            link to their statement, in their language and digits, at most two segments (GSM 03.38: 160 \
            characters, or 70 in UCS-2 for Persian and Arabic). The others are counted by reason. --out FILE \
            writes a CSV (phone, language, segments, message) to upload to any SMS gateway ("-": standard \
            output); --send --command CMD runs CMD once per message with the phone number on the first line \
            of its standard input and the message on the second, and records each in .punchcard/mail.sqlite \
            as it is accepted, so running it again sends only what is not recorded. The period must have \
            been built (not provisional) into the site's output.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The billing period, YYYY-MM in the program's calendar.")
    var period: PeriodName

    @Option(help: "Write the messages to this CSV file (phone, language, segments, message); - for standard output.")
    var out: String?

    @Flag(help: "Send each message with --command.")
    var send = false

    @Option(help: "The command each message is handed to: the phone number, then the message, on its standard input.")
    var command: String?

    @Option(help: "At most this many messages a second (default: as fast as the command takes them).")
    var rate: Double?

    @Option(help: "Seconds the command may take for one message before it counts as failed.")
    var timeout: Double = 60

    @Option(parsing: .upToNextOption, help: "Only these members (member_ids).")
    var only: [String] = []

    @Flag(help: "Send again to members already recorded as sent for the period.")
    var resend = false

    @Flag(help: "Send again to members whose delivery failed.")
    var retryFailed = false

    @Option(help: "The site folder the period was built into, as given to build --output (default: output/).")
    var siteOutput: String?

    func validate() throws {
        if (out == nil) == !send { throw ValidationError("Give --out FILE (write the messages) or --send (send them), one of the two.") }
        if send, command?.trimmingWhitespace().isEmpty ?? true { throw ValidationError("--send needs --command \"CMD\": the command that hands a message to your SMS gateway.") }
        if out != nil, command != nil { throw ValidationError("--command is for --send.") }
        if out != nil, resend || retryFailed { throw ValidationError("--resend and --retry-failed are for --send.") }
        if out?.isEmpty == true { throw ValidationError("--out needs a file name.") }
        if let rate, !(rate > 0 && rate <= 100_000) { throw ValidationError("--rate must be above 0 and at most 100000 messages a second.") }
        if !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout must be above 0 and at most 86400 seconds.") }
    }

    func run() throws {
        let summary = try Failure.reporting(storePath: site.storePath) {
            let program = try site.loadProgram()
            let period = try self.period.period(in: program.calendar)
            if let out, out != "-" { _ = try site.writableOutputURL(out, flag: "--out") }
            let coverage = try MailCommand.builtCoverage(site: site, period: period, siteOutput: siteOutput, program: program, command: "sms")
            let store = try site.openStore()
            // The options `mail` takes; where messages go is this command's own (--out or --send).
            var options = Mailer.Options(root: site.rootURL, period: period, destination: .files(site.rootURL), rate: rate,
                                         only: only.isEmpty ? nil : only, resend: resend, retryFailed: retryFailed) { done, total in
                guard Terminal.standardErrorIsTerminal, done % 64 == 0 || done == total else { return }
                Terminal.status("Texting \(period): \(done.formatted()) of \(total.formatted()) members")
            }
            options.coverage = coverage
            do {
                if let out {
                    let sink = out == "-" ? OutputSink.standardOutput : try OutputSink.file(out)
                    var csv = try CSVOutput(sink)
                    try csv.write(row: ["phone", "language", "segments", "message"])
                    let summary = try SMSSender.messages(options, store: store) { row in
                        try csv.write(row: [row.phone, row.language, String(row.segments), row.message])
                    }
                    try csv.finish()
                    return summary
                }
                return try SMSSender.send(options, with: SendmailCommand(command ?? "", timeout: timeout), store: store)
            } catch let error as MailError {
                throw ReportedFailure(description: error.description)
            }
        }
        Terminal.clearStatus()
        MailCommand.printFailures(summary, command: command ?? "")
        let line = MailCommand.summaryLine(summary, writtenTo: out == "-" ? "standard output" : out, what: "SMS")
        // The CSV may be on standard output: the summary goes to standard error then.
        if out == "-" { Terminal.printError(line) } else { Swift.print(line) }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}

import ArgumentParser
import Foundation
import PunchcardReport
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the operator's report for a period: is the program keeping members, and what does it cost?",
        discussion: """
            Writes REPORTS/<period>/index.html (one self-contained page, in the program's default \
            language) and REPORTS/<period>/report.json. The figures and how each is computed: \
            docs/report.md. The report is for staff: keep it out of the published site.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The billing period, YYYY-MM in the program's calendar (default: the last one that has ended).")
    var period: PeriodName?

    @Option(help: "The folder reports are written to (default: reports/ in the site's folder).")
    var output: String?

    @Option(help: "Only the members of shard I of N (as `build --shard`), or auto/N: a report of part of the program, written to REPORTS/<period>/shard-I-of-N/.")
    var shard: String?

    func validate() throws { _ = try parseShard(shard) }

    func run() throws {
        try Failure.reporting(storePath: site.storePath, whatChanged: "No report was written.") {
            let started = Date()
            let program = try site.loadProgram()
            let period = try site.period(self.period)
            let store = try site.openStore()
            let shard = try parseShard(self.shard)
            let report = try Report.compute(store: store, program: program, period: period, shard: shard)
            if let output { _ = try site.writableOutputURL(output) }
            let reports = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? site.rootURL.appendingPathComponent("reports", isDirectory: true)
            // The report is for staff: never where the public site is published from.
            let published = site.outputURL(nil).standardizedFileURL.resolvingSymlinksInPath().path
            let target = reports.standardizedFileURL.resolvingSymlinksInPath().path
            if target == published || target.hasPrefix(published + "/") {
                throw ValidationError("\(reports.path) is inside the published site's folder (\(published)): reports are for staff; write them elsewhere, such as reports/")
            }
            var folder = reports.appendingPathComponent(period.description, isDirectory: true)
            if let shard { folder.appendPathComponent("shard-\(shard.index)-of-\(shard.count)", isDirectory: true) }
            try ReportFiles.write(report, program: program, siteRoot: site.rootURL, to: folder)
            if period.end >= CalendarDate.today {
                Terminal.printError("warning: \(period) has not ended: the report counts what the store holds so far, and says so.")
            }
            print("Report for \(period): \(folder.path)/index.html and report.json "
                  + "(\(report.members.total.formatted()) members) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        }
    }
}

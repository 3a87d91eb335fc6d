import ArgumentParser
import CSV
import Foundation
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

struct RotateTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-token",
        abstract: "Give a member a new statement address; the next build moves their pages and retires the old one.")

    @OptionGroup var site: SiteOptions

    @Argument(help: "The member's member_id.")
    var memberID: String

    func run() throws {
        try Failure.reporting(storePath: site.storePath) {
            let program = try site.loadProgram()
            let store = try site.openStore()
            let token = try store.rotateToken(of: memberID)
            print("New address for \(memberID): \(program.baseURL)m/\(token)/ (run `punchcard build` to publish it)")
        }
    }
}

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Write the statement address of every member with a page for a period, as CSV for a mail merge.",
        discussion: """
            Columns: member_id, name, email, locale, status, tier, closing_balance, expiring_points, url. \
            Only members with a page for the period are listed (not those who joined after it). Without \
            --period: the latest period built, with each member's latest address. A period that was never \
            built is refused. Text that a spreadsheet would run as a formula is prefixed with a quote.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The period the links are sent for, YYYY-MM; with it, links point at that period's copy.")
    var period: PeriodName?

    @Option(help: "The site folder the period was built into, as given to build --output (default: output/).")
    var siteOutput: String?

    @Option(help: "Write the CSV to this file instead of standard output.")
    var output: String?

    func run() throws {
        try Failure.reporting(storePath: site.storePath) {
            let program = try site.loadProgram()
            let period = try self.period?.period(in: program.calendar)
            let store = try site.openStore()
            let outputURL = site.outputURL(siteOutput)
            let published = try Site.publishedPeriods(root: site.rootURL, output: outputURL, calendar: program.calendar)
                .map(\.period)
            if let refusal = StatementLinks.refusal(period: period, published: published, output: outputURL.path) {
                throw ReportedFailure(description: refusal)
            }
            guard let chosen = period ?? published.max() else {
                throw ReportedFailure(description: "no period has been built into \(outputURL.path)")
            }
            // Only members whose shard has built the period (every published one, for latest
            // addresses) have a page to link to.
            let coverages = try (period.map { [$0] } ?? published).map {
                try Site.coverage(root: site.rootURL, output: outputURL, period: $0)
            }
            if let missing = coverages.last?.missing {
                Terminal.printError("warning: \(missing): their members are not listed (build those shards first)")
            }
            let sink = try output.map { try OutputSink.file($0) } ?? OutputSink.standardOutput
            var csv = try CSVOutput(sink)
            try csv.write(row: StatementLinks.header)
            try StatementLinks.forEachRow(store: store, program: program, period: chosen, latest: period == nil,
                                          hasPage: { id in coverages.contains { $0.contains(id) } }) { try csv.write(row: $0) }
            try csv.finish()
        }
    }
}

struct UnpublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpublish",
        abstract: "Withdraw a published period: remove its statements, and make the previous period every member's latest page.",
        discussion: "Safe to run again if interrupted. The period can be built again later.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The period to withdraw, YYYY-MM.")
    var period: PeriodName

    @Option(help: "The site's output folder (default: output/ in the site's folder).")
    var output: String?

    @Option(help: "After a sharded build: withdraw shard I of N's pages (run it for every shard), or auto/N.")
    var shard: String?

    func run() throws {
        let period = try site.period(self.period)
        var options = BuildOptions(root: site.rootURL, storePath: site.storePath, output: try site.writableOutputURL(output), period: period)
        options.shard = try parseShard(shard)
        let report = try Failure.reporting(storePath: site.storePath) {
            do {
                return try Site.unpublish(options)
            } catch let refusal as BuildRefusal {
                throw ReportedFailure(description: "\(refusal)")
            }
        }
        var line = "Unpublished \(period): \(report.removed.formatted()) statements removed"
        if report.foldersRemoved > 0 { line += " (\(report.foldersRemoved.formatted()) members had no other statement)" }
        if let latest = report.latest { line += "; latest pages now show \(latest)." } else { line += "; no period is left." }
        print(line)
    }
}

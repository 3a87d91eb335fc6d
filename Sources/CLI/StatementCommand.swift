import ArgumentParser
import Foundation
import PunchcardMarkdown
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Print a member's statement for a period, or every member's as JSON lines.")

    @OptionGroup var site: SiteOptions

    @Argument(help: "The member's member_id.")
    var memberID: String?

    @Flag(help: "Every member in the store, in member_id order (needs --json).")
    var all = false

    @Option(help: "The billing period, YYYY-MM in the program's calendar.")
    var period: PeriodName

    @Flag(help: "Print JSON (one object per line with --all).")
    var json = false

    @Option(help: "With --all: only shard I of N of the members (as `build --shard`), or auto/N.")
    var shard: String?

    func validate() throws {
        if all && memberID != nil { throw ValidationError("Give a member_id or --all, not both.") }
        if !all && memberID == nil { throw ValidationError("Give a member_id, or --all for every member.") }
        if all && !json { throw ValidationError("--all writes JSON lines: add --json.") }
        if shard != nil && !all { throw ValidationError("--shard is for --all.") }
        _ = try parseShard(shard)
    }

    func run() throws {
        try Failure.reporting(storePath: site.storePath) { try print() }
    }

    private func print() throws {
        let program = try site.loadProgram()
        let period = try self.period.period(in: program.calendar)
        // The site's offers, for `offers` (the ones each member's page shows); only they are read,
        // so a folder with a program and no theme still gets its statements.
        let content = SiteContent(program: program, pages: [],
                                  offers: try SiteContent.loadOffers(root: site.rootURL, program: program), markdown: Markdown())
        let store = try site.openStore()
        if all {
            let shard = try parseShard(self.shard)
            let output = OutputSink.standardOutput
            try store.forEachMember(through: period.end, detailsFrom: period.start) { ledger in
                if let shard, !shard.contains(ledger.member.memberID) { return } // other shards' members are not computed
                var statement = ledger.statement(program: program, period: period)
                statement.offers = content.offerIDs(shownTo: ledger.member, statement: statement, period: period)
                try output.write(statement.jsonLine())
                try output.write("\n")
            }
            try output.finish()
            return
        }
        var statement = try store.statement(for: memberID!, program: program, period: period)
        if let member = try store.member(statement.memberID) {
            statement.offers = content.offerIDs(shownTo: member, statement: statement, period: period)
        }
        if json {
            Swift.print(try statement.jsonLine())
        } else {
            let closed = try store.member(statement.memberID)?.status == .closed
            Swift.print(StatementText.render(statement, program: program, closed: closed))
        }
    }
}

/// The readable form of a statement for the terminal.
enum StatementText {
    /// A closed account's statement is figures only, as its page is: no invitation to refer.
    static func render(_ statement: Statement, program: Program, closed: Bool = false) -> String {
        func row(_ label: String, _ value: Int, sign: String = " ") -> String {
            let number = value.formatted()
            return label.padding(toLength: 22, withPad: " ", startingAt: 0) + sign
                + String(repeating: " ", count: max(0, 12 - number.count)) + number
        }
        var lines = [
            "\(program.name.defaultText) — statement for \(statement.memberID), \(statement.period)",
            "Period \(statement.period.start) to \(statement.period.end)",
            "",
            row("Opening balance", statement.openingBalance),
            row("Earned", statement.earned, sign: "+"),
            row("Bonus and referral", statement.bonus, sign: "+"),
            row("Redeemed", statement.redeemed, sign: "−"),
            row("Expired", statement.expired, sign: "−"),
            row("Adjusted", statement.adjusted, sign: "±"),
            row("Closing balance", statement.closingBalance, sign: "="),
            "",
            "Tier: \(statement.tier ?? "none") (\(statement.qualifyingPoints.formatted()) qualifying \(program.pointsName.defaultText) in the last 12 months)",
        ]
        if let next = statement.nextTier, let needed = statement.pointsToNextTier {
            lines.append("\(needed.formatted()) \(program.pointsName.defaultText) to \(next)")
        } else {
            lines.append("Top tier")
        }
        if statement.expiring.isEmpty {
            lines.append("No \(program.pointsName.defaultText) expire in the next \(program.expiry.warningDays) days.")
        } else {
            lines.append("Expiring soon:")
            for lot in statement.expiring { lines.append("  \(lot.points.formatted()) on \(lot.on)") }
        }
        if closed {
            lines.append("")
            lines.append("This account is closed.")
            return lines.joined(separator: "\n")
        }
        lines.append("")
        lines.append("Referral code \(statement.referral.code): \(statement.referral.link)")
        lines.append("Friends joined: \(statement.referral.referredCount), referral \(program.pointsName.defaultText): \(statement.referral.pointsEarned.formatted())")
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import Foundation
import PunchcardStore
import PunchcardSupport

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Look members up as the staff index does: by a part of their name, member_id, e-mail address or phone number.",
        discussion: """
            Case, accents, Arabic and Persian letter forms and digits do not matter ("jose" finds José, \
            "علی" finds علي, "۰۹۱۲" finds 0912). Answered from the store's search index, kept up to date \
            by every import. Prints member_id, name, email, phone and status, one member a line, in \
            member_id order, and how many match.
            """)

    @OptionGroup var site: SiteOptions

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "At most this many members (1 to 10000).")
    var limit: Int = 20

    func validate() throws {
        if !(1...10_000).contains(limit) { throw ValidationError("--limit must be between 1 and 10000.") }
    }

    func run() throws {
        try Failure.reporting(storePath: site.storePath) {
            let store = try site.openStore()
            let found = try store.searchMembers(query, limit: limit, offset: 0)
            var lines = ""
            for member in found.members {
                let fields = [member.memberID, member.name, member.email ?? "", member.phone ?? "", member.status.rawValue]
                lines += fields.map { $0.containsControlCharacter(allowingLineBreaks: false) ? Diagnostic.quote($0) : $0 }
                    .joined(separator: "\t") + "\n"
            }
            // Written at once, unbuffered: the members before the count, on a terminal that shows both.
            let sink = OutputSink.standardOutput
            try sink.write(lines)
            try sink.finish()
            let shown = found.members.count < found.total ? " (\(found.members.count.formatted()) shown)" : ""
            let count = found.totalIsLowerBound ? "More than \(found.total.formatted()) members match"
                : found.total == 1 ? "1 member matches" : "\(found.total.formatted()) members match"
            Terminal.printError("\(count)\(shown).")
        }
    }
}

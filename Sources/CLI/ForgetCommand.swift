import ArgumentParser
import Foundation
import PunchcardDataRights
import PunchcardStore
import PunchcardSupport

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase members on request: their personal data goes, the program's accounting stays under an opaque id.",
        discussion: """
            In one transaction: name, e-mail, phone, language, birthday and every column of their own, survey \
            comments, ledger descriptions and coupon codes are removed; the member row's join day, status and \
            referrer, each ledger row's day, kind, points and amount, survey scores and paid plans stay under an \
            opaque id (erased-…), so the program's totals and the report's history do not change. Their \
            statement pages are removed by the next build, or at once with --output; their deliveries lose the \
            address. A later import that still lists them skips their rows with a warning (--allow-erased brings \
            them back). The erasure is recorded (opaque id, when; no personal data). Killed part-way, running \
            it again finishes it.
            """)

    @OptionGroup var site: SiteOptions

    @Option(parsing: .upToNextOption, help: "The member_ids to erase.")
    var member: [String] = []

    @Option(help: "A file of member_ids to erase, one a line.")
    var file: String?

    @Option(help: "The site's output folder, to remove their statement pages at once (as given to build --output).")
    var output: String?

    func validate() throws {
        if member.isEmpty && file == nil { throw ValidationError("Name the members to erase with --member ID… or --file FILE.") }
    }

    func run() throws {
        try Failure.reporting(storePath: site.storePath) {
            var ids = member
            if let file {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw ReportedFailure(description: "\(file): cannot read the file")
                }
                ids += text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            }
            let store = try site.openStore()
            let outcomes: [MemberErasure.Outcome]
            do {
                outcomes = try MemberErasure.run(ids, store: store, root: site.rootURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) })
            } catch StoreError.unknownMember(let id) {
                throw ReportedFailure(description: "no member \(Diagnostic.quote(id)) in the store (and none erased under that id); nothing was erased")
            }
            for outcome in outcomes {
                print(outcome.erasedNow ? "Erased \(outcome.memberID) (now \(outcome.erasure.opaqueID))."
                                        : "\(outcome.memberID) was erased on \(outcome.erasure.erasedAt) (\(outcome.erasure.opaqueID)); its records were cleaned again.")
            }
            if output == nil { print("Their statement pages go with the next build.") }
        }
    }
}

import ArgumentParser
import Foundation
import PunchcardDataRights
import PunchcardMail
import PunchcardSupport

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a copy of everything held about a member, for their access or portability request.",
        discussion: """
            Everything the store and Punchcard's own records hold about the member: the member row with \
            every imported column, every ledger row, survey answers and comments, paid plans, coupon codes, \
            their statement addresses (current and retired), the periods published for them in the site's \
            output, and their e-mail and SMS deliveries. Every value as text, as stored. --format json \
            (default): one document, to standard output or DIR/<member_id>.json; --format csv: one file per \
            kind in DIR (default: export-<member_id>/).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var site: SiteOptions

    @Option(help: "The member's member_id.")
    var member: String

    @Option(help: "json (one document) or csv (one file per kind).")
    var format: Format = .json

    @Option(help: "The folder to write into (json: standard output without it).")
    var output: String?

    @Option(help: "The site folder the statements were built into, as given to build --output (default: output/).")
    var siteOutput: String?

    func run() throws {
        try Failure.reporting(storePath: site.storePath) {
            let program = try site.loadProgram()
            let store = try site.openStore()
            guard let export = try MemberExport.make(memberID: member, store: store, root: site.rootURL,
                                                     output: site.outputURL(siteOutput), baseURL: program.baseURL) else {
                throw ReportedFailure(description: "no member \(Diagnostic.quote(member)) in the store")
            }
            let safeName = String(Mailer.fileName(memberID: export.memberID).dropLast(4)) // as mail names files
            if format == .json, output == nil {
                let sink = OutputSink.standardOutput
                try sink.write(try export.json() + Data("\n".utf8))
                try sink.finish()
                return
            }
            let folder = URL(fileURLWithPath: output ?? "export-\(safeName)", isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ReportedFailure(description: "\(folder.path): cannot create the folder")
            }
            let files = format == .json ? [("\(safeName).json", try export.json() + Data("\n".utf8))] : try export.csvFiles()
            for (name, data) in files {
                let sink = try OutputSink.file(folder.appendingPathComponent(name).path)
                try sink.write(data)
                try sink.finish()
            }
            Terminal.printError("Wrote \(files.count == 1 ? "1 file" : "\(files.count) files") about \(export.memberID) to \(folder.path)/.")
        }
    }
}

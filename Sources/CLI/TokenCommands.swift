import ArgumentParser
import CSV
import Foundation
import PunchcardStatements
import PunchcardStore

struct RotateTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-token",
        abstract: "Give a member a new statement address; the next build moves their pages and retires the old one.")

    @OptionGroup var site: SiteOptions

    @Argument(help: "The member's member_id.")
    var memberID: String

    func run() throws {
        let store = try site.openStore()
        let token = try store.rotateToken(of: memberID)
        let program = try site.loadProgram()
        print("New address for \(memberID): \(program.baseURL)m/\(token)/ (run `punchcard build` to publish it)")
    }
}

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Write every member's statement address as CSV, for a mail merge.",
        discussion: "Columns: member_id, name, email, locale, url. The address is the member's latest statement.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The period the links are sent for, YYYY-MM; with it, links point at that period's copy.")
    var period: Period?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let program = try site.loadProgram()
        let store = try site.openStore()
        guard let stream = OutputStream(toFileAtPath: output ?? "/dev/stdout", append: false) else {
            throw ValidationError("cannot write to \(output ?? "standard output")")
        }
        stream.open()
        defer { stream.close() }
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["member_id", "name", "email", "locale", "url"])
        let suffix = period.map { "\($0)/" } ?? ""
        try store.forEachMember { member in
            try writer.write(row: [member.memberID, member.name, member.email ?? "", member.locale ?? program.defaultLocale,
                                   "\(program.baseURL)m/\(member.token)/\(suffix)"])
        }
    }
}

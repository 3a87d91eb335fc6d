import Foundation
import PunchcardMail
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A program with mail settings in a temporary folder (the repository's theme), and a store of
/// members chosen for the mail's edge cases.
final class MailFixture {
    let root: URL
    var storePath: String { root.appendingPathComponent("members.sqlite").path }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let program = """
        name: {en-US: Test Rewards, fa-IR: باشگاه آزمایشی, ar-SA: مكافآت التجربة}
        base_url: https://rewards.example/
        languages: [en-US, fa-IR, ar-SA]
        currency: USD
        point_value: 0.01
        tiers:
          - name: {en-US: Silver, fa-IR: نقره‌ای, ar-SA: الفضية}
            threshold: 100
          - name: {en-US: Gold, fa-IR: طلایی, ar-SA: الذهبية}
            threshold: 10000
        expiry:
          months: 24
          warning_days: 90
        referral:
          link: https://shop.example/join?ref={code}
        mail:
          from: Test Rewards <rewards@rewards.example>
          reply_to: "\\"Help, Desk\\" <help@rewards.example>"
          unsubscribe: https://rewards.example/unsubscribe?t={unsubscribe_token}
        """

    static let members = """
        member_id,name,email,locale,joined_on,status
        EN,Alice Smith,alice@example.com,en-US,2024-01-15,active
        FA,سارا رضایی,sara@example.com,fa-IR,2024-02-01,active
        AR,محمد العلي,m.ali@example.com,ar-SA,2024-02-01,active
        HOSTILE,"<script>alert(""x"")</script> & ""Quote"", Bcc: evil@example.com",h@example.com,en-US,2024-03-01,active
        NOTIER,Newcomer,new@example.com,en-US,2026-10-01,active
        CLOSED,Closed Member,closed@example.com,en-US,2024-01-01,closed
        NOMAIL,No Mail,,en-US,2024-01-01,active
        LATE,Late Joiner,late@example.com,en-US,2026-11-05,active
        A/B,Slash Id,slash@example.com,en-US,2024-01-01,active

        """

    static let ledger = """
        txn_id,member_id,posted_on,kind,points,description
        T1,EN,2024-11-15,earn,1200,Store purchase
        T2,EN,2026-10-03,earn,300,Order
        T3,FA,2026-10-10,earn,1234567,خرید
        T4,AR,2025-01-10,earn,5000,شراء
        T5,HOSTILE,2026-10-11,earn,420,Order
        T6,NOTIER,2026-10-12,earn,40,First order
        T7,CLOSED,2026-10-12,earn,400,Order
        T8,NOMAIL,2026-10-12,earn,400,Order
        T9,A/B,2026-10-12,earn,400,Order

        """

    init(program: String = MailFixture.program) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try write("content/program.yml", program)
        try write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")
        let store = try MemberStore(creatingAt: storePath)
        _ = try store.importCSV(members: try importFile("members.csv", Self.members), ledger: try importFile("ledger.csv", Self.ledger))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func importFile(_ name: String, _ text: String) throws -> ImportFile {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return ImportFile(url: url, displayName: name)
    }

    func store() throws -> MemberStore { try MemberStore(path: storePath) }

    var period: Period { Period("2026-10")! }

    @discardableResult
    func writeMessages(to folder: URL, only: [String]? = nil) throws -> Mailer.Summary {
        try Mailer.run(Mailer.Options(root: root, period: period, destination: .files(folder), only: only), store: store())
    }

    func send(_ command: String, resend: Bool = false, retryFailed: Bool = false, only: [String]? = nil) throws -> Mailer.Summary {
        try Mailer.run(Mailer.Options(root: root, period: period, destination: .send(SendmailCommand(command, timeout: 10)),
                                      only: only, resend: resend, retryFailed: retryFailed), store: store())
    }
}

/// An .eml file read back: header fields unfolded, and the decoded parts.
struct ReadMessage {
    var headers: [(name: String, value: String)] = []
    var rawHeaderLines: [String] = []
    var text = ""
    var html = ""
    var contentTypes: [String] = []

    init(_ bytes: Data) {
        // As written (CRLF) or as handed to sendmail (LF): read both the same way.
        let all = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let split = all.components(separatedBy: "\r\n\r\n")
        rawHeaderLines = split[0].components(separatedBy: "\r\n")
        for line in rawHeaderLines {
            if line.hasPrefix(" "), !headers.isEmpty { headers[headers.count - 1].value += " " + line.trimmingWhitespace() } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingWhitespace()))
            }
        }
        let boundary = header("Content-Type")?.components(separatedBy: "boundary=\"").last?.dropLast() ?? ""
        for part in all.components(separatedBy: "--\(boundary)").dropFirst() where !part.hasPrefix("--") {
            let pieces = part.components(separatedBy: "\r\n\r\n")
            guard pieces.count >= 2 else { continue }
            let type = pieces[0].components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type:") } ?? ""
            contentTypes.append(type)
            let body = String(decoding: Data(base64Encoded: pieces[1].replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
            if type.contains("text/plain") { text = body } else if type.contains("text/html") { html = body }
        }
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

import Foundation
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A small site in a temporary folder: the repository's default theme, a test program and
/// content, and a member store with members chosen for their edge cases.
final class SiteFixture {
    let root: URL
    var output: URL { root.appendingPathComponent("output") }
    var storePath: String { root.appendingPathComponent("members.sqlite").path }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let program = """
        name: Test Rewards
        base_url: https://rewards.example/
        default_locale: en-US
        currency: USD
        tiers:
          - name: Bronze
            threshold: 0
            benefits: "- Bronze perk"
          - name: Silver
            threshold: 2500
            benefits: "- Silver perk"
          - name: Gold
            threshold: 10000
            benefits: "- Gold perk <script>alert('benefit')</script>"
        expiry:
          months: 24
          warning_days: 90
        referral:
          bonus_points: 500
          link: https://shop.example/join?ref={code}
        """

    static let members = """
        member_id,name,email,locale,joined_on,referred_by
        EN,Alice Smith,alice@example.com,en-US,2024-01-15,
        FA,سارا رضایی,sara@example.com,fa-IR,2024-02-01,EN
        HOSTILE,"<script>alert(""x"")</script> & ""Quote"" 'Apos' 🎉 زهرا",h@example.com,en-US,2024-03-01,EN
        QUIET,Quiet Member,,en-US,2024-04-01,
        TOP,Top Member,,ar-SA,2023-01-01,

        """

    static let ledger = """
        txn_id,member_id,posted_on,kind,points,amount,description
        T1,EN,2024-11-15,earn,1200,120.00,Store purchase
        T2,EN,2026-10-03,earn,300,30.00,<b>Bold</b> order
        T3,EN,2026-10-05,redeem,-500,,Free coffee
        T4,EN,2026-10-07,referral,500,,Friend joined
        T5,FA,2026-10-10,earn,1234567,,خرید حضوری
        T6,HOSTILE,2026-10-11,earn,42,,"</td><script>bad()</script>"
        T7,QUIET,2024-05-01,earn,100,,Old purchase
        T8,TOP,2026-06-01,earn,15000,,Big order

        """

    init(offers: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-site-\(UUID().uuidString)")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("content/offers"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: Self.repository.appendingPathComponent("templates"),
                                 to: root.appendingPathComponent("templates"))
        try write("content/program.yml", Self.program)
        try write("content/index.md", "---\ntitle: Home\nweight: 1\n---\nWelcome <script>alert(1)</script> **friends**.\n")
        try write("content/faq.md", "---\ntitle: FAQ\nweight: 3\ndescription: Questions & answers\n---\n## Why?\nBecause.\n")
        try write("content/draft.md", "---\ntitle: Not yet\ndraft: true\n---\nSecret.\n")
        for (name, text) in offers { try write("content/offers/\(name).md", text) }
        let store = try MemberStore(creatingAt: storePath)
        _ = try store.importCSV(members: try importFile("members.csv", Self.members), ledger: try importFile("ledger.csv", Self.ledger))
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

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

    @discardableResult
    func build(_ period: String = "2026-10") throws -> BuildReport {
        try Site.build(options(period))
    }

    /// Build options for a period; "today" is well after every period the tests build, unless given.
    func options(_ period: String = "2026-10", today: CalendarDate = CalendarDate(year: 2027, month: 6, day: 15)!,
                 allowDelete: Bool = false, allowUnfinished: Bool = false) -> BuildOptions {
        BuildOptions(root: root, storePath: storePath, output: output, period: Period(period)!, threads: 2,
                     allowUnfinished: allowUnfinished, allowDelete: allowDelete, today: today)
    }

    func store() throws -> MemberStore { try MemberStore(path: storePath) }

    func token(_ memberID: String) throws -> String { try store().member(memberID)!.token }

    func page(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }

    func statementPage(_ memberID: String, period: String? = nil) throws -> String {
        try page("m/\(try token(memberID))/\(period.map { "\($0).html" } ?? "index.html")")
    }

    /// The file-system identity of a file under output/: two names of one file (a hard link) share it.
    func inode(_ relative: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(relative).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    /// Every file under output/, relative.
    func outputFiles() -> [String] {
        let base = output.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { files.append(path) }
        }
        return files.sorted()
    }
}

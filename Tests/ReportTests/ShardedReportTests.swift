import Foundation
import Testing
import PunchcardReport
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct ShardedReportTests {
    @Test func shardReportsCountTheirOwnMembersAndTogetherEveryone() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MemberStore(creatingAt: folder.appendingPathComponent("members.sqlite").path)
        let data = repository.appendingPathComponent("content/data")
        let program = try Program.load(from: repository.appendingPathComponent("content/program.yml"))
        var ledger = ImportFile(url: data.appendingPathComponent("ledger.csv"), displayName: "ledger.csv")
        ledger.declaredSources = Set(program.sources.map(\.id))
        _ = try store.importCSV(members: ImportFile(url: data.appendingPathComponent("members.csv"), displayName: "members.csv"),
                                ledger: ledger)
        let period = Period("2026-10")!
        let whole = try Report.compute(store: store, program: program, period: period)
        let parts = try (0..<3).map { try Report.compute(store: store, program: program, period: period, shard: Shard(index: $0, count: 3)) }
        #expect(parts.map(\.members.total).reduce(0, +) == whole.members.total)
        #expect(parts.map(\.members.activeEnd).reduce(0, +) == whole.members.activeEnd)
        #expect(parts.map(\.members.new).reduce(0, +) == whole.members.new)
        #expect(parts.allSatisfy { $0.members.total > 0 && $0.members.total < whole.members.total })
        // Marked as part of the program, in the JSON and on the page; the whole report is not.
        let json = try #require(try JSONSerialization.jsonObject(with: parts[1].json()) as? [String: Any])
        #expect(json["shard"] as? String == "1/3")
        #expect((try JSONSerialization.jsonObject(with: whole.json()) as? [String: Any])?["shard"] == nil)
        #expect(try ReportFiles.html(parts[1], program: program, siteRoot: repository).contains("members of shard 1/3"))
        #expect(try !ReportFiles.html(whole, program: program, siteRoot: repository).contains("members of shard"))
    }
}

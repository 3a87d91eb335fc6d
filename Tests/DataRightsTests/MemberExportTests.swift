import Foundation
import GRDB
import PunchcardMail
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing
@testable import PunchcardDataRights

@Suite struct MemberExportTests {
    @Test func everyDeliveryColumnIsInTheCopy() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let period = Period("2026-10")!
        let email = try DeliveryRecord(root: root, channel: .email)
        try email.record(period: period, memberID: "M1", state: .sent, messageID: "<a@b>", address: "m1@example.com")
        try email.record(period: period, memberID: "M2", state: .sent, messageID: "<c@b>", address: "m2@example.com")
        email.releaseLock()
        let sms = try DeliveryRecord(root: root, channel: .sms)
        try sms.record(period: period, memberID: "M1", state: .failed, messageID: "sms.x", address: "+989121234567", detail: "no")
        sms.releaseLock()

        let table = try MemberExport.deliveries(of: "M1", root: root)
        let queue = try DatabaseQueue(path: root.appendingPathComponent(".punchcard/mail.sqlite").path)
        let columns = try queue.read { db in try db.columns(in: "deliveries").map(\.name) }
        #expect(table.columns == columns) // every column of the record, whatever it gains later
        #expect(table.rows.count == 2)
        #expect(table.rows.allSatisfy { $0.contains("M1") })
        #expect(table.rows.contains { $0.contains("+989121234567") } && table.rows.contains { $0.contains("m1@example.com") })
    }

    @Test func aCopyInJSONAndCSV() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try MemberStore(creatingAt: root.appendingPathComponent("members.sqlite").path)
        let members = root.appendingPathComponent("members.csv")
        try Data("member_id,name,email,joined_on\nM1,\"Sara, \"\"Z\"\"\",sara@example.com,2024-01-15\n".utf8).write(to: members)
        _ = try store.importCSV(members: ImportFile(url: members))
        let token = try #require(try store.member("M1")).token
        let output = root.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("m/\(token)"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: output.appendingPathComponent("m/\(token)/2026-10.html"))
        let export = try #require(try MemberExport.make(memberID: "M1", store: store, root: root, output: output,
                                                        baseURL: "https://r.example/"))
        let json = try #require(try JSONSerialization.jsonObject(with: try export.json()) as? [String: Any])
        let tables = try #require(json["tables"] as? [String: [[String: Any]]])
        #expect(tables["members"]?.first?["name"] as? String == "Sara, \"Z\"")
        #expect(tables["published_periods"]?.first?["period"] as? String == "2026-10")
        #expect(tables["statement_addresses"]?.first?["address"] as? String == "https://r.example/m/\(token)/")
        let csv = try export.csvFiles()
        let membersCSV = String(decoding: try #require(csv.first { $0.name == "members.csv" }).data, as: UTF8.self)
        #expect(membersCSV.contains("\"Sara, \"\"Z\"\"\""))
        #expect(Set(csv.map(\.name)).isSuperset(of: ["members.csv", "ledger.csv", "deliveries.csv", "published_periods.csv"]))
    }
}

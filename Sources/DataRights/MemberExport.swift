import CSV
import Foundation
import GRDB
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A member's copy of everything held about them (GDPR articles 15 and 20): every row the store
/// holds about them (`MemberRecords`: the member with every imported column, their ledger, survey
/// answers, paid plans, coupon codes, retired statement addresses), their statement addresses,
/// the periods published for them in the site's output, and every e-mail and SMS delivery
/// recorded for them. Every value is text, as stored; nothing is computed.
public struct MemberExport: Sendable {
    public var memberID: String
    public var exportedAt: String
    /// The store's tables, then `statement_addresses`, `published_periods` and `deliveries`.
    public var tables: [MemberRecords.Table]

    /// Everything about `memberID`; nil when the store has no such member.
    public static func make(memberID: String, store: MemberStore, root: URL, output: URL, baseURL: String,
                            now: Date = Date()) throws -> MemberExport? {
        guard let records = try store.records(of: memberID), let member = try store.member(memberID) else { return nil }
        var tables = records.tables
        let retired = records.table("retired_tokens")?.rows.compactMap { $0.first ?? nil } ?? []
        let tokens = ([member.token] + retired).filter(MemberToken.isWellFormed)
        tables.append(MemberRecords.Table(
            name: "statement_addresses", columns: ["address", "state"],
            rows: tokens.enumerated().map { index, token in [baseURL + "m/\(token)/", index == 0 ? "current" : "retired"] }))
        tables.append(MemberRecords.Table(
            name: "published_periods", columns: ["period", "address"],
            rows: publishedPages(tokens: tokens, output: output).map { [$0.period, baseURL + $0.path] }))
        tables.append(try deliveries(of: member.memberID, root: root))
        let stamp = ISO8601DateFormatter().string(from: now)
        return MemberExport(memberID: member.memberID, exportedAt: stamp, tables: tables)
    }

    /// The member's pages in the output: each period's copy (`m/<token>/YYYY-MM.html`).
    static func publishedPages(tokens: [String], output: URL) -> [(period: String, path: String)] {
        var pages: [(String, String)] = []
        for token in tokens where MemberToken.isWellFormed(token) {
            let folder = output.appendingPathComponent("m/\(token)", isDirectory: true)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".html") && Period(String(name.dropLast(5))) != nil {
                pages.append((String(name.dropLast(5)), "m/\(token)/\(name)"))
            }
        }
        return pages
    }

    /// Every delivery the site's records (`.punchcard/mail*.sqlite`, e-mail and SMS, every shard's)
    /// hold for the member, every column.
    static func deliveries(of memberID: String, root: URL) throws -> MemberRecords.Table {
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("mail") && $0.hasSuffix(".sqlite") }.sorted()
        var columns: [String] = []
        var rows: [[String?]] = []
        for file in files {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(file).path, configuration: configuration)
            try queue.read { db in
                guard try db.tableExists("deliveries") else { return }
                let names = try db.columns(in: "deliveries").map(\.name)
                if columns.isEmpty { columns = names }
                let found = try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE member_id = ? ORDER BY period", arguments: [memberID])
                for row in found {
                    rows.append(columns.map { name in (row[name] as DatabaseValue?).flatMap { String.fromDatabaseValue($0) } })
                }
            }
        }
        return MemberRecords.Table(name: "deliveries", columns: columns, rows: rows)
    }

    /// One JSON document: `member_id`, `exported_at` and each table as a list of objects
    /// (column → text or null), UTF-8, keys sorted.
    public func json() throws -> Data {
        var document: [String: Any] = ["member_id": memberID, "exported_at": exportedAt]
        var tablesObject: [String: Any] = [:]
        for table in tables {
            tablesObject[table.name] = table.rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(table.columns, row.map { $0.map { $0 as Any } ?? NSNull() }))
            }
        }
        document["tables"] = tablesObject
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// One CSV file per table (`<table>.csv`, a header and a row each), UTF-8, quoted by CSV.swift.
    public func csvFiles() throws -> [(name: String, data: Data)] {
        try tables.map { table in
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: table.columns)
            for row in table.rows { try writer.write(row: row.map { $0 ?? "" }) }
            writer.stream.close()
            let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            return ("\(table.name).csv", data + Data("\n".utf8))
        }
    }
}

import Foundation
import PunchcardPostgres
import PunchcardStore
import PunchcardSupport

/// Where the store tests keep their stores: SQLite files, or, when `PUNCHCARD_TEST_POSTGRES`
/// names a server (`postgres://user@host:port/postgres`), a new database on it for each test.
/// CI runs this suite both ways.
enum TestStores {
    static let postgresServer: String? = {
        guard let server = ProcessInfo.processInfo.environment["PUNCHCARD_TEST_POSTGRES"], !server.isEmpty else { return nil }
        PostgresStore.register()
        return server
    }()
    static var onPostgres: Bool { postgresServer != nil }
}

/// A temporary folder with a member store and CSV files written by the test.
final class StoreFixture {
    let folder: URL
    let store: MemberStore
    /// The test's database on the PostgreSQL server, when the suite runs there.
    let database: String?

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("punchcard-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let server = TestStores.postgresServer {
            let name = "punchcard_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try PostgresStore.createDatabase(name, server: server)
            database = name
            store = try MemberStore(creatingAt: PostgresStore.address(ofDatabase: name, server: server))
        } else {
            database = nil
            store = try MemberStore(creatingAt: folder.appendingPathComponent("members.sqlite").path)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        if let database, let server = TestStores.postgresServer {
            try? PostgresStore.dropDatabase(database, server: server)
        }
    }

    /// Writes `text` (exactly, byte for byte) and returns it as an import file named `name`.
    func file(_ name: String, _ text: String) throws -> ImportFile {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return ImportFile(url: url, displayName: name)
    }

    func file(_ name: String, bytes: [UInt8]) throws -> ImportFile {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return ImportFile(url: url, displayName: name)
    }

    @discardableResult
    func importCSV(members: String? = nil, ledger: String? = nil) throws -> ImportSummary {
        try store.importCSV(members: members.map { try file("members.csv", $0) },
                            ledger: ledger.map { try file("ledger.csv", $0) })
    }

    /// The problems an import reports (empty when it succeeds).
    func problems(members: String? = nil, ledger: String? = nil) throws -> [Diagnostic] {
        do {
            try importCSV(members: members, ledger: ledger)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        }
    }

    /// Everything in the store, to compare before and after a failed import.
    func snapshot() throws -> [String] {
        var lines: [String] = []
        try store.forEachMember(through: CalendarDate(year: 9999, month: 12, day: 31)!) { ledger in
            lines.append("\(ledger.member)")
            lines += ledger.entries.map { "\($0)" }
        }
        return lines
    }
}

let membersCSV = """
    member_id,name,email,locale,joined_on,referred_by,status,favourite_drink
    M1,Sara Rezaei,sara@example.com,fa-IR,2024-01-15,,active,Tea
    M2,Omar Al-Harbi,omar@example.com,ar-SA,2024-06-01,M1,active,
    M3,Alice Smith,,en-US,2025-02-01,M1,closed,Latte

    """

let ledgerCSV = """
    txn_id,member_id,posted_on,kind,points,amount,description
    T1,M1,2024-11-15,earn,1200,120.00,Store purchase
    T2,M1,2025-01-10,redeem,-500,,Free coffee
    T3,M2,2026-11-02,earn,300,30.00,Online order
    T4,M1,2026-11-03,referral,500,,Friend joined
    T5,M3,2026-11-04,bonus,200,,Welcome bonus

    """

import Foundation
import GRDB
import Testing
@testable import PunchcardStore
import PunchcardStatements
import PunchcardSupport

/// The store refuses what would lose or corrupt data, and says so in the operator's words.
@Suite struct StoreSafetyTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aMissingStoreIsRefusedAndNotCreated() throws {
        let path = try temporaryFolder().appendingPathComponent("typo.sqlite").path
        #expect {
            _ = try MemberStore(path: path)
        } throws: { error in
            "\(error)" == "\(path): no member store there (check --store; `punchcard import` creates a store)"
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        // An empty file (what earlier versions left for a mistyped path) is no store either.
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: StoreError.self) { _ = try MemberStore(path: path) }
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        let path = try temporaryFolder().appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER)") }
        #expect {
            _ = try MemberStore(path: path)
        } throws: { error in
            "\(error)".contains("not a Punchcard member store")
        }
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["invoices"])
    }

    @Test func creatingAStoreByImportIsAllOrNothing() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("members.sqlite").path
        let good = folder.appendingPathComponent("good.csv"), bad = folder.appendingPathComponent("bad.csv")
        try Data("member_id,name,joined_on\nM1,Sara,2024-01-01\n".utf8).write(to: good)
        try Data("member_id,name,joined_on\nM1,Sara,2024-13-01\n".utf8).write(to: bad)

        #expect(throws: DiagnosticList.self) {
            _ = try MemberStore.create(at: path, members: ImportFile(url: bad), ledger: nil)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.csv", "good.csv"])

        let (store, summary) = try MemberStore.create(at: path, members: ImportFile(url: good), ledger: nil)
        #expect(summary?.membersAdded == 1)
        #expect(try store.memberCount() == 1)
        // A second creator finds the store made and imports nothing of its own.
        let (again, second) = try MemberStore.create(at: path, members: ImportFile(url: good), ledger: nil)
        #expect(second == nil)
        #expect(try again.memberCount() == 1)
        // A store in a folder that does not exist: named as the operator named it.
        let nowhere = folder.appendingPathComponent("no-such-folder/members.sqlite").path
        #expect {
            _ = try MemberStore.create(at: nowhere, members: ImportFile(url: good), ledger: nil)
        } throws: { error in
            "\(error)".hasPrefix("\(nowhere): cannot open the member store: its folder") && !"\(error)".contains("creating")
        }
    }

    @Test func readersAndAnImportDoNotBlockEachOther() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let reader = try MemberStore(path: fixture.store.path)
        var seen = 0
        // An import commits while a whole-store read is in the middle of its transaction.
        try reader.forEachMember(through: CalendarDate(year: 2030, month: 1, day: 1)!) { _ in
            if seen == 0 {
                let summary = try MemberStore(path: fixture.store.path).importCSV(
                    ledger: try fixture.file("more.csv", "txn_id,member_id,posted_on,kind,points\nN1,M1,2026-11-20,earn,5\n"))
                #expect(summary.ledgerAdded == 1)
            }
            seen += 1
        }
        #expect(seen == 3)
        #expect(try reader.ledgerCount() == 6)
    }

    @Test func databaseErrorsReachTheOperatorInWords() {
        let path = "members.sqlite"
        func words(_ code: ResultCode) -> String { "\(StoreError.wrapping(DatabaseError(resultCode: code, message: "raw"), path: path))" }
        #expect(words(.SQLITE_FULL) == "members.sqlite: the disk is full")
        #expect(words(.SQLITE_BUSY).hasPrefix("members.sqlite: the member store is busy: another import is writing to it"))
        #expect(words(.SQLITE_NOTADB).contains("not a Punchcard member store"))
        #expect(words(.SQLITE_CORRUPT).contains("damaged"))
        for code in [ResultCode.SQLITE_FULL, .SQLITE_BUSY, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_ERROR] {
            #expect(!words(code).contains("SQLite error") && !words(code).contains("raw"))
        }
    }

    // MARK: Import: every number bounded, every value shown short and on one line

    @Test func pointsBeyondWhatALoyaltyProgramMeansAreRefused() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points
            B1,M1,2026-11-01,earn,9223372036854775807
            B2,M1,2026-11-01,redeem,-9223372036854775808
            B3,M1,2026-11-01,earn,99999999999999999999
            B4,M1,2026-11-01,earn,1000000000001
            B5,M1,2026-11-01,earn,1000000000000

            """)
        #expect(problems.map(\.description) == [
            "ledger.csv:2:5: points: \"9223372036854775807\" is too large (at most 1,000,000,000,000 either way)",
            "ledger.csv:3:5: points: \"-9223372036854775808\" is too large (at most 1,000,000,000,000 either way)",
            "ledger.csv:4:5: points: \"99999999999999999999\" is too large (at most 1,000,000,000,000 either way)",
            "ledger.csv:5:5: points: \"1000000000001\" is too large (at most 1,000,000,000,000 either way)",
        ])
    }

    @Test func controlCharactersAreRefusedExceptLineBreaksInDescriptions() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let problems = try fixture.problems(members: "member_id,name,joined_on\nM1,Sa\u{0}ra,2024-01-01\nM2,Tab\there,2024-01-01\n")
        #expect(problems.map(\.description) == [
            "members.csv:2:2: name: \"Sa\\u{0}ra\" holds a control character (such as a NUL byte or a tab) or a line break",
            "members.csv:3:2: name: \"Tab\\there\" holds a control character (such as a NUL byte or a tab) or a line break",
        ])
        #expect(try fixture.snapshot() == before)
        try fixture.importCSV(members: membersCSV, ledger: """
            txn_id,member_id,posted_on,kind,points,amount,description
            D1,M1,2026-11-01,earn,10,,"Two
            lines"

            """)
        #expect(try fixture.store.ledger(of: "M1").last?.description == "Two\nlines")
        // The same file again changes nothing (no NUL-truncated value that always looks updated).
        let again = try fixture.importCSV(members: membersCSV)
        #expect(again.membersUpdated == 0 && again.membersUnchanged == 3)
    }

    @Test func hugeValuesAreShortenedAndEachProblemStaysOnOneLine() throws {
        let fixture = try StoreFixture()
        let huge = String(repeating: "x", count: 5_000_000)
        let problems = try fixture.problems(members: "member_id,name,joined_on\nM1,\"\(huge)\",2024-01-01\nM2,Ok,\"2024\n01-01\"\n")
        let text = problems.map(\.description)
        #expect(text.count == 2)
        #expect(text.allSatisfy { $0.count < 300 && !$0.contains("\n") })
        #expect(text[0].hasPrefix("members.csv:2:2: name: \"xxxx") && text[0].hasSuffix("…\" is longer than 200 characters"))
        #expect(text[1] == "members.csv:3:3: joined_on: \"2024\\n01-01\" is not a date in the form YYYY-MM-DD")
    }

    @Test func spreadsheetExportsGetAHintInsteadOfMissingColumns() throws {
        let fixture = try StoreFixture()
        let semicolons = try fixture.problems(members: "member_id;name;joined_on\nM1;Sara;2024-01-01\n")
        #expect(semicolons.map(\.description) == [
            "members.csv:1: this looks like a semicolon-separated file (a spreadsheet export?): Punchcard reads comma-separated CSV; export it again as CSV with commas",
        ])
        let tabs = try fixture.problems(ledger: "txn_id\tmember_id\tposted_on\tkind\tpoints\nT1\tM1\t2026-01-01\tearn\t5\n")
        #expect(tabs.count == 1 && tabs[0].description.contains("tab-separated"))
    }

    @Test func impossibleDaysSayWhatIsWrong() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points
            X1,M1,2026-11-31,earn,5
            X2,M1,2025-02-29,earn,5
            X3,M1,2026-13-01,earn,5
            X4,M1,31/12/2026,earn,5

            """)
        #expect(problems.map(\.description) == [
            "ledger.csv:2:3: posted_on: \"2026-11-31\" is not a day of November 2026 (it has 30 days)",
            "ledger.csv:3:3: posted_on: \"2025-02-29\" is not a day of February 2025 (it has 28 days)",
            "ledger.csv:4:3: posted_on: \"2026-13-01\": 13 is not a month (01 to 12)",
            "ledger.csv:5:3: posted_on: \"31/12/2026\" is not a date in the form YYYY-MM-DD",
        ])
    }

    @Test func aConflictingTxnIDIsReportedBesideTheOtherProblems() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points,amount,description
            BAD,M1,2026-11-40,earn,5,,
            T1,M1,2024-11-15,earn,9999,120.00,Store purchase

            """)
        #expect(problems.map(\.description) == [
            "ledger.csv:2:3: posted_on: \"2026-11-40\" is not a day of November 2026 (it has 30 days)",
            "ledger.csv:3:1: txn_id: \"T1\" is already stored with different content (points: stored \"1200\", file \"9999\")",
        ])
    }

    @Test func aRedemptionBelowZeroIsAWarningWithMemberAndLine() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let summary = try fixture.importCSV(ledger: """
            txn_id,member_id,posted_on,kind,points
            W1,M1,2026-01-01,earn,100
            W2,M1,2026-02-01,redeem,-150
            W3,M1,2026-03-01,redeem,-10
            W4,M2,2026-01-01,earn,100
            W5,M2,2026-02-01,redeem,-100

            """)
        #expect(summary.ledgerAdded == 5) // allowed: a debt that later points repay
        #expect(summary.warnings.map(\.description) == [
            "ledger.csv:3:5: points: redemption \"W2\" of -150 takes member \"M1\"'s balance below zero, to -50 (allowed: the debt is repaid from later points)",
        ])
        // Importing the same file again warns about nothing: no member gained rows.
        #expect(try fixture.importCSV(ledger: "txn_id,member_id,posted_on,kind,points\nW1,M1,2026-01-01,earn,100\n").warnings.isEmpty)

        // Rows out of order, and a member whose earlier rows were already stored: checked from the
        // store afterwards, with the line found again in the file.
        let later = try fixture.importCSV(ledger: """
            txn_id,member_id,posted_on,kind,points
            V2,M3,2026-05-01,redeem,-80
            V1,M3,2026-04-01,earn,50
            W6,M2,2026-03-01,redeem,-1

            """)
        #expect(later.warnings.map(\.description) == [
            "ledger.csv:4:5: points: redemption \"W6\" of -1 takes member \"M2\"'s balance below zero, to -1 (allowed: the debt is repaid from later points)",
            "ledger.csv:2:5: points: redemption \"V2\" of -80 takes member \"M3\"'s balance below zero, to -30 (allowed: the debt is repaid from later points)",
        ])
    }
}

import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// One rule for every key: NFC at the door on every store, invisible characters refused, lengths
/// bounded in bytes as well as characters (issue 24).
@Suite struct KeyNormalisationTests {
    let composed = "M\u{E9}1"      // é as one scalar
    let decomposed = "Me\u{301}1"  // e + combining acute: the same to Swift, other bytes to a database

    @Test func twoSpellingsOfOneIdAreOneMember() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: "member_id,name,joined_on\n\(composed),Elise,2025-01-01\n",
                              ledger: """
                                  txn_id,member_id,posted_on,kind,points
                                  T1,\(composed),2025-02-01,earn,100
                                  T2,\(decomposed),2025-02-02,earn,200

                                  """)
        // A second import spelling the member the other way updates the same member.
        let summary = try fixture.importCSV(members: "member_id,name,joined_on\n\(decomposed),Elise,2025-01-01\n")
        #expect(summary.membersAdded == 0)
        #expect(try fixture.store.memberCount() == 1)
        let period = Period(year: 2025, month: 2)!
        for spelling in [composed, decomposed] {
            let statement = try fixture.store.statement(for: spelling, program: try Program.parse(Self.program, file: "program.yml"), period: period)
            #expect(statement.closingBalance == 300, "asked as \(Array(spelling.unicodeScalars))")
        }
        var stored: [String] = []
        try fixture.store.forEachMember { stored.append($0.memberID) }
        #expect(stored.map { Array($0.utf8) } == [Array(composed.utf8)])
    }

    @Test func theSameTxnIdSpelledTwoWaysIsOneRow() throws {
        let fixture = try StoreFixture()
        let problems = try fixture.problems(members: "member_id,name,joined_on\nM1,A,2025-01-01\n", ledger: """
            txn_id,member_id,posted_on,kind,points
            T\u{E9},M1,2025-02-01,earn,100
            Te\u{301},M1,2025-02-01,earn,100

            """)
        // Swift sees one key twice in the file; the store must too (one row, no second 100 points).
        if problems.isEmpty {
            #expect(try fixture.store.ledgerCount() == 1)
        } else {
            #expect(problems.allSatisfy { $0.field == "txn_id" })
        }
    }

    @Test(arguments: ["M\u{200B}1", "\u{202E}1M", "\u{FEFF}M1", "M\u{200D}1", "M\u{2066}1"])
    func invisibleCharactersInIdsAreRefused(_ id: String) throws {
        let fixture = try StoreFixture()
        let problems = try fixture.problems(members: "member_id,name,joined_on\n\(id),A,2025-01-01\n")
        #expect(problems.count == 1)
        #expect(problems.first?.field == "member_id")
        #expect(problems.first?.description.contains("invisible character") == true)
        #expect(try fixture.store.memberCount() == 0)
    }

    @Test func idsAndNamesAreBoundedInBytesAndCombiningMarks() throws {
        let fixture = try StoreFixture()
        let longID = String(repeating: "\u{1F600}", count: 60) // 60 characters, 240 bytes
        let hugeName = "a" + String(repeating: "\u{301}", count: 300_000) // one character, 600 KB
        let zalgo = "Zo" + String(repeating: "\u{301}", count: 40) + "e"  // 3 characters
        let problems = try fixture.problems(members: """
            member_id,name,joined_on
            \(longID),A,2025-01-01
            M2,\(hugeName),2025-01-01
            M3,\(zalgo),2025-01-01
            M4,زهرا\u{64E}\u{651},2025-01-01

            """)
        #expect(problems.map(\.location.line) == [2, 3, 4])
        #expect(problems[0].description.contains("bytes"))
        #expect(problems[1].description.contains("bytes"))
        #expect(problems[2].description.contains("40 combining marks"))
        // Messages stay short whatever the value.
        #expect(problems.allSatisfy { $0.description.utf8.count < 1_000 })
    }

    static let program = """
        name: Test
        base_url: https://example.com/
        default_locale: en-US
        currency: USD
        tiers:
          - name: Bronze
            threshold: 0
        expiry:
          months: 24
          warning_days: 90
        referral:
          bonus_points: 0
          link: https://example.com/?r={code}
        """
}

import GRDB

/// A store written before keys were normalised may hold a decomposed member_id: the same text
/// arriving composed is refused, not made a second member.
@Suite struct LegacyKeyTests {
    @Test func aMemberIdStoredDecomposedByAnEarlierVersionIsNotDuplicated() throws {
        guard !TestStores.onPostgres else { return } // written with SQLite's own statements
        let fixture = try StoreFixture()
        try fixture.importCSV(members: "member_id,name,joined_on\nM1,A,2025-01-01\n")
        let path = fixture.folder.appendingPathComponent("members.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE members SET member_id = ? WHERE member_id = 'M1'", arguments: ["Me\u{301}1"])
        }
        let problems = try fixture.problems(members: "member_id,name,joined_on\nM\u{E9}1,A,2025-01-01\n")
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("another Unicode form") == true)
        #expect(try fixture.store.memberCount() == 1)
    }
}

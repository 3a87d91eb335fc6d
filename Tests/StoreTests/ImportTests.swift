import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct ImportTests {
    @Test func importsGoodFiles() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        #expect(summary.membersAdded == 3 && summary.membersUpdated == 0)
        #expect(summary.ledgerAdded == 5 && summary.ledgerAlreadyPresent == 0)
        #expect(try fixture.store.memberCount() == 3)
        #expect(try fixture.store.ledgerCount() == 5)

        let sara = try #require(try fixture.store.member("M1"))
        #expect(sara.name == "Sara Rezaei")
        #expect(sara.email == "sara@example.com")
        #expect(sara.locale == "fa-IR")
        #expect(sara.joinedOn.description == "2024-01-15")
        #expect(sara.status == .active)
        #expect(sara.attributes == ["favourite_drink": "Tea"])
        #expect(ReferralCode.normalized(sara.referralCode) == sara.referralCode)

        let omar = try #require(try fixture.store.member("M2"))
        #expect(omar.referredBy == "M1")
        #expect(omar.attributes.isEmpty) // an empty custom field is not kept
        #expect(try fixture.store.member("M3")?.status == .closed)
        #expect(try fixture.store.member("M3")?.email == nil)

        let rows = try fixture.store.ledger(of: "M1")
        #expect(rows.map(\.txnID) == ["T1", "T2", "T4"])
        #expect(rows[0].amount == "120.00" && rows[0].description == "Store purchase")
        #expect(rows[1].points == -500 && rows[1].amount == nil)
    }

    @Test func importingTheSameFilesAgainChangesNothing() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try fixture.snapshot()
        let again = try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        #expect(again.membersAdded == 0 && again.membersUpdated == 0 && again.membersUnchanged == 3)
        #expect(again.ledgerAdded == 0 && again.ledgerAlreadyPresent == 5)
        #expect(again.changedNothing)
        #expect(try fixture.snapshot() == before)
    }

    @Test func membersAreUpsertedByMemberID() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let code = try #require(try fixture.store.member("M2")?.referralCode)
        // A file without the email column leaves stored emails alone; an empty field clears one.
        let summary = try fixture.importCSV(members: """
            member_id,name,joined_on,locale,favourite_drink
            M2,Omar Al-Harbi Jr,2024-06-01,,Mocha
            M4,New Member,2026-11-20,en-US,

            """)
        #expect(summary.membersAdded == 1 && summary.membersUpdated == 1)
        let omar = try #require(try fixture.store.member("M2"))
        #expect(omar.name == "Omar Al-Harbi Jr")
        #expect(omar.email == "omar@example.com")
        #expect(omar.locale == nil)
        #expect(omar.referredBy == "M1")
        #expect(omar.referralCode == code) // stable across imports
        #expect(omar.attributes == ["favourite_drink": "Mocha"])
        #expect(try fixture.store.memberCount() == 4)
    }

    @Test func referralCodesAreKeptOrGeneratedUnique() throws {
        let fixture = try StoreFixture()
        var generator = SystemRandomNumberGenerator()
        let given = ReferralCode.random(using: &generator)
        try fixture.importCSV(members: """
            member_id,name,joined_on,referral_code
            A,Ann,2025-01-01,\(given.lowercased())
            B,Ben,2025-01-01,

            """)
        #expect(try fixture.store.member("A")?.referralCode == given)
        let generated = try #require(try fixture.store.member("B")?.referralCode)
        #expect(generated != given)
        #expect(ReferralCode.normalized(generated) == generated)

        let taken = try fixture.problems(members: "member_id,name,joined_on,referral_code\nC,Cy,2025-01-01,\(given)\n")
        #expect(taken.map(\.description) == ["members.csv:2:4: referral_code: \"\(given)\" already belongs to member A"])
    }

    @Test func byteOrderMarkCRLFAndQuotedFields() throws {
        let fixture = try StoreFixture()
        let members = "\u{FEFF}member_id,name,joined_on\r\nM1,\"Rezaei, Sara \"\"Sari\"\"\",2024-01-15\r\nM2,Omar,2024-02-01\r\n"
        let ledger = "\u{FEFF}txn_id,member_id,posted_on,kind,points,amount,description\r\n"
            + "T1,M1,2024-11-15,earn,100,10.00,\"Two\r\nlines, and a comma\"\r\n"
            + "T2,M2,2024-11-16,earn,50,,\"He said \"\"hi\"\"\"\r\n"
        let summary = try fixture.importCSV(members: members, ledger: ledger)
        #expect(summary.membersAdded == 2 && summary.ledgerAdded == 2)
        #expect(try fixture.store.member("M1")?.name == "Rezaei, Sara \"Sari\"")
        #expect(try fixture.store.ledger(of: "M1").first?.description == "Two\r\nlines, and a comma")
        #expect(try fixture.store.ledger(of: "M2").first?.description == "He said \"hi\"")
        #expect(try fixture.store.ledger(of: "M1").first?.points == 100) // the BOM did not hide txn_id
    }

    @Test func lineNumbersCountLineBreaksInsideQuotedFields() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points,amount,description
            T1,M1,2024-11-15,earn,100,,"three
            line
            description"
            T2,M1,2024-11-16,earn,12.5,,after it

            """)
        #expect(problems.map(\.description) == ["ledger.csv:5:5: points: \"12.5\" is not an integer"])
    }

    @Test func nonASCIITextSurvives() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: """
            member_id,name,joined_on,locale
            M1,زهرا 🎉 O'Neil\u{200F},2024-01-15,fa-IR
            M2,<script>alert("x")</script>,2024-01-15,en-US

            """)
        #expect(try fixture.store.member("M1")?.name == "زهرا 🎉 O'Neil\u{200F}")
        #expect(try fixture.store.member("M2")?.name == "<script>alert(\"x\")</script>")
    }

    @Test func largeFilesSpanManyPiecesInOrder() throws {
        // Enough rows to cross several of the reader's pieces, with quoted line breaks among them.
        let fixture = try StoreFixture()
        var members = "member_id,name,joined_on,note\n"
        var ledger = "txn_id,member_id,posted_on,kind,points,amount,description\n"
        for index in 0..<2000 {
            members += "M\(index),Member \(index),2024-01-01,\"a note\nsecond line\"\n"
            for row in 0..<20 {
                ledger += "T\(index)-\(row),M\(index),2024-\(String(format: "%02d", row % 12 + 1))-01,earn,\(row + 1),,\"row \(row)\"\n"
            }
        }
        let summary = try fixture.importCSV(members: members, ledger: ledger)
        #expect(summary.membersAdded == 2000 && summary.ledgerAdded == 40000)
        #expect(try fixture.store.member("M1999")?.attributes["note"] == "a note\nsecond line")
        #expect(try fixture.store.ledger(of: "M1234").reduce(0) { $0 + $1.points } == 210)

        // A problem on the very last line is reported at that line.
        let broken = ledger + "X,M1,2024-01-01,earn,oops,,\n"
        let problems = try fixture.problems(ledger: broken)
        #expect(problems.map(\.description) == ["ledger.csv:40002:5: points: \"oops\" is not an integer"])
    }
}

import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct ImportErrorTests {
    /// Imports `ledger` on top of the good example store and returns the messages.
    func ledgerProblems(_ rows: String, header: String = "txn_id,member_id,posted_on,kind,points,amount,description")
        throws -> [String] {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try fixture.snapshot()
        let problems = try fixture.problems(ledger: header + "\n" + rows + "\n")
        #expect(try fixture.snapshot() == before, "a failed import changed the store")
        return problems.map(\.description)
    }

    @Test func everyKindOfMalformedLedgerRow() throws {
        let messages = try ledgerProblems("""
            ,M1,2026-11-01,earn,10,,
            U2,,2026-11-01,earn,10,,
            U3,NOBODY,2026-11-01,earn,10,,
            U4,M1,2026-11-31,earn,10,,
            U5,M1,01/11/2026,earn,10,,
            U6,M1,2026-11-01,purchase,10,,
            U7,M1,2026-11-01,earn,12.5,,
            U8,M1,2026-11-01,earn,-10,,
            U9,M1,2026-11-01,redeem,10,,
            U10,M1,2026-11-01,expire,5,,
            U11,M1,2026-11-01,adjust,0,,
            U12,M1,2026-11-01,earn,10,12,50,
            U13,M1,2026-11-01,earn,10,abc,
            U14,M1,2026-11-01,earn,,,
            U15,M1,2026-11-01,bonus,0,,
            """)
        #expect(messages == [
            "ledger.csv:2:1: txn_id: required, but empty",
            "ledger.csv:3:2: member_id: required, but empty",
            "ledger.csv:4:2: member_id: \"NOBODY\": no such member in the store or in the members file",
            "ledger.csv:5:3: posted_on: \"2026-11-31\" is not a day of November 2026 (it has 30 days)",
            "ledger.csv:6:3: posted_on: \"01/11/2026\" is not a date in the form YYYY-MM-DD",
            "ledger.csv:7:4: kind: \"purchase\" is not one of earn, bonus, referral, redeem, expire, adjust",
            "ledger.csv:8:5: points: \"12.5\" is not an integer",
            "ledger.csv:9:5: points: -10 must be positive for earn",
            "ledger.csv:10:5: points: 10 must be negative for redeem",
            "ledger.csv:11:5: points: 5 must be negative for expire",
            "ledger.csv:12:5: points: 0 must not be zero",
            "ledger.csv:13: expected 7 fields as in the header, found 8",
            "ledger.csv:14:6: amount: \"abc\" is not a decimal number such as 12.50",
            "ledger.csv:15:5: points: required, but empty",
            "ledger.csv:16:5: points: 0 must be positive for bonus",
        ])
    }

    @Test func txnIDStoredWithDifferentContent() throws {
        let messages = try ledgerProblems("T1,M1,2024-11-15,earn,1300,120.00,Store purchase")
        #expect(messages == [
            "ledger.csv:2:1: txn_id: \"T1\" is already stored with different content (points: stored \"1200\", file \"1300\")",
        ])
    }

    @Test func duplicateTxnIDInOneFile() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let problems = try fixture.problems(ledger: """
            txn_id,member_id,posted_on,kind,points
            D1,M1,2026-11-01,earn,10
            D1,M2,2026-11-01,earn,10

            """)
        #expect(problems.map(\.description) == [
            "ledger.csv:3:1: txn_id: \"D1\" is already stored with different content (member_id: stored \"M1\", file \"M2\")",
        ])
        #expect(try fixture.store.ledgerCount() == 0)
        // The same row twice is the same transaction: counted once.
        let same = try fixture.importCSV(ledger: "txn_id,member_id,posted_on,kind,points\nD1,M1,2026-11-01,earn,10\nD1,M1,2026-11-01,earn,10\n")
        #expect(same.ledgerAdded == 1 && same.ledgerAlreadyPresent == 1)
    }

    @Test func headerProblems() throws {
        #expect(try ledgerProblems("T9,M1,2026-11-01,earn,10", header: "txn_id,member_id,posted_on,kind") == [
            "ledger.csv:1: points: required column is missing from the header row",
        ])
        #expect(try ledgerProblems("T9,M1,2026-11-01,earn,10,5", header: "txn_id,member_id,posted_on,kind,points,ammount") == [
            "ledger.csv:1:6: ammount: unknown column (expected: txn_id, member_id, posted_on, kind, points, amount, description, source)",
        ])
        #expect(try ledgerProblems("T9,M1,2026-11-01,earn,10,5", header: "txn_id,member_id,posted_on,kind,points,points") == [
            "ledger.csv:1:6: points: column appears twice in the header row",
        ])
        let fixture = try StoreFixture()
        #expect(try fixture.problems(members: "").map(\.description) == ["members.csv:1: the file is empty; expected a header row"])
    }

    @Test func unclosedQuoteAndBadEncoding() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let unclosed = try fixture.problems(ledger: "txn_id,member_id,posted_on,kind,points\nT9,M1,2026-11-01,earn,10\nT10,\"M1,2026-11-01,earn,10\n")
        #expect(unclosed.map(\.description) == ["ledger.csv:3: a quoted field is never closed"])

        var bytes = Array("txn_id,member_id,posted_on,kind,points,amount,description\nT9,M1,2026-11-01,earn,10,,ok\nT10,M1,2026-11-01,earn,10,,".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        do {
            _ = try fixture.store.importCSV(ledger: try fixture.file("latin1.csv", bytes: bytes))
            Issue.record("an invalid UTF-8 file was accepted")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.map(\.description) == ["latin1.csv:3: the text is not valid UTF-8"])
        }
        #expect(try fixture.store.ledgerCount() == 0)
    }

    @Test func everyKindOfMalformedMemberRow() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let before = try fixture.snapshot()
        let problems = try fixture.problems(members: """
            member_id,name,email,locale,joined_on,referred_by,status,referral_code
            ,No Id,,,2024-01-01,,,
            N1,,,,2024-01-01,,,
            N2,Bad Email,not-an-email,,2024-01-01,,,
            N3,Bad Locale,,fa_IR,2024-01-01,,,
            N4,Bad Date,,,2024-02-30,,,
            N5,Bad Referrer,,,2024-01-01,GHOST,,
            N6,Self Referrer,,,2024-01-01,N6,,
            N7,Bad Status,,,2024-01-01,,paused,
            N8,Bad Code,,,2024-01-01,,,ABC
            M1,Dup A,,,2024-01-01,,,
            M1,Dup B,,,2024-01-01,,,
            \(String(repeating: "x", count: 65)),Long Id,,,2024-01-01,,,

            """)
        #expect(problems.map(\.description) == [
            "members.csv:2:1: member_id: required, but empty",
            "members.csv:3:2: name: required, but empty",
            "members.csv:4:3: email: \"not-an-email\" is not an email address",
            "members.csv:5:4: locale: \"fa_IR\" is not a BCP 47 language tag such as fa-IR, ar-SA or en-US",
            "members.csv:6:5: joined_on: \"2024-02-30\" is not a day of February 2024 (it has 29 days)",
            "members.csv:8:6: referred_by: a member cannot refer themselves",
            "members.csv:9:7: status: \"paused\" is not active or closed",
            "members.csv:10:8: referral_code: \"ABC\" is not a referral code (8 characters of Crockford base 32 with a valid check character)",
            "members.csv:12:1: member_id: \"M1\" appears twice (first on line 11)",
            "members.csv:13:1: member_id: \"\(String(repeating: "x", count: 60))…\" is longer than 64 characters",
            "members.csv:7:6: referred_by: \"GHOST\": no such member in the store or in members.csv",
        ])
        #expect(try fixture.snapshot() == before)
    }

    @Test func phoneChannelAndBirthdayAreChecked() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let before = try fixture.snapshot()
        let problems = try fixture.problems(members: """
            member_id,name,email,phone,joined_on,birthday,channel
            P1,Local Number,,09121234567,2024-01-01,,
            P2,Bad Channel,,+989121234567,2024-01-01,,whatsapp
            P3,SMS No Phone,p3@example.com,,2024-01-01,,sms
            P4,Mail No Address,,+989121234567,2024-01-01,,email
            P5,Bad Birthday,,,2024-01-01,02-30,
            P6,Good,,"+98 912 123 4567",2024-01-01,02-29,SMS

            """)
        #expect(problems.map(\.description) == [
            "members.csv:2:4: phone: \"09121234567\" is not a phone number in E.164 form: + then the country code and number, such as +989121234567",
            "members.csv:3:7: channel: \"whatsapp\" is not email, sms or none",
            "members.csv:4:7: channel: sms, but the row has no phone number",
            "members.csv:5:7: channel: email, but the row has no e-mail address",
            "members.csv:6:6: birthday: \"02-30\" is not a day of the year as MM-DD or YYYY-MM-DD",
        ])
        #expect(try fixture.snapshot() == before)

        // A good row is stored as E.164, its channel in lower case.
        try fixture.importCSV(members: "member_id,name,phone,joined_on,channel\nP6,Good,+98 (912) 123-4567,2024-01-01,SMS\n")
        let member = try #require(try fixture.store.member("P6"))
        #expect(member.phone == "+989121234567")
        #expect(member.channel == .sms)
    }

    @Test func ledgerMayReferToMembersInTheSameImport() throws {
        let fixture = try StoreFixture()
        let summary = try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        #expect(summary.ledgerAdded == 5)
    }

    @Test func problemsAreCapped() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV)
        let rows = (0..<500).map { "B\($0),M1,2026-11-01,earn,x" }.joined(separator: "\n")
        do {
            try fixture.importCSV(ledger: "txn_id,member_id,posted_on,kind,points\n" + rows + "\n")
            Issue.record("accepted")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.count == 50)
            #expect(list.count == 500)
            #expect(list.description.hasSuffix("… and 450 more problems"))
        }
        #expect(try fixture.store.ledgerCount() == 0)
    }

    @Test func aFailedLedgerRollsBackTheMembersImportedWithIt() throws {
        let fixture = try StoreFixture()
        let problems = try fixture.problems(members: membersCSV, ledger: ledgerCSV + "T6,M1,2026-11-05,earn,oops,,\n")
        #expect(problems.count == 1)
        #expect(try fixture.store.memberCount() == 0)
        #expect(try fixture.store.ledgerCount() == 0)
    }
}

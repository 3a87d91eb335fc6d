import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct StoreStatementTests {
    let program = Program(
        name: "Test", baseURL: "https://x.example/", languages: ["en-US"], currency: "USD", pointsName: "points",
        tiers: [.init(name: "Bronze", threshold: 0), .init(name: "Silver", threshold: 1000)],
        expiry: .init(months: 24, warningDays: 90),
        referral: .init(bonusPoints: 500, linkTemplate: "https://x.example/join?ref={code}"))

    @Test func statementFromTheStoreMatchesTheRules() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let statement = try fixture.store.statement(for: "M1", program: program, period: Period("2026-11")!)
        #expect(statement.openingBalance == 700)
        #expect(statement.bonus == 500)
        #expect(statement.closingBalance == 1200)
        #expect(statement.qualifyingPoints == 0) // the 2024 purchase is outside the 12 months
        #expect(statement.tier == "Bronze")
        #expect(statement.expiring.isEmpty) // the 700 left of 2024-11 expire on 2026-11-30, the end itself
        #expect(statement.referral.referredCount == 2) // M2 and M3 joined before the end
        #expect(statement.referral.pointsEarned == 500)
        let code = try #require(try fixture.store.member("M1")?.referralCode)
        #expect(statement.referral.link == "https://x.example/join?ref=\(code)")

        // Earlier, M3 had not joined yet.
        let earlier = try fixture.store.statement(for: "M1", program: program, period: Period("2024-12")!)
        #expect(earlier.referral.referredCount == 1)
        #expect(earlier.expiring.isEmpty)
        #expect(earlier.closingBalance == 1200)
        // In 2026-10 the 2024-11 lot (700 left after the redemption) expires within 90 days.
        let october = try fixture.store.statement(for: "M1", program: program, period: Period("2026-10")!)
        #expect(october.expiring == [.init(points: 700, on: CalendarDate(iso: "2026-11-30")!)])
    }

    @Test func unknownMemberIsAnError() throws {
        let fixture = try StoreFixture()
        #expect(throws: StoreError.self) {
            try fixture.store.statement(for: "NOPE", program: program, period: Period("2026-11")!)
        }
    }

    @Test func streamsEveryMemberInOrderWithTheirOwnRows() throws {
        let fixture = try StoreFixture()
        var members = "member_id,name,joined_on,referred_by\n"
        var ledger = "txn_id,member_id,posted_on,kind,points\n"
        // IDs chosen so that byte order differs from numeric order, with members that have no rows.
        let ids = ["B", "a", "A10", "A2", "Z", "é", "M"]
        for (index, id) in ids.enumerated() {
            members += "\(id),Member \(id),2024-01-0\(index + 1),\(index > 0 ? "B" : "")\n"
            if index % 2 == 0 {
                for day in 1...3 { ledger += "\(id)-\(day),\(id),2026-11-0\(day),earn,\(index * 10 + day)\n" }
            }
        }
        try fixture.importCSV(members: members, ledger: ledger)
        var streamed: [Statement] = []
        try fixture.store.forEachStatement(program: program, period: Period("2026-11")!) { ledger, statement in
            #expect(ledger.member.memberID == statement.memberID)
            #expect(ledger.entries.allSatisfy { $0.txnID.hasPrefix("\(ledger.member.memberID)-") })
            streamed.append(statement)
        }
        #expect(streamed.map(\.memberID) == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for statement in streamed {
            let single = try fixture.store.statement(for: statement.memberID, program: program, period: Period("2026-11")!)
            #expect(statement == single)
        }
        #expect(streamed.first { $0.memberID == "A10" }?.earned == 21 + 22 + 23) // index 2, days 1 to 3

        let b = try fixture.store.statement(for: "B", program: program, period: Period("2026-11")!)
        #expect(b.referral.referredCount == ids.count - 1)
    }
}

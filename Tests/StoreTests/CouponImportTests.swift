import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// coupons.csv: codes issued to members for offers, keyed by member and offer, checked against the
/// site's offers, one member's each, replaced when re-issued, all or nothing (SQLite, and PostgreSQL in CI).
@Suite struct CouponImportTests {
    static let file = """
        member_id,offer,code,expires_on
        M1,book-and-coffee,LEAF-AAAA-0001,2026-12-31
        M2,book-and-coffee,LEAF-AAAA-0002,2026-11-15

        """

    func importing(_ fixture: StoreFixture, _ text: String,
                   offers: Set<String>? = ["book-and-coffee", "gym-week"]) throws -> (ImportSummary?, [Diagnostic]) {
        var file = try fixture.file("coupons.csv", text)
        file.declaredOffers = offers
        do {
            return (try fixture.store.importCSV(coupons: file), [])
        } catch let list as DiagnosticList {
            return (nil, list.diagnostics)
        }
    }

    func revisions(_ store: MemberStore) throws -> [String: Int64] {
        var revisions: [String: Int64] = [:]
        try store.forEachStoredMember(referralsThrough: CalendarDate(iso: "2030-01-01")!) {
            revisions[$0.member.memberID] = Int64($0.ledgerRevision)
        }
        return revisions
    }

    @Test func codesAreStoredReissuedAndShownUntilTheyExpire() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        let before = try revisions(fixture.store)
        let (first, problems) = try importing(fixture, Self.file)
        #expect(problems.isEmpty && first?.couponsAdded == 2)
        let afterFirst = try revisions(fixture.store)
        // The holders' pages must be rebuilt; no one else's.
        #expect(afterFirst["M1"] != before["M1"] && afterFirst["M2"] != before["M2"] && afterFirst["M3"] == before["M3"])
        let (again, _) = try importing(fixture, Self.file)
        #expect(again?.couponsUnchanged == 2 && again?.couponsAdded == 0)
        #expect(try revisions(fixture.store) == afterFirst)
        let (reissued, _) = try importing(fixture, Self.file.replacingOccurrences(of: "LEAF-AAAA-0001", with: "LEAF-BBBB-0001"))
        #expect(reissued?.couponsUpdated == 1 && reissued?.couponsUnchanged == 1)
        #expect(try fixture.store.allCoupons()["M1"]?.map(\.code) == ["LEAF-BBBB-0001"])

        // A statement shows the codes still usable after its period: M2's ends on Nov 15.
        let program = try Program.parse("""
            name: X
            base_url: https://x.example
            languages: [en]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            """, file: "p.yml")
        let october = try fixture.store.statement(for: "M2", program: program, period: Period("2026-10")!)
        #expect(october.coupons.map(\.code) == ["LEAF-AAAA-0002"])
        let november = try fixture.store.statement(for: "M2", program: program, period: Period("2026-11")!)
        #expect(november.coupons.isEmpty)
        // Codes are private: not in the JSON contract.
        #expect(try !october.jsonLine().contains("LEAF-"))
    }

    @Test func badRowsAreRefusedWithTheirPlaceAndChangeNothing() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: membersCSV, ledger: ledgerCSV)
        _ = try importing(fixture, Self.file)
        let before = try fixture.store.allCoupons()
        let long = String(repeating: "X", count: 65)
        let (_, problems) = try importing(fixture, """
            member_id,offer,code,expires_on
            M1,spring-sale,LEAF-1,2026-12-31
            NOBODY,gym-week,GYM-1,2026-12-31
            M1,gym-week,,2026-12-31
            M2,gym-week,\(long),2026-12-31
            M3,gym-week,GYM-3,2026-02-30
            M1,gym-week,GYM-9,2026-12-31
            M1,gym-week,GYM-10,2026-12-31
            M2,gym-week,GYM-9,2026-12-31
            M3,book-and-coffee,LEAF-AAAA-0001,2026-12-31
            M3,gym-week,"GYM\u{7}4",2026-12-31

            """)
        #expect(problems.map(\.location.line) == [2, 3, 4, 5, 6, 8, 9, 10, 11])
        #expect(problems.map(\.field) == ["offer", "member_id", "code", "code", "expires_on", "offer", "code", "code", "code"])
        #expect(problems.allSatisfy { $0.location.file == "coupons.csv" })
        #expect(problems[7].message.contains("stored for another member"))
        #expect(try fixture.store.allCoupons() == before)
        // Without the site's offers, every row is refused, saying why.
        let (_, unread) = try importing(fixture, Self.file, offers: nil)
        #expect(unread.count == 2 && unread.allSatisfy { $0.message.contains("cannot check the offer without the site") })
    }
}

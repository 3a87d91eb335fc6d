import Foundation
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing

/// A member's copy of their data (`punchcard export`) reads the store generically; these tests
/// hold every column of every table, on SQLite and (with PUNCHCARD_TEST_POSTGRES) PostgreSQL, to
/// being in the copy or on the documented list of technical ones: a column added later cannot
/// be left out of the copy by mistake.
@Suite struct MemberRecordsTests {
    /// A member with a row in every table that can hold one.
    func everywhere() throws -> StoreFixture {
        let fixture = try StoreFixture()
        var memberships = try fixture.file("memberships.csv", "member_id,plan,started_on,renews_on,status\nM1,plus,2026-01-01,2027-01-01,active\n")
        memberships.declaredPlans = ["plus"]
        var coupons = try fixture.file("coupons.csv", "member_id,offer,code,expires_on\nM1,gym-week,GYM-0001,2026-12-31\n")
        coupons.declaredOffers = ["gym-week"]
        _ = try fixture.store.importCSV(
            members: try fixture.file("members.csv", "member_id,name,email,phone,joined_on,favourite\nM1,Sara,sara@example.com,+989121234567,2024-01-15,Tea\nM2,Omar,,,2024-01-15,\n"),
            ledger: try fixture.file("ledger.csv", "txn_id,member_id,posted_on,kind,points,amount,description\nT1,M1,2026-10-01,earn,100,10.00,Coffee\nT2,M2,2026-10-01,earn,5,,\n"),
            surveys: try fixture.file("surveys.csv", "member_id,answered_on,score,comment\nM1,2026-10-02,9,Lovely\n"),
            memberships: memberships, coupons: coupons)
        _ = try fixture.store.rotateToken(of: "M1")
        return fixture
    }

    @Test func everyColumnIsInTheCopyOrDocumentedAsTechnical() throws {
        let fixture = try everywhere()
        let records = try #require(try fixture.store.records(of: "M1"))
        var exported = Set<String>()
        for table in records.tables {
            #expect(!table.rows.isEmpty, "\(table.name): the fixture has no row for it; give the member one")
            for column in table.columns { exported.insert("\(table.name).\(column)") }
        }
        var missing: [String] = []
        for (table, columns) in try fixture.store.schema() where !MemberRecords.isTechnical(table: table) {
            for column in columns where !exported.contains("\(table).\(column)") && !MemberRecords.technicalColumns.contains("\(table).\(column)") {
                missing.append("\(table).\(column)")
            }
        }
        #expect(missing.isEmpty, "in neither the export nor MemberRecords.technicalColumns/technicalTables: \(missing)")
        // Technical tables hold no member's own data beyond what the copy has.
        for (table, columns) in try fixture.store.schema() where MemberRecords.isTechnical(table: table) {
            #expect(MemberRecords.technicalTables.contains(where: { table == $0 || table.hasPrefix($0 + "_") }), "\(table) \(columns)")
        }
    }

    @Test func theCopyHoldsTheMembersRowsOnly() throws {
        let fixture = try everywhere()
        let records = try #require(try fixture.store.records(of: "M1"))
        let members = try #require(records.table("members"))
        #expect(members.rows.count == 1)
        let row = Dictionary(uniqueKeysWithValues: zip(members.columns, members.rows[0]))
        #expect(row["name"] == "Sara" && row["phone"] == "+989121234567")
        #expect(row["attributes"]??.contains("Tea") == true)
        #expect(records.table("ledger")?.rows.count == 1)
        #expect(records.table("surveys")?.rows.first?.contains("Lovely") == true)
        #expect(records.table("retired_tokens")?.rows.count == 1)
        #expect(!records.tables.contains { $0.rows.contains { $0.contains("M2") } })
        #expect(try fixture.store.records(of: "NOBODY") == nil)
    }
}

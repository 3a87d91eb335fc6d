import Foundation
import Testing
import PunchcardStatements

@Suite struct StatementJSONTests {
    @Test func hasExactlyTheContractsKeys() throws {
        let line = try statement([row("2026-06-01", .earn, 30000), row("2024-12-03", .earn, 5)]).jsonLine()
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "member_id", "period", "opening_balance", "closing_balance", "earned", "bonus", "redeemed",
            "expired", "adjusted", "qualifying_points", "earned_this_year", "tier", "next_tier", "points_to_next_tier",
            "expiring", "referral", "rewards", "keep_tier", "history", "earned_by_source", "earned_by_source_12m", "membership", "offers",
        ])
        #expect(object["membership"] is NSNull)
        // Rows without a source count by kind: 30,000 earned in June (in the 12 months, not the
        // period), 5 two years ago (outside both).
        func sources(_ key: String) -> [String]? {
            (object[key] as? [[String: Any]])?.map { "\($0["source"] as? String ?? "?") \($0["points"] as? Int ?? -1)" }
        }
        #expect(sources("earned_by_source") == [])
        #expect(sources("earned_by_source_12m") == ["purchases 30000"])
        let rewards = try #require(object["rewards"] as? [String: Any])
        #expect(rewards["available"] as? [String] == [] && rewards["next"] is NSNull)
        let keep = try #require(object["keep_tier"] as? [String: Any])
        #expect(Set(keep.keys) == ["tier", "through", "points_needed", "by", "falls_to", "changes_on"])
        #expect(keep["tier"] as? String == "Platinum" && keep["through"] as? String == "2027-05-31")
        #expect(keep["points_needed"] as? Int == 25000)
        // One deadline, then the tier the member moves to the day after it.
        #expect(keep["by"] as? String == "2027-06-30" && keep["changes_on"] as? String == "2027-07-01")
        #expect(keep["falls_to"] as? String == "Bronze")
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.count == 12)
        #expect(history.first?["period"] as? String == "2025-12" && history.last?["period"] as? String == "2026-11")
        #expect(Set(history[0].keys) == ["period", "earned", "redeemed", "expired", "adjusted", "closing_balance"])
        #expect(history.last?["closing_balance"] as? Int == 30005)
        let period = try #require(object["period"] as? [String: String])
        #expect(period == ["start": "2026-11-01", "end": "2026-11-30"])
        let referral = try #require(object["referral"] as? [String: Any])
        #expect(Set(referral.keys) == ["code", "link", "referred_count", "points_earned"])
        #expect(referral["link"] as? String == "https://shop.example/join?ref=ABCDEFGH")
        let expiring = try #require(object["expiring"] as? [[String: Any]])
        #expect(expiring.count == 1)
        #expect(expiring.first?["on"] as? String == "2026-12-31")
        #expect(expiring.first?["points"] as? Int == 5)
        // At the top tier the next tier is null, present rather than left out.
        #expect(object["next_tier"] is NSNull)
        #expect(object["points_to_next_tier"] is NSNull)
        #expect(object["tier"] as? String == "Platinum")
        #expect(object["closing_balance"] as? Int == 30005)
    }
}

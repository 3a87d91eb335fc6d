import Foundation
import Testing
@testable import PunchcardStatements
import PunchcardSupport

/// Who an offer is for, each condition at its edges: exactly N days, a birthday on the period's
/// first and last day, 29 February, a member who joined on the period's last day.
@Suite struct OfferAudienceTests {
    let october = Period("2026-10")!

    func member(joined: String = "2024-01-15", birthday: String? = nil, attributes: [String: String] = [:]) -> Member {
        var all = attributes
        if let birthday { all["birthday"] = birthday }
        return Member(memberID: "M", name: "M", joinedOn: CalendarDate(iso: joined)!, referralCode: "C", attributes: all)
    }

    func statement(tier: String? = nil, balance: Int = 0, lastEarn: String? = nil, plan: String? = nil,
                   sources: [String: Int] = [:]) -> Statement {
        var s = Statement(memberID: "M", period: october, openingBalance: 0, closingBalance: balance, earned: 0, bonus: 0,
                          redeemed: 0, expired: 0, adjusted: 0, qualifyingPoints: 0, tier: tier, nextTier: nil,
                          pointsToNextTier: nil, expiring: [],
                          referral: Statement.ReferralSummary(code: "C", link: "", referredCount: 0, pointsEarned: 0))
        s.lastEarnOn = lastEarn.flatMap(CalendarDate.init(iso:))
        s.earnedBySource12m = sources.map { Statement.SourcePoints(source: $0.key, points: $0.value) }
        if let plan {
            s.membership = Statement.MembershipSummary(plan: plan, status: .active, startedOn: CalendarDate(iso: "2026-01-01")!,
                                                       renewsOn: CalendarDate(iso: "2026-11-01")!, fee: 5, points12m: 0, value12m: nil, renewsSoon: false)
        }
        return s
    }

    func audience(_ build: (inout OfferAudience) -> Void) -> OfferAudience {
        var audience = OfferAudience()
        build(&audience)
        return audience
    }

    @Test func joinedWithinTheLastNDays() {
        let new = audience { $0.joinedWithinDays = 30 }
        // (Oct 31 − 30 days, Oct 31] = Oct 2 … Oct 31.
        #expect(new.includes(member(joined: "2026-10-31"), statement: statement(), period: october))
        #expect(new.includes(member(joined: "2026-10-02"), statement: statement(), period: october))
        #expect(!new.includes(member(joined: "2026-10-01"), statement: statement(), period: october))
        #expect(!new.includes(member(joined: "2026-11-01"), statement: statement(), period: october))
    }

    @Test func inactiveForNDaysAndNotNew() {
        let lapsed = audience { $0.inactiveDays = 90 }
        // The window is (Aug 2, Oct 31]: an earn on Aug 2 is outside it, on Aug 3 inside.
        #expect(lapsed.includes(member(), statement: statement(lastEarn: "2026-08-02"), period: october))
        #expect(!lapsed.includes(member(), statement: statement(lastEarn: "2026-08-03"), period: october))
        #expect(lapsed.includes(member(), statement: statement(), period: october)) // never earned
        // A member who joined within the window has not drifted away: they are new.
        #expect(!lapsed.includes(member(joined: "2026-09-01"), statement: statement(), period: october))
        #expect(lapsed.includes(member(joined: "2026-08-02"), statement: statement(), period: october))
    }

    @Test func birthdaysOnThePeriodsEdgesAnd29February() {
        let treat = audience { $0.birthday = true }
        #expect(treat.includes(member(birthday: "10-01"), statement: statement(), period: october))
        #expect(treat.includes(member(birthday: "1990-10-31"), statement: statement(), period: october))
        #expect(!treat.includes(member(birthday: "11-01"), statement: statement(), period: october))
        #expect(!treat.includes(member(birthday: "09-30"), statement: statement(), period: october))
        #expect(!treat.includes(member(), statement: statement(), period: october)) // no birthday given
        // 29 February: on 28 February in 2027, on the 29th in 2028.
        let feb2027 = Period("2027-02")!, feb2028 = Period("2028-02")!
        #expect(treat.includes(member(birthday: "2000-02-29"), statement: statement(), period: feb2027))
        #expect(treat.includes(member(birthday: "02-29"), statement: statement(), period: feb2028))
        #expect(!treat.includes(member(birthday: "02-29"), statement: statement(), period: Period("2027-03")!))
    }

    @Test func anniversariesFromTheFirstYearOn() {
        let anniversary = audience { $0.anniversary = true }
        #expect(!anniversary.includes(member(joined: "2026-10-15"), statement: statement(), period: october)) // joined this month
        #expect(anniversary.includes(member(joined: "2025-10-15"), statement: statement(), period: october))
        #expect(anniversary.includes(member(joined: "2020-02-29"), statement: statement(), period: Period("2027-02")!))
        #expect(!anniversary.includes(member(joined: "2025-09-30"), statement: statement(), period: october))
    }

    @Test func tiersPlansSourcesBalanceAndColumns() {
        #expect(audience { $0.tiers = ["Gold"] }.includes(member(), statement: statement(tier: "Gold"), period: october))
        #expect(!audience { $0.tiers = ["Gold"] }.includes(member(), statement: statement(tier: "Silver"), period: october))
        #expect(!audience { $0.tiers = ["Gold"] }.includes(member(), statement: statement(), period: october))
        #expect(audience { $0.plans = ["plus"] }.includes(member(), statement: statement(plan: "plus"), period: october))
        #expect(!audience { $0.plans = ["plus"] }.includes(member(), statement: statement(), period: october))
        #expect(audience { $0.sources = ["gym"] }.includes(member(), statement: statement(sources: ["gym": 80]), period: october))
        #expect(!audience { $0.sources = ["gym"] }.includes(member(), statement: statement(sources: ["review": 80]), period: october))
        #expect(audience { $0.minBalance = 500 }.includes(member(), statement: statement(balance: 500), period: october))
        #expect(!audience { $0.minBalance = 500 }.includes(member(), statement: statement(balance: 499), period: october))
        let tea = audience { $0.attributes = ["drink": "Tea"] }
        #expect(tea.includes(member(attributes: ["drink": "Tea"]), statement: statement(), period: october))
        #expect(!tea.includes(member(attributes: ["drink": "tea"]), statement: statement(), period: october))
        #expect(!tea.includes(member(), statement: statement(), period: october))
        // Every condition must hold.
        let both = audience { $0.tiers = ["Gold"]; $0.minBalance = 100 }
        #expect(!both.includes(member(), statement: statement(tier: "Gold", balance: 99), period: october))
        #expect(both.includes(member(), statement: statement(tier: "Gold", balance: 100), period: october))
    }

    @Test func birthdaysAreReadAsMonthAndDay() {
        #expect(MonthDay(text: "02-29") == MonthDay(month: 2, day: 29))
        #expect(MonthDay(text: "1984-07-09") == MonthDay(month: 7, day: 9))
        for bad in ["2-29", "02-30", "13-01", "1985-02-29", "07/09", "", "0a-01", "02-29-1"] {
            #expect(MonthDay(text: bad) == nil, "\(bad)")
        }
    }
}

import Foundation
import Testing
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

/// The example program with a small catalog: coffee 500 (anyone), donation 500 (charity),
/// tasting 8000 (Gold and Platinum only).
private let programWithRewards: Program = {
    var program = exampleProgram
    program.rewards = [
        Reward(id: "coffee", name: "Coffee", points: 500),
        Reward(id: "donation", name: "Meal", points: 500, kind: .charity, description: "To the kitchen"),
        Reward(id: "tasting", name: "Tasting", points: 8000, kind: .experience, tiers: ["Gold", "Platinum"]),
    ]
    return program
}()

@Suite struct StatementInsightsTests {
    @Test func rewardsAvailableAndNext() {
        // A balance exactly equal to a reward's points redeems it; ties are ordered by id.
        let exact = statement([row("2026-11-02", .earn, 500)], program: programWithRewards)
        #expect(exact.rewards.available == ["coffee", "donation"])
        // Bronze may not redeem the tasting, so nothing is next.
        #expect(exact.rewards.next == nil)
        let short = statement([row("2026-11-02", .earn, 499)], program: programWithRewards)
        #expect(short.rewards.available.isEmpty)
        #expect(short.rewards.next?.id == "coffee" && short.rewards.next?.pointsToGo == 1)
        // Gold sees the tier-only reward as next.
        let gold = statement([row("2026-06-02", .earn, 10_000), row("2026-07-02", .redeem, -5000)], program: programWithRewards)
        #expect(gold.tier == "Gold")
        #expect(gold.rewards.available == ["coffee", "donation"])
        #expect(gold.rewards.next?.id == "tasting" && gold.rewards.next?.pointsToGo == 3000)
        // No catalog: nothing available, nothing next.
        let none = statement([row("2026-11-02", .earn, 500)])
        #expect(none.rewards.available.isEmpty && none.rewards.next == nil)
    }

    @Test func keepingTheTier() {
        // Silver (2,500) on 2026-11-30 from 1,500 earned 2026-01-10 and 1,000 on 2026-06-10: the
        // January points leave the window at the end of January 2027, so the tier holds through
        // 2026-12-31 and 1,000 more by 2027-01-31 keep it.
        let silver = statement([row("2026-01-10", .earn, 1500), row("2026-06-10", .earn, 1000)])
        #expect(silver.tier == "Silver")
        #expect(silver.keepTier == Statement.KeepTier(tier: "Silver", through: day("2026-12-31"), pointsNeeded: 1500,
                                                      by: day("2027-01-31"), fallsTo: "Bronze"))
        #expect(silver.keepTier?.changesOn == day("2027-02-01"))
        // Exactly at the threshold, with the points earned in the oldest month of the window: lost in
        // the first month after the period, so `through` is the period's end.
        let atThreshold = statement([row("2025-12-05", .earn, 2500)])
        #expect(atThreshold.tier == "Silver")
        #expect(atThreshold.keepTier?.through == day("2026-11-30"))
        #expect(atThreshold.keepTier?.by == day("2026-12-31"))
        #expect(atThreshold.keepTier?.pointsNeeded == 2500)
        // The top tier can be lost too; the lowest cannot.
        let top = statement([row("2026-11-01", .earn, 30_000)])
        #expect(top.tier == "Platinum")
        #expect(top.keepTier == Statement.KeepTier(tier: "Platinum", through: day("2027-10-31"), pointsNeeded: 25_000,
                                                   by: day("2027-11-30"), fallsTo: "Bronze"))
        // Gold (10,000) that drops below Silver too: it falls to the tier the points left reach.
        let gold = statement([row("2026-01-10", .earn, 9000), row("2026-06-10", .earn, 2000)])
        #expect(gold.tier == "Gold" && gold.keepTier?.fallsTo == "Bronze" && gold.keepTier?.pointsNeeded == 8000)
        let goldToSilver = statement([row("2026-01-10", .earn, 5000), row("2026-06-10", .earn, 6000)])
        #expect(goldToSilver.keepTier?.fallsTo == "Silver" && goldToSilver.keepTier?.by == day("2027-01-31"))
        let bronze = statement([row("2026-11-01", .earn, 100)])
        #expect(bronze.tier == "Bronze" && bronze.keepTier == nil)
        // Rows after the period's end do not count.
        let later = statement([row("2026-01-10", .earn, 2500), row("2026-12-10", .earn, 5000)])
        #expect(later.keepTier?.through == day("2026-12-31"))
    }

    @Test func aYearOfHistory() {
        // Joined ten months ago: the first two periods are zeros.
        let entries = [
            row("2026-01-15", .bonus, 200), row("2026-01-20", .earn, 800), row("2026-03-01", .redeem, -500),
            row("2026-11-30", .referral, 500), row("2026-11-30", .expire, -100), row("2026-12-01", .earn, 999),
        ]
        let result = statement(entries)
        #expect(result.history.count == 12)
        #expect(result.history.map(\.period.description).first == "2025-12")
        #expect(result.history.map(\.period.description).last == "2026-11")
        #expect(result.history[0] == Statement.HistoryMonth(period: Period("2025-12")!, closingBalance: 0))
        #expect(result.history[1] == Statement.HistoryMonth(period: Period("2026-01")!, earned: 1000, redeemed: 0, closingBalance: 1000))
        #expect(result.history[2].closingBalance == 1000)
        #expect(result.history[3] == Statement.HistoryMonth(period: Period("2026-03")!, earned: 0, redeemed: 500, closingBalance: 500))
        #expect(result.history[11] == Statement.HistoryMonth(period: Period("2026-11")!, earned: 500, redeemed: 0, expired: 100,
                                                             closingBalance: 900))
        #expect(result.history[11].closingBalance == result.closingBalance)
    }

    @Test func pointsByWhereTheyCameFrom() {
        var review = row("2026-11-03", .bonus, 50); review.source = "review"
        var gym = row("2026-05-20", .earn, 300); gym.source = "gym"
        var gymNow = row("2026-11-09", .earn, 100); gymNow.source = "gym"
        var old = row("2025-11-30", .earn, 999); old.source = "gym" // the window is (2025-11-30, 2026-11-30]
        let result = statement([
            row("2026-11-02", .earn, 100), review, gym, gymNow, old, row("2026-11-05", .referral, 500),
            row("2026-11-06", .bonus, 100), row("2026-11-07", .redeem, -200), row("2026-11-08", .adjust, 40),
            row("2026-10-01", .earn, 250), row("2026-12-01", .earn, 7),
        ])
        typealias P = Statement.SourcePoints
        // The period: biggest first, ties by id; redeem and adjust rows earn nothing.
        #expect(result.earnedBySource == [P(source: "referrals", points: 500), P(source: "bonuses", points: 100),
                                          P(source: "gym", points: 100), P(source: "purchases", points: 100),
                                          P(source: "review", points: 50)])
        #expect(result.earnedBySource12m == [P(source: "referrals", points: 500), P(source: "gym", points: 400),
                                             P(source: "purchases", points: 350), P(source: "bonuses", points: 100),
                                             P(source: "review", points: 50)])
        #expect(result.earnedBySource.reduce(0) { $0 + $1.points } == result.earned + result.bonus)
    }

    @Test func sourcesAreCheckedLikeTheRestOfTheProgram() throws {
        let base = """
            name: X
            base_url: https://x.example
            languages: [en, fa]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            partners: [{id: fit-gym, name: Fit Gym}]
            sources:

            """
        let good = try Program.parse(base + """
              - {id: review, name: {en: A review, fa: نقد}}
              - {id: gym-visit, name: Gym, partner: fit-gym}
            """, file: "p.yml")
        #expect(good.sources.map(\.id) == ["review", "gym-visit"] && good.sources[1].partner == "fit-gym")
        for bad in ["  - {id: Review, name: A}", "  - {id: purchases, name: A}", "  - {id: a, name: A}\n  - {id: a, name: B}",
                    "  - {id: a}", "  - {id: a, name: A, colour: red}", "  - {id: a, name: A, partner: Not An Id}"] {
            #expect(throws: Diagnostic.self, "\(bad)") { _ = try Program.parse(base + bad, file: "p.yml") }
        }
    }

    @Test func paidPlansAreCheckedLikeTheRestOfTheProgram() throws {
        let base = """
            name: X
            base_url: https://x.example
            languages: [en, fa]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}

            """
        let good = try Program.parse(base + """
            memberships:
              - {id: plus, name: {en: Saffron Plus, fa: زعفران پلاس}, benefits: "- Free delivery", fee: "9.99", billing: monthly}
            sources:
              - {id: plus-bonus, name: Plus bonus, plan: plus}
            """, file: "p.yml")
        #expect(good.memberships.first?.fee == Decimal(string: "9.99") && good.memberships.first?.billing == .monthly)
        for bad in ["memberships:\n  - {id: plus, name: P, fee: lots, billing: monthly}",
                    "memberships:\n  - {id: plus, name: P, fee: 5, billing: weekly}",
                    "memberships:\n  - {id: plus, name: P, fee: -5, billing: yearly}",
                    "memberships:\n  - {id: plus, name: P, billing: yearly}",
                    "sources:\n  - {id: s, name: S, plan: gold-club}"] {
            #expect(throws: Diagnostic.self, "\(bad)") { _ = try Program.parse(base + bad, file: "p.yml") }
        }
        // On a plan: from its start; a cancelled or lapsed plan through its renewal date.
        let day = { (text: String) in CalendarDate(iso: text)! }
        let cancelled = Membership(memberID: "M", plan: "plus", startedOn: day("2026-01-10"), renewsOn: day("2026-12-10"), status: .cancelled)
        #expect(!cancelled.isOn(day("2026-01-09")) && cancelled.isOn(day("2026-12-10")) && !cancelled.isOn(day("2026-12-11")))
        let active = Membership(memberID: "M", plan: "gold", startedOn: day("2026-06-01"), renewsOn: day("2026-07-01"), status: .active)
        #expect(active.isOn(day("2027-03-01")))
        #expect(Membership.current([cancelled, active], on: day("2026-11-30"))?.plan == "gold")
        #expect(Membership.current([cancelled, active], on: day("2026-03-01"))?.plan == "plus")
    }

    @Test func thePlanAMemberIsOnAndWhatItReturned() throws {
        var program = exampleProgram
        program.pointValue = 0.01
        program.expiry.warningDays = 30
        program.memberships = [MembershipPlan(id: "plus", name: "Plus", fee: Decimal(string: "4.99")!, billing: .monthly)]
        program.sources = [PointSource(id: "plus-bonus", name: "Plus bonus", plan: "plus")]
        var bonus = row("2026-06-01", .bonus, 100); bonus.source = "plus-bonus"
        var old = row("2025-10-01", .bonus, 100); old.source = "plus-bonus" // outside the 12 months
        let day = { (text: String) in CalendarDate(iso: text)! }
        let renewsSoon = Membership(memberID: "M1", plan: "plus", startedOn: day("2025-06-15"), renewsOn: day("2026-12-15"), status: .active)
        let s = Statement.compute(memberID: "M1", referralCode: "R", referredCount: 0,
                                  entries: [old, bonus, row("2026-11-03", .earn, 50)], program: program,
                                  period: Period("2026-11")!, memberships: [renewsSoon])
        let plan = try #require(s.membership)
        #expect(plan.plan == "plus" && plan.status == .active && plan.fee == Decimal(string: "4.99"))
        #expect(plan.points12m == 100 && plan.value12m == 1 && plan.renewsSoon)
        // Renewing after the warning window: not flagged. Lapsed before the period's end: no plan.
        var later = renewsSoon; later.renewsOn = day("2027-02-15")
        #expect(Statement.compute(memberID: "M1", referralCode: "R", referredCount: 0, entries: [], program: program,
                                  period: Period("2026-11")!, memberships: [later]).membership?.renewsSoon == false)
        var lapsed = renewsSoon; lapsed.status = .lapsed; lapsed.renewsOn = day("2026-10-15")
        #expect(Statement.compute(memberID: "M1", referralCode: "R", referredCount: 0, entries: [], program: program,
                                  period: Period("2026-11")!, memberships: [lapsed]).membership == nil)
        // A plan the program no longer declares is not shown; no point value, no value.
        program.pointValue = nil
        #expect(Statement.compute(memberID: "M1", referralCode: "R", referredCount: 0, entries: [bonus], program: program,
                                  period: Period("2026-11")!, memberships: [renewsSoon]).membership?.value12m == nil)
        program.memberships = []
        #expect(Statement.compute(memberID: "M1", referralCode: "R", referredCount: 0, entries: [], program: program,
                                  period: Period("2026-11")!, memberships: [renewsSoon]).membership == nil)
    }

    @Test func everyMonthOfTheYearAddsUp() {
        // Expiries and adjustments of both signs in the months shown, and rows before them.
        let entries = [
            row("2024-05-01", .earn, 3000), row("2025-06-01", .redeem, -400), row("2026-01-15", .adjust, -120),
            row("2026-02-10", .expire, -700), row("2026-03-03", .adjust, 55), row("2026-07-31", .earn, 10),
            row("2026-07-31", .expire, -2000), row("2026-09-09", .adjust, -900),
        ]
        let result = statement(entries)
        var previous = result.history[0].openingBalance
        #expect(previous == 2600)
        for month in result.history {
            #expect(previous + month.earned - month.redeemed - month.expired + month.adjusted == month.closingBalance,
                    "\(month.period)")
            #expect(month.openingBalance == previous)
            previous = month.closingBalance
        }
        #expect(result.history[1].adjusted == -120 && result.history[2].expired == 700 && result.history[3].adjusted == 55)
        #expect(result.history[7].expired == 2000 && result.history[9].adjusted == -900)
        #expect(previous == result.closingBalance)
    }

    @Test func theCatalogIsCheckedLikeTheRestOfTheProgram() throws {
        let base = """
            name: X
            base_url: https://x.example
            languages: [en]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}, {name: Gold, threshold: 100}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            rewards:

            """
        let good = try Program.parse(base + """
              - {id: b, name: B, points: 20}
              - {id: a, name: A, points: 20, kind: discount, tiers: [Gold]}
              - {id: meal, name: Meal, points: 10, kind: charity, description: To the kitchen}
            """, file: "p.yml")
        #expect(good.rewards.map(\.id) == ["meal", "a", "b"])
        for bad in ["  - {id: Bad_Id, name: A, points: 1}", "  - {id: a, name: A, points: 0}",
                    "  - {id: a, name: A, points: 1, kind: gift}", "  - {id: a, name: A, points: 1, tiers: [Silver]}",
                    "  - {id: a, name: A, points: 1, kind: charity}", "  - {id: a, name: A, points: 1, colour: red}",
                    "  - {id: a, name: A, points: 1}\n  - {id: a, name: B, points: 2}"] {
            do {
                _ = try Program.parse(base + bad, file: "p.yml")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.description.hasPrefix("p.yml:9:") || error.description.hasPrefix("p.yml:10:"), "\(error)")
            }
        }
    }
}

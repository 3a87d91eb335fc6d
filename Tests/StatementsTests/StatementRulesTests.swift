import Foundation
import Testing
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// The example program's rules: Bronze 0, Silver 2,500, Gold 10,000, Platinum 25,000;
/// points expire after 24 months, with a 90-day warning window.
let exampleProgram = Program(
    name: "Test Rewards", baseURL: "https://rewards.example/", languages: ["en-US"], currency: "USD",
    pointsName: "points",
    tiers: [
        .init(name: "Bronze", threshold: 0), .init(name: "Silver", threshold: 2500),
        .init(name: "Gold", threshold: 10000), .init(name: "Platinum", threshold: 25000),
    ],
    expiry: .init(months: 24, warningDays: 90),
    referral: .init(bonusPoints: 500, linkTemplate: "https://shop.example/join?ref={code}"))

/// A ledger row; its txn_id is made from its content unless given.
func row(_ day: String, _ kind: LedgerKind, _ points: Int, txn: String? = nil) -> LedgerEntry {
    LedgerEntry(txnID: txn ?? "T\(day)-\(kind.rawValue)-\(points)", postedOn: CalendarDate(iso: day)!,
                kind: kind, points: points)
}

func statement(_ entries: [LedgerEntry], period: String = "2026-11", referredCount: Int = 0,
               program: Program = exampleProgram) -> Statement {
    Statement.compute(memberID: "M1", referralCode: "ABCDEFGH", referredCount: referredCount,
                      entries: entries, program: program, period: Period(period)!)
}


@Suite struct PeriodFiguresTests {
    /// Points earned (earn, bonus, referral) from the first day of the period's calendar year to its
    /// end: December's rows and rows after the period do not count, nor do redemptions or adjustments.
    @Test func earnedThisYearCountsFromTheCalendarYearsFirstDay() throws {
        let entries = [
            row("2025-12-31", .earn, 100), row("2026-01-01", .earn, 50), row("2026-02-10", .bonus, 20),
            row("2026-03-05", .referral, 5), row("2026-03-06", .redeem, -10), row("2026-03-07", .adjust, 3),
            row("2026-04-01", .earn, 1000),
        ]
        #expect(statement(entries, period: "2026-03").earnedThisYear == 75)
        #expect(statement(entries, period: "2025-12").earnedThisYear == 100)
        #expect(statement([], period: "2026-03").earnedThisYear == 0)
        // On the Persian calendar the year starts on 1 Farvardin (2026-03-21).
        var program = exampleProgram
        program.calendar = BillingCalendar(BillingCalendar.Kind.persian)
        let farvardin = try #require(Period("1405-01", calendar: program.calendar))
        let persianYear = Statement.compute(
            memberID: "M", referralCode: "ABCDEFGH", referredCount: 0,
            entries: [row("2026-03-20", .earn, 100), row("2026-03-21", .earn, 7)], program: program, period: farvardin)
        #expect(persianYear.earnedThisYear == 7)
    }

    @Test func memberWithNoRows() {
        let s = statement([])
        #expect(s.openingBalance == 0 && s.closingBalance == 0)
        #expect(s.earned == 0 && s.bonus == 0 && s.redeemed == 0 && s.expired == 0 && s.adjusted == 0)
        #expect(s.qualifyingPoints == 0)
        #expect(s.tier == "Bronze" && s.nextTier == "Silver" && s.pointsToNextTier == 2500)
        #expect(s.expiring.isEmpty)
        #expect(s.period.start.description == "2026-11-01" && s.period.end.description == "2026-11-30")
    }

    @Test func rowsOnThePeriodsEdges() {
        let s = statement([
            row("2026-10-31", .earn, 100),  // the day before start: opening
            row("2026-11-01", .earn, 20),   // start: in the period
            row("2026-11-30", .bonus, 3),   // end: in the period
            row("2026-12-01", .earn, 4000), // after end: ignored
        ])
        #expect(s.openingBalance == 100)
        #expect(s.earned == 20 && s.bonus == 3)
        #expect(s.closingBalance == 123)
        #expect(s.qualifyingPoints == 120)
    }

    @Test func everyKindLandsInItsFigure() {
        let s = statement([
            row("2026-01-10", .earn, 5000),
            row("2026-11-02", .earn, 300),
            row("2026-11-03", .bonus, 200),
            row("2026-11-04", .referral, 500),
            row("2026-11-05", .redeem, -1000),
            row("2026-11-06", .expire, -40),
            row("2026-11-07", .adjust, 25),
            row("2026-11-08", .adjust, -10),
        ])
        #expect(s.openingBalance == 5000)
        #expect(s.earned == 300)
        #expect(s.bonus == 700)       // bonus and referral together
        #expect(s.redeemed == 1000)   // shown as a positive figure
        #expect(s.expired == 40)
        #expect(s.adjusted == 15)     // signed
        #expect(s.closingBalance == 5000 + 300 + 700 - 1000 - 40 + 15)
        #expect(s.addsUp)
        #expect(s.referral.pointsEarned == 500)
    }

    @Test func memberWhoJoinedAfterThePeriod() {
        let s = statement([row("2026-12-15", .bonus, 200), row("2026-12-20", .earn, 900)])
        #expect(s.closingBalance == 0 && s.openingBalance == 0 && s.bonus == 0 && s.earned == 0)
        #expect(s.qualifyingPoints == 0 && s.tier == "Bronze")
        #expect(s.referral.pointsEarned == 0)
    }

    @Test func rowsInAnyOrderGiveTheSameStatement() {
        let rows = [row("2024-11-15", .earn, 700), row("2025-01-02", .redeem, -500),
                    row("2026-11-10", .earn, 90), row("2025-06-01", .earn, 40)]
        #expect(statement(rows) == statement(rows.reversed()))
    }
}

@Suite struct TierTests {
    @Test func qualifyingWindowIsTheTwelveMonthsUpToTheEnd() {
        let s = statement([
            row("2025-11-30", .earn, 1000), // exactly end − 12 months: outside
            row("2025-12-01", .earn, 2),    // the day after: inside
            row("2026-11-30", .earn, 30),   // the end: inside
            row("2026-05-01", .bonus, 5000) // bonus points never qualify
        ])
        #expect(s.qualifyingPoints == 32)
    }

    @Test func qualifyingWindowAcrossALeapDay() {
        // 2025-02-28 − 12 months is 2024-02-28, so a row on 2024-02-29 falls inside the window.
        let s = statement([row("2024-02-28", .earn, 1), row("2024-02-29", .earn, 10)], period: "2025-02")
        #expect(s.qualifyingPoints == 10)
    }

    @Test(arguments: [
        (2499, "Bronze", "Silver", 1), (2500, "Silver", "Gold", 7500), (9999, "Silver", "Gold", 1),
        (10000, "Gold", "Platinum", 15000), (24999, "Gold", "Platinum", 1),
    ])
    func exactThresholds(points: Int, tier: String, next: String, toNext: Int) {
        let s = statement([row("2026-06-01", .earn, points)])
        #expect(s.tier == tier)
        #expect(s.nextTier == next)
        #expect(s.pointsToNextTier == toNext)
    }

    @Test func topTierHasNoNextTier() {
        for points in [25000, 80000] {
            let s = statement([row("2026-06-01", .earn, points)])
            #expect(s.tier == "Platinum")
            #expect(s.nextTier == nil)
            #expect(s.pointsToNextTier == nil)
        }
    }

    @Test func noTierBelowTheLowestThreshold() {
        var program = exampleProgram
        program.tiers = [.init(name: "Member", threshold: 100), .init(name: "VIP", threshold: 1000)]
        let s = statement([row("2026-06-01", .earn, 40)], program: program)
        #expect(s.tier == nil)
        #expect(s.nextTier == "Member")
        #expect(s.pointsToNextTier == 60)
    }
}

@Suite struct ExpiryTests {
    @Test func lotsExpireAtTheEndOfTheMonthTwentyFourMonthsOn() {
        #expect(LedgerEntry.expiryDate(postedOn: CalendarDate(iso: "2024-11-15")!, months: 24).description == "2026-11-30")
        #expect(LedgerEntry.expiryDate(postedOn: CalendarDate(iso: "2024-02-29")!, months: 24).description == "2026-02-28")
        #expect(LedgerEntry.expiryDate(postedOn: CalendarDate(iso: "2024-01-31")!, months: 24).description == "2026-01-31")
    }

    @Test func warningWindowIsAfterTheEndUpToNinetyDays() {
        // Period 2026-10 ends 2026-10-31; the window is (2026-10-31, 2027-01-29].
        let s = statement([
            row("2024-10-05", .earn, 1),    // expires 2026-10-31 = end: not in the window
            row("2024-11-15", .earn, 20),   // expires 2026-11-30
            row("2024-11-20", .earn, 300),  // expires 2026-11-30 too: summed
            row("2024-12-01", .earn, 4000), // expires 2026-12-31
            row("2025-01-10", .earn, 50000) // expires 2027-01-31, after 2027-01-29: not yet
        ], period: "2026-10")
        #expect(s.expiring.map(\.points) == [320, 4000])
        #expect(s.expiring.map(\.on.description) == ["2026-11-30", "2026-12-31"])
    }

    @Test func ninetiethDayIsInsideTheWindow() {
        // Period 2026-11 ends 2026-11-30; +90 days is 2027-02-28, when lots from 2025-02 expire.
        let s = statement([row("2025-02-10", .earn, 77), row("2025-03-01", .earn, 5)])
        #expect(s.expiring.map(\.points) == [77])
        #expect(s.expiring.first?.on.description == "2027-02-28")
    }

    @Test func redemptionLargerThanTheOldestLotUsesTheNextOnes() {
        let s = statement([
            row("2024-11-01", .earn, 100),  // oldest: fully used
            row("2024-12-01", .earn, 300),  // 150 of it used
            row("2025-06-01", .redeem, -250),
        ])
        #expect(s.expiring.map(\.points) == [150])
        #expect(s.expiring.first?.on.description == "2026-12-31")
        #expect(s.closingBalance == 150)
    }

    @Test func expiredAndNegativeAdjustRowsUseUpLotsToo() {
        let s = statement([
            row("2024-11-01", .earn, 100),
            row("2024-12-01", .earn, 100),
            row("2025-01-05", .earn, 100),
            row("2025-02-01", .expire, -60),
            row("2025-03-01", .adjust, -90),
            row("2025-04-01", .adjust, 500), // a positive adjustment is a lot of its own
        ])
        // 150 used from the oldest: 2024-11 lot gone, 2024-12 lot has 50 left.
        #expect(s.expiring.map(\.points) == [50, 100])
        #expect(s.expiring.map(\.on.description) == ["2026-12-31", "2027-01-31"])
    }

    @Test func sameDayRowsApplyInTxnIDOrder() {
        // On 2025-01-10 the redemption (T2) comes before the earn (T3), so it uses the older lot.
        let s = statement([
            row("2024-12-01", .earn, 100, txn: "T1"),
            row("2025-01-10", .earn, 100, txn: "T3"),
            row("2025-01-10", .redeem, -100, txn: "T2"),
        ])
        #expect(s.expiring.map(\.on.description) == ["2027-01-31"])
        let swapped = statement([
            row("2024-12-01", .earn, 100, txn: "T1"),
            row("2025-01-10", .earn, 100, txn: "T2"),
            row("2025-01-10", .redeem, -100, txn: "T3"),
        ])
        #expect(swapped.expiring.map(\.on.description) == ["2027-01-31"])
        #expect(swapped.expiring.map(\.points) == [100])
    }

    @Test func negativeBalanceIsRepaidByLaterLotsFirst() {
        let s = statement([
            row("2024-11-01", .earn, 100),
            row("2024-11-02", .adjust, -150), // 50 more than there is
            row("2024-12-01", .earn, 80),     // 50 repay the debt, 30 remain
        ])
        #expect(s.closingBalance == 30)
        #expect(s.expiring.map(\.points) == [30])
        #expect(s.expiring.first?.on.description == "2026-12-31")
    }

    @Test func rowsAfterTheEndDoNotUseUpLots() {
        let s = statement([row("2024-12-01", .earn, 100), row("2026-12-05", .redeem, -100)])
        #expect(s.expiring.map(\.points) == [100])
    }
}

@Suite struct ReferralTests {
    @Test func referralSummary() {
        let s = statement([row("2026-03-01", .referral, 500), row("2026-11-20", .referral, 500),
                           row("2026-12-02", .referral, 500)], referredCount: 2)
        #expect(s.referral.code == "ABCDEFGH")
        #expect(s.referral.link == "https://shop.example/join?ref=ABCDEFGH")
        #expect(s.referral.referredCount == 2)
        #expect(s.referral.pointsEarned == 1000)
    }
}

import Foundation
import Testing
import PunchcardCalendars
import PunchcardReport
import PunchcardStatements
import PunchcardSupport

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

private func program(activeMonths: Int = 6, pointValue: Double? = 0.01) throws -> Program {
    var program = try Program.parse("""
        name: Test
        base_url: https://x.example
        languages: [en]
        currency: USD
        tiers: [{name: Bronze, threshold: 0}, {name: Silver, threshold: 100}, {name: Gold, threshold: 1000}]
        expiry: {months: 24}
        referral: {link: "https://x.example/{code}"}
        report: {active_months: \(activeMonths)}
        """, file: "program.yml")
    program.pointValue = pointValue
    return program
}

private struct R {
    var day: String, kind: LedgerKind, points: Int, amount: String?
    init(_ day: String, _ kind: LedgerKind, _ points: Int, _ amount: String? = nil) {
        self.day = day; self.kind = kind; self.points = points; self.amount = amount
    }
}

private struct Someone {
    var joined: String
    var referredBy: String? = nil
    var rows: [R] = []
    var answers: [(String, Int)] = []
}

private func report(_ people: [Someone], period: String = "2026-10", program: Program? = nil) throws -> Report {
    let program = try program ?? PunchcardReportTestsProgram.standard()
    var accumulator = ReportAccumulator(program: program, period: Period(period)!)
    for (index, person) in people.enumerated() {
        let entries = person.rows.enumerated().map { n, row in
            LedgerEntry(txnID: "T\(index)-\(n)", postedOn: day(row.day), kind: row.kind, points: row.points, amount: row.amount)
        }.sorted(by: LedgerEntry.precedes)
        let answers = person.answers.map { SurveyAnswer(memberID: "M\(index)", answeredOn: day($0.0), score: $0.1) }
        accumulator.add(joinedOn: day(person.joined), referredBy: person.referredBy, entries: entries, surveys: answers)
    }
    return accumulator.report()
}

private enum PunchcardReportTestsProgram {
    static func standard() throws -> Program { try program() }
}

@Suite struct ReportFiguresTests {
    @Test func retentionFollowsTheTradeFormula() throws {
        // 100 active at the start, 20 new, 10 lost: CRR = (E − N) / S × 100 = (110 − 20) / 100 = 90 %.
        var people: [Someone] = []
        for _ in 0..<90 { people.append(Someone(joined: "2025-01-01", rows: [R("2026-09-10", .earn, 10), R("2026-10-10", .earn, 10)])) }
        for _ in 0..<10 { people.append(Someone(joined: "2025-01-01", rows: [R("2026-04-10", .earn, 10)])) } // lapses in October
        for _ in 0..<20 { people.append(Someone(joined: "2026-10-05", rows: [R("2026-10-06", .earn, 10)])) }
        let r = try report(people)
        #expect(r.members.activeStart == 100)
        #expect(r.members.activeEnd == 110)
        #expect(r.members.new == 20)
        #expect(r.members.lost == 10)
        #expect(r.members.returning == 0)
        #expect(r.crr == Decimal(string: "90"))
        #expect(r.churnRate == Decimal(string: "10"))
    }

    @Test func noActiveMembersAtTheStartMeansNoRates() throws {
        let r = try report([Someone(joined: "2026-10-01", rows: [R("2026-10-02", .earn, 5)])])
        #expect(r.members.activeStart == 0)
        #expect(r.crr == nil && r.churnRate == nil)
        #expect(r.members.new == 1 && r.members.total == 1)
    }

    @Test func aMemberWhoJoinsAndGoesQuietInTheSamePeriodIsNeitherNewNorLost() throws {
        // Joined in October without earning: not active at the end, so not new; not active before: not lost.
        let r = try report([Someone(joined: "2026-10-03", rows: [R("2026-10-04", .bonus, 50)])])
        #expect(r.members.new == 0 && r.members.lost == 0 && r.members.activeEnd == 0)
        #expect(r.members.total == 1)
        #expect(r.points.issued == 50 && r.points.outstanding == 50)
    }

    @Test func theActivityWindowExcludesItsFirstDay() throws {
        // Active at 2026-10-31 with k = 6: an earn row in (2026-04-30, 2026-10-31].
        let onExcludedDay = try report([Someone(joined: "2025-01-01", rows: [R("2026-04-30", .earn, 10)])])
        #expect(onExcludedDay.members.activeEnd == 0)
        let dayAfter = try report([Someone(joined: "2025-01-01", rows: [R("2026-05-01", .earn, 10)])])
        #expect(dayAfter.members.activeEnd == 1)
        // At the start (2026-09-30) the window is (2026-03-30, 2026-09-30].
        let start = try report([Someone(joined: "2025-01-01", rows: [R("2026-03-30", .earn, 10)])])
        #expect(start.members.activeStart == 0)
        let startInside = try report([Someone(joined: "2025-01-01", rows: [R("2026-03-31", .earn, 10)])])
        #expect(startInside.members.activeStart == 1 && startInside.members.lost == 1)
    }

    @Test func pointsLiabilityAndRates() throws {
        let r = try report([
            Someone(joined: "2025-01-01", rows: [
                R("2025-10-31", .earn, 1000), // outside the 12 months (the window starts after 2025-10-31)
                R("2025-11-01", .earn, 400), R("2026-10-02", .earn, 100), R("2026-10-03", .bonus, 20),
                R("2026-10-04", .referral, 30), R("2026-10-05", .redeem, -200), R("2026-10-06", .expire, -50),
                R("2026-10-07", .adjust, -5),
            ]),
            Someone(joined: "2025-01-01", rows: [R("2026-01-01", .earn, 10), R("2026-02-01", .redeem, -40)]), // a debt: not a liability
            Someone(joined: "2026-11-02", rows: [R("2026-11-03", .earn, 999)]), // joined after the end
        ])
        #expect(r.points.issued == 150 && r.points.redeemed == 200 && r.points.expired == 50 && r.points.adjusted == -5)
        #expect(r.points.outstanding == 1000 + 400 + 100 + 20 + 30 - 200 - 50 - 5)
        #expect(r.liability == Decimal(string: "12.95"))
        #expect(r.members.total == 2)
        // 12 months: issued 400 + 150 + 10 = 560; redeemed 240; expired 50.
        #expect(r.redemptionRate12m == Decimal(string: "42.9")) // 42.857…
        #expect(r.breakageRate12m == Decimal(string: "8.9")) // 8.928…
        #expect(r.referrals.points == 30)
    }

    @Test func roundingIsHalfAwayFromZeroFromUnroundedValues() {
        #expect(Rounding.percent(1, of: 8) == Decimal(string: "12.5"))
        #expect(Rounding.percent(1, of: 16) == Decimal(string: "6.3")) // 6.25
        #expect(Rounding.percent(-1, of: 16) == Decimal(string: "-6.3"))
        #expect(Rounding.percent(2, of: 3) == Decimal(string: "66.7"))
        #expect(Rounding.rounded(Decimal(string: "0.125")!, places: 2) == Decimal(string: "0.13"))
        #expect(Rounding.percent(1, of: 0) == nil)
    }

    @Test func exactSumsOfAmounts() {
        var sum = ExactSum()
        for text in ["0.1", "0.2", "12.50", "-3", "+1.005", "99999999999999999999.99"] { sum.add(text) }
        #expect(sum.total == Decimal(string: "99999999999999999999.99")! + Decimal(string: "10.805")!)
    }

    @Test func tiersAndTheirMoves() throws {
        let r = try report([
            Someone(joined: "2025-01-01", rows: [R("2026-10-02", .earn, 150)]), // Bronze → Silver
            Someone(joined: "2025-01-01", rows: [R("2025-10-15", .earn, 1500)]), // Gold in September, Bronze now
            Someone(joined: "2025-01-01", rows: [R("2026-05-01", .earn, 150)]), // Silver both times: equal tiers, no move
            Someone(joined: "2026-10-20", rows: [R("2026-10-21", .earn, 2000)]), // joined this period: no move counted
        ])
        #expect(r.tiers.map(\.tier) == ["Bronze", "Silver", "Gold"])
        #expect(r.tiers.map(\.members) == [1, 2, 1])
        #expect(r.tierMoves == [
            Report.TierMove(from: "Bronze", to: "Silver", members: 1),
            Report.TierMove(from: "Gold", to: "Bronze", members: 1),
        ])
        #expect(r.upgrades == 1 && r.downgrades == 1)
    }

    @Test func lifetimeValueAndItsFactors() throws {
        let r = try report([
            Someone(joined: "2024-10-31", rows: [R("2026-10-01", .earn, 10, "10.00"), R("2026-09-01", .earn, 10, "20.00")]),
            Someone(joined: "2025-10-31", rows: [R("2026-08-01", .earn, 10, "30.00"), R("2026-10-02", .earn, 5, nil)]),
        ])
        let clv = try #require(r.clv)
        #expect(clv.avgPurchase == Decimal(string: "20")) // 60 / 3
        #expect(clv.frequency == Decimal(string: "1.5")) // 3 rows / 2 members
        // Both active at the end; 730 and 365 days: mean 547.5 / 365.25 = 1.4989…
        #expect(clv.lifespanYears == Decimal(string: "1.5"))
        #expect(clv.value == Decimal(string: "44.97")) // 20 × 1.5 × 1.49897… = 44.969…
        let none = try report([Someone(joined: "2025-01-01", rows: [R("2026-10-01", .earn, 10)])])
        #expect(none.clv == nil)
    }

    @Test func npsUsesEachMembersLatestAnswerInTheYear() throws {
        let r = try report([
            Someone(joined: "2025-01-01", answers: [("2026-01-01", 3), ("2026-10-31", 10)]), // latest: promoter
            Someone(joined: "2025-01-01", answers: [("2025-10-31", 10)]), // on the window's excluded first day
            Someone(joined: "2025-01-01", answers: [("2025-11-01", 8)]), // on its first included day: passive
            Someone(joined: "2025-01-01", answers: [("2026-05-05", 0)]), // detractor
            Someone(joined: "2025-01-01", answers: [("2026-11-01", 10)]), // after the period
        ])
        let nps = try #require(r.nps)
        #expect(nps.responses == 3 && nps.promoters == 1 && nps.passives == 1 && nps.detractors == 1)
        #expect(nps.score == 0)
        #expect(try report([Someone(joined: "2025-01-01")]).nps == nil)
    }

    @Test func referralsAndTheTrend() throws {
        let r = try report([
            Someone(joined: "2026-10-05", referredBy: "M9", rows: [R("2026-10-06", .earn, 10)]),
            Someone(joined: "2026-09-05", referredBy: "M9", rows: [R("2026-09-06", .earn, 10)]),
            Someone(joined: "2026-10-07", referredBy: "", rows: []),
        ])
        #expect(r.referrals.newMembers == 1)
        #expect(r.trend.count == 12)
        #expect(r.trend.first?.period.description == "2025-11" && r.trend.last?.period.description == "2026-10")
        #expect(r.trend[10].members.new == 1 && r.trend[11].members.activeStart == 1)
        #expect(r.trend[0].members.total == 0 && r.trend[0].crr == nil)
    }

    /// The settlement table: points issued and redeemed through each partner's sources, in the
    /// period and over 12 months, with their value at the point value.
    @Test func pointsThroughEachPartner() throws {
        var program = try PunchcardReportTestsProgram.standard()
        program.pointValue = 0.01
        program.partners = [Partner(id: "gym", name: "Gym"), Partner(id: "books", name: "Books")]
        program.sources = [PointSource(id: "gym-visit", name: "Gym visit", partner: "gym"),
                           PointSource(id: "gym-class", name: "Gym class", partner: "gym"),
                           PointSource(id: "review", name: "Review")]
        var accumulator = ReportAccumulator(program: program, period: Period("2026-10")!)
        func row(_ day: String, _ kind: LedgerKind, _ points: Int, _ source: String?) -> LedgerEntry {
            LedgerEntry(txnID: day + "\(points)", postedOn: CalendarDate(iso: day)!, kind: kind, points: points, source: source)
        }
        accumulator.add(joinedOn: CalendarDate(iso: "2025-01-01")!, referredBy: nil, entries: [
            row("2025-10-31", .earn, 999, "gym-visit"),   // before the 12 months
            row("2026-03-05", .earn, 80, "gym-visit"),
            row("2026-10-05", .earn, 80, "gym-visit"),
            row("2026-10-06", .bonus, 40, "gym-class"),
            row("2026-10-07", .redeem, -300, "gym-class"),
            row("2026-10-08", .bonus, 50, "review"),      // a source of no partner
            row("2026-10-09", .earn, 100, nil),
            row("2026-11-01", .earn, 80, "gym-visit"),    // after the period
        ], surveys: [])
        let partners = accumulator.report().partners
        #expect(partners.map(\.partner) == ["gym", "books"])
        let gym = try #require(partners.first)
        #expect(gym.issued == 120 && gym.issued12m == 200 && gym.redeemed == 300 && gym.redeemed12m == 300)
        #expect(gym.issuedValue == Decimal(string: "1.2") && gym.redeemedValue12m == 3)
        #expect(partners[1].issued == 0 && partners[1].issuedValue == 0)
        program.pointValue = nil
        #expect(ReportAccumulator(program: program, period: Period("2026-10")!).report().partners.first?.issuedValue == nil)
    }

    /// Paid plans: members on each at the end, starts, ends by cancelling or lapsing, renewals and
    /// the fees charged in the period, and retention and lifetime value on a plan beside none.
    @Test func paidPlansPerPlanAndOnAPlanBesideNone() throws {
        var program = try PunchcardReportTestsProgram.standard()
        program.memberships = [MembershipPlan(id: "plus", name: "Plus", fee: Decimal(string: "4.99")!, billing: .monthly),
                               MembershipPlan(id: "club", name: "Club", fee: 60, billing: .yearly)]
        var accumulator = ReportAccumulator(program: program, period: Period("2026-10")!)
        func place(_ id: String, _ plan: String, _ started: String, _ renews: String, _ status: Membership.Status) -> Membership {
            Membership(memberID: id, plan: plan, startedOn: CalendarDate(iso: started)!, renewsOn: CalendarDate(iso: renews)!, status: status)
        }
        func earn(_ day: String, _ amount: String) -> LedgerEntry {
            LedgerEntry(txnID: day + amount, postedOn: CalendarDate(iso: day)!, kind: .earn, points: 10, amount: amount)
        }
        let joined = CalendarDate(iso: "2025-01-01")!
        // Renewed on Oct 31 (started Jan 31, clamped through February): one renewal, one fee.
        accumulator.add(joinedOn: joined, referredBy: nil, entries: [earn("2026-09-01", "30.00"), earn("2026-10-02", "10.00")],
                        surveys: [], memberships: [place("A", "plus", "2026-01-31", "2026-11-30", .active)])
        // Started in October (a fee), and cancelled: runs through November.
        accumulator.add(joinedOn: joined, referredBy: nil, entries: [earn("2026-10-03", "20.00")],
                        surveys: [], memberships: [place("B", "plus", "2026-10-10", "2026-11-10", .cancelled)])
        // Lapsed on Oct 5: no renewal that day, and off the plan at the end.
        accumulator.add(joinedOn: joined, referredBy: nil, entries: [earn("2026-08-01", "5.00")],
                        surveys: [], memberships: [place("C", "plus", "2026-06-05", "2026-10-05", .lapsed)])
        // A yearly plan renewed in March: no fee in October. A plan the program no longer has: ignored.
        accumulator.add(joinedOn: joined, referredBy: nil, entries: [earn("2026-10-04", "100.00")],
                        surveys: [], memberships: [place("D", "club", "2025-03-01", "2027-03-01", .active),
                                                   place("D", "gone", "2026-10-01", "2026-12-01", .active)])
        // On no plan.
        accumulator.add(joinedOn: joined, referredBy: nil, entries: [earn("2026-10-05", "7.50")], surveys: [])
        let figures = try #require(accumulator.report().memberships)
        let plus = figures.plans[0], club = figures.plans[1]
        #expect(plus.plan == "plus" && plus.members == 2 && plus.new == 1 && plus.cancelled == 0 && plus.lapsed == 1)
        #expect(plus.renewalRate == 50) // A renewed, C lapsed
        #expect(plus.feeRevenue == Decimal(string: "9.98")) // A's renewal and B's start
        #expect(club.members == 1 && club.new == 0 && club.feeRevenue == 0 && club.renewalRate == nil)
        // A, B and D are on a plan at the end; C (lapsed) and E are not.
        #expect(figures.onPlan.members == 3 && figures.noPlan.members == 2)
        #expect(figures.onPlan.activeEnd == 3 && figures.noPlan.activeEnd == 2)
        // CLV over A, B and D: 160.00 over 4 rows from 3 buyers.
        #expect(figures.onPlan.clv?.avgPurchase == 40 && figures.onPlan.clv?.frequency == Decimal(string: "1.33"))
        #expect(figures.noPlan.clv?.avgPurchase == Decimal(string: "6.25"))
    }

    @Test func planChargesFollowTheCycleAndStopWhenAPlaceEnds() {
        let calendar = BillingCalendar.gregorian
        func charges(_ started: String, _ renews: String, _ status: Membership.Status, cycle: Int = 1,
                     in period: String = "2026-10") -> (Int, Int) {
            let place = Membership(memberID: "M", plan: "p", startedOn: CalendarDate(iso: started)!,
                                   renewsOn: CalendarDate(iso: renews)!, status: status)
            let span = Period(period)!
            let found = ReportRules.planCharges(place, cycleMonths: cycle, calendar: calendar, start: span.start, end: span.end)
            return (found.charges, found.renewals)
        }
        #expect(charges("2026-10-15", "2026-11-15", .active) == (1, 0))      // started
        #expect(charges("2020-01-31", "2026-11-30", .active) == (1, 1))      // renewed on the 31st
        #expect(charges("2026-09-30", "2026-10-30", .cancelled) == (0, 0))   // ends on the day it would renew
        #expect(charges("2026-09-30", "2026-11-30", .cancelled) == (1, 1))   // renewed, then cancelled
        #expect(charges("2025-10-20", "2026-10-20", .active, cycle: 12) == (1, 1))
        #expect(charges("2026-11-01", "2026-12-01", .active) == (0, 0))      // not yet started
        #expect(charges("0001-01-01", "9999-12-31", .active, in: "9999-12") == (1, 1))
    }

    @Test func theReportJSONHasTheContractsKeys() throws {
        let r = try report([Someone(joined: "2025-01-01", rows: [R("2026-10-02", .earn, 10, "5.50")], answers: [("2026-10-03", 9)])])
        let object = try #require(try JSONSerialization.jsonObject(with: r.json()) as? [String: Any])
        #expect(Set(object.keys) == ["period", "start", "end", "members", "crr", "churn_rate", "points", "liability",
                                     "redemption_rate_12m", "breakage_rate_12m", "tiers", "tier_moves", "upgrades",
                                     "downgrades", "referrals", "clv", "nps", "trend", "partners", "memberships"])
        #expect(object["memberships"] is NSNull) // a program without paid plans
        #expect(object["period"] as? String == "2026-10")
        #expect((object["tiers"] as? [String: Any])?.keys.sorted() == ["Bronze", "Gold", "Silver"])
        #expect(object["crr"] is NSNull)
        let trend = try #require(object["trend"] as? [[String: Any]])
        #expect(trend.count == 12)
        #expect(Set(trend[0].keys) == ["period", "members", "crr", "churn_rate", "points", "outstanding", "liability", "nps"])
    }
}

@Suite struct ReportPageTests {
    private func persianProgram() throws -> Program {
        try Program.parse("""
            name: {fa-IR: "باشگاه <آزمایشی>", en-US: Test}
            base_url: https://x.example
            languages: [fa-IR, en-US]
            calendar: persian
            currency: IRR
            tiers: [{name: Bronze, threshold: 0}, {name: "Gold & Co", threshold: 100}]
            expiry: {months: 24}
            referral: {link: "https://x.example/{code}"}
            """, file: "program.yml")
    }

    @Test func aPersianProgramsReportIsPersianRightToLeftAndSelfContained() throws {
        let program = try persianProgram()
        var accumulator = ReportAccumulator(program: program, period: Period("1405-08", calendar: program.calendar)!)
        accumulator.add(joinedOn: CalendarDate(iso: "2025-01-01")!, referredBy: nil, entries: [
            LedgerEntry(txnID: "T1", postedOn: CalendarDate(iso: "2026-10-25")!, kind: .earn, points: 1234, amount: "50000"),
        ], surveys: [SurveyAnswer(memberID: "M1", answeredOn: CalendarDate(iso: "2026-11-01")!, score: 10)])
        let html = try ReportFiles.html(accumulator.report(), program: program, siteRoot: ReportThemeTests.repository)
        #expect(html.contains("<html lang=\"fa-IR\" dir=\"rtl\">"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("گزارش باشگاه"))
        #expect(html.contains("آبان ۱۴۰۵")) // the Persian calendar's month, in Persian digits
        #expect(html.contains("۱٬۲۳۴") || html.contains("۱٫۲۳۴") || html.contains("۱’۲۳۴"))
        // Values from the program are escaped.
        #expect(html.contains("باشگاه &lt;آزمایشی&gt;") && !html.contains("<آزمایشی>"))
        #expect(html.contains("Gold &amp; Co"))
        // Charts carry a text alternative and are mirrored: the current month sits at the left.
        #expect(html.contains("role=\"img\" aria-labelledby=\"chart-members-title\""))
        let months = try #require(html.range(of: "<g class=\"months\""))
        let labels = html[months.upperBound...].prefix(600)
        let firstX = try #require(labels.range(of: "x=\""))
        #expect(Double(labels[firstX.upperBound...].prefix { $0 != "\"" }) ?? 0 > 180) // the oldest month, on the right (of 360)
    }
}

@Suite struct ReportRulesTests {
    @Test func activeMeansJoinedAndAnEarnRowInTheWindow() {
        let earns = [day("2026-04-30"), day("2026-09-15")]
        // (2026-04-30, 2026-10-31]: the row on the excluded first day does not count, September's does.
        #expect(ReportRules.isActive(joinedOn: day("2025-01-01"), earnDays: earns, on: day("2026-10-31"), activeAfter: day("2026-04-30")))
        #expect(!ReportRules.isActive(joinedOn: day("2025-01-01"), earnDays: [day("2026-04-30")], on: day("2026-10-31"), activeAfter: day("2026-04-30")))
        #expect(ReportRules.isActive(joinedOn: day("2025-01-01"), earnDays: [day("2026-10-31")], on: day("2026-10-31"), activeAfter: day("2026-04-30")))
        // A row after the day does not count; nor does a member who joins after it.
        #expect(!ReportRules.isActive(joinedOn: day("2025-01-01"), earnDays: [day("2026-11-01")], on: day("2026-10-31"), activeAfter: day("2026-04-30")))
        #expect(!ReportRules.isActive(joinedOn: day("2026-11-01"), earnDays: earns, on: day("2026-10-31"), activeAfter: day("2026-04-30")))
        #expect(!ReportRules.isActive(joinedOn: day("2025-01-01"), earnDays: [], on: day("2026-10-31"), activeAfter: day("2026-04-30")))
    }

    @Test func ratesAndScores() {
        #expect(ReportRules.retentionRate(activeStart: 100, activeEnd: 110, new: 20) == 90)
        #expect(ReportRules.retentionRate(activeStart: 0, activeEnd: 5, new: 5) == nil)
        #expect(ReportRules.churnRate(lost: 10, activeStart: 100) == 10)
        #expect(ReportRules.churnRate(lost: 0, activeStart: 0) == nil)
        #expect(ReportRules.netPromoterScore(promoters: 5, detractors: 2, responses: 10) == 30)
        #expect(ReportRules.netPromoterScore(promoters: 0, detractors: 3, responses: 3) == -100)
        #expect(ReportRules.netPromoterScore(promoters: 0, detractors: 0, responses: 0) == nil)
    }

    @Test func latestAnswerOnTheWindowsEdges() {
        let answers = [SurveyAnswer(memberID: "M", answeredOn: day("2025-10-31"), score: 0),
                       SurveyAnswer(memberID: "M", answeredOn: day("2026-10-31"), score: 9),
                       SurveyAnswer(memberID: "M", answeredOn: day("2026-11-01"), score: 1)]
        #expect(ReportRules.latestAnswer(answers, after: day("2025-10-31"), through: day("2026-10-31"))?.score == 9)
        #expect(ReportRules.latestAnswer(Array(answers.prefix(1)), after: day("2025-10-31"), through: day("2026-10-31")) == nil)
    }

    @Test func lifetimeValueFromItsSums() {
        #expect(ReportRules.lifetimeValue(amountSum: 0, rows: 0, buyers: 0, lifespanDays: 100, activeMembers: 1) == nil)
        let noActive = ReportRules.lifetimeValue(amountSum: 30, rows: 3, buyers: 1, lifespanDays: 0, activeMembers: 0)
        #expect(noActive?.avgPurchase == 10 && noActive?.frequency == 3 && noActive?.lifespanYears == nil && noActive?.value == nil)
        // One year exactly: 365.25 days as 1461 / 4.
        let year = ReportRules.lifetimeValue(amountSum: 60, rows: 4, buyers: 2, lifespanDays: 1461, activeMembers: 4)
        #expect(year?.lifespanYears == Decimal(string: "1")) // 1461 / 4 / 365.25
        #expect(year?.value == Decimal(string: "30")) // 15 × 2 × 1
    }
}

@Suite struct ReportProvisionalTests {
    @Test func aMonthThatHasNotEndedIsMarkedProvisional() throws {
        let program = try ReportThemeTests.program(named: "Test")
        let report = ReportAccumulator(program: program, period: Period("2026-11")!).report()
        let root = ReportThemeTests.repository
        let during = try ReportFiles.html(report, program: program, siteRoot: root, today: CalendarDate(iso: "2026-11-29")!)
        #expect(during.contains("class=\"notice\"") && during.contains("has not ended"))
        let after = try ReportFiles.html(report, program: program, siteRoot: root, today: CalendarDate(iso: "2026-12-01")!)
        #expect(!after.contains("class=\"notice\""))
    }
}

import Foundation
import Testing
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite struct BillingCalendarTests {
    let persian = BillingCalendar(.persian)
    let hijri = BillingCalendar(.islamicUmmAlQura)

    @Test func persianPeriodsAreSolarHijriMonths() throws {
        let aban = try #require(Period("1405-08", calendar: persian))
        #expect(aban.start == day("2026-10-23"))
        #expect(aban.end == day("2026-11-21"))
        #expect(aban.description == "1405-08")
        #expect(aban.next.description == "1405-09")
        #expect(aban.previous.description == "1405-07")
        // Farvardin 1405 starts at Nowruz.
        #expect(Period("1405-01", calendar: persian)?.start == day("2026-03-21"))
        // 1403 is a leap year: Esfand has 30 days; 1404's has 29.
        let esfand1403 = try #require(Period("1403-12", calendar: persian))
        #expect(esfand1403.end.daysSinceEpoch - esfand1403.start.daysSinceEpoch + 1 == 30)
        let esfand1404 = try #require(Period("1404-12", calendar: persian))
        #expect(esfand1404.end.daysSinceEpoch - esfand1404.start.daysSinceEpoch + 1 == 29)
        #expect(Period(containing: day("2026-11-23"), calendar: persian).description == "1405-09")
        #expect(Period.lastEnded(asOf: day("2026-11-23"), calendar: persian).description == "1405-08")
    }

    @Test func ummAlQuraPeriodsAreHijriMonths() throws {
        // 1 Jumada al-Awwal 1448 AH.
        let period = try #require(Period("1448-05", calendar: hijri))
        #expect(period.start.description.hasPrefix("2026-10"))
        let length = period.end.daysSinceEpoch - period.start.daysSinceEpoch + 1
        #expect(length == 29 || length == 30)
        #expect(period.next.start == period.end.adding(days: 1))
        #expect(Period(containing: period.start, calendar: hijri) == period)
    }

    @Test func monthArithmeticClampsToTheMonthsLastDay() {
        // 31 Farvardin + 6 months: Mehr has 30 days.
        let farvardin31 = persian.firstDay(year: 1405, month: 1)!.adding(days: 30)
        #expect(persian.month(containing: farvardin31) == (1405, 1))
        let mehr = persian.adding(months: 6, to: farvardin31)
        #expect(mehr == persian.lastDay(year: 1405, month: 7))
        // 30 Esfand 1403 (leap) + 12 months → 29 Esfand 1404.
        let leapDay = persian.lastDay(year: 1403, month: 12)!
        #expect(persian.adding(months: 12, to: leapDay) == persian.lastDay(year: 1404, month: 12))
        // Gregorian keeps its closed-form arithmetic.
        #expect(BillingCalendar.gregorian.adding(months: 1, to: day("2024-01-31")) == day("2024-02-29"))
    }

    @Test func lotsExpireAtTheEndOfTheProgramsMonth() {
        // Posted 1 Aban 1403 (2024-10-22) + 24 months → Aban 1405, which ends 2026-11-21.
        #expect(LedgerEntry.expiryDate(postedOn: day("2024-10-22"), months: 24, calendar: persian) == day("2026-11-21"))
        #expect(LedgerEntry.expiryDate(postedOn: day("2024-10-22"), months: 24) == day("2026-10-31"))
    }

    @Test func statementsOnThePersianCalendar() throws {
        var program = exampleProgram
        program.calendar = persian
        let aban = try #require(Period("1405-08", calendar: persian))
        let entries = [
            row("2025-11-21", .earn, 1000), // 30 Aban 1404: outside the 12 months up to 30 Aban 1405
            row("2025-11-22", .earn, 2000), // 1 Azar 1404: inside
            row("2026-10-22", .earn, 400),  // 30 Mehr 1405: before the period
            row("2026-10-23", .earn, 50),   // 1 Aban 1405: in the period
            row("2024-10-22", .earn, 7),    // expires at the end of Aban 1405 (already past at the period's end)
            row("2024-11-21", .earn, 9),    // 1 Azar 1403 → expires at the end of Azar 1405
        ]
        let result = Statement.compute(memberID: "M", referralCode: "ABCDEFGH", referredCount: 0, entries: entries,
                                       program: program, period: aban)
        #expect(result.openingBalance == 3416)
        #expect(result.earned == 50)
        #expect(result.qualifyingPoints == 2450)
        #expect(persian.lastDay(year: 1405, month: 9) == day("2026-12-21"))
        #expect(result.expiring == [Statement.ExpiringPoints(points: 9, on: day("2026-12-21"))])
        #expect(result.addsUp)
    }

    @Test func unknownCalendarsAndLanguagesAreErrorsNamingTheKey() {
        let base = """
            name: X
            base_url: https://x.example
            currency: USD
            tiers: [{name: A, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            """
        #expect(throws: Diagnostic.self) { try Program.parse(base + "\nlanguages: [en]\ncalendar: julian", file: "p.yml") }
        #expect(throws: Diagnostic.self) { try Program.parse(base + "\nlanguages: [Persian]", file: "p.yml") }
        #expect(throws: Diagnostic.self) { try Program.parse(base + "\nlanguages: [en-US, en-GB]", file: "p.yml") }
        do {
            _ = try Program.parse(base + "\nlanguages: [en]\ncalendar: julian", file: "p.yml")
        } catch {
            #expect(error.description.contains("p.yml:8"))
            #expect(error.description.contains("calendar"))
        }
        let persianProgram = try? Program.parse(base + "\nlanguages: [fa-IR]\ncalendar: persian", file: "p.yml")
        #expect(persianProgram?.calendar == BillingCalendar(.persian))
    }
}

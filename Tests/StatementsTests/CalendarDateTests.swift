import Testing
import PunchcardStatements
import PunchcardSupport

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-11-30", "2024-02-29", "0001-01-01", "9999-12-31"])
    func parsesValidDates(_ text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.description == text)
    }

    @Test(arguments: ["2026-11-31", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-1",
                      "26-01-01", "2026/01/01", "2026-01-01 ", "", "２０２６-01-01", "2026-01-01T00:00"])
    func rejectsInvalidDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func dayArithmeticRoundTrips() throws {
        let start = try #require(CalendarDate(iso: "1999-12-31"))
        var day = start
        for _ in 0..<1500 {
            let next = day.adding(days: 1)
            #expect(next > day)
            #expect(next.daysSinceEpoch == day.daysSinceEpoch + 1)
            #expect(CalendarDate(iso: next.description) == next)
            day = next
        }
        #expect(CalendarDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate(iso: "2000-03-01")?.adding(days: -1).description == "2000-02-29")
        #expect(CalendarDate(iso: "2100-03-01")?.adding(days: -1).description == "2100-02-28")
    }

    @Test func addingMonthsClampsToShorterMonths() throws {
        let leapDay = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(leapDay.adding(months: 24).description == "2026-02-28")
        #expect(leapDay.adding(months: 48).description == "2028-02-29")
        #expect(leapDay.adding(months: -12).description == "2023-02-28")
        #expect(CalendarDate(iso: "2026-01-31")?.adding(months: 1).description == "2026-02-28")
        #expect(CalendarDate(iso: "2026-03-31")?.adding(months: -1).description == "2026-02-28")
        #expect(CalendarDate(iso: "2026-11-30")?.adding(months: -12).description == "2025-11-30")
        #expect(CalendarDate(iso: "2026-12-15")?.adding(months: 1).description == "2027-01-15")
    }

    @Test func monthBoundaries() throws {
        #expect(CalendarDate(iso: "2024-02-10")?.endOfMonth.description == "2024-02-29")
        #expect(CalendarDate(iso: "2026-12-10")?.endOfMonth.description == "2026-12-31")
        #expect(CalendarDate(iso: "2026-12-10")?.firstOfMonth.description == "2026-12-01")
    }
}

@Suite struct PeriodTests {
    @Test func parsesAMonth() throws {
        let period = try #require(Period("2026-11"))
        #expect(period.start.description == "2026-11-01")
        #expect(period.end.description == "2026-11-30")
        #expect(period.description == "2026-11")
        #expect(Period("2024-02")?.end.description == "2024-02-29")
        #expect(period.next.description == "2026-12")
        #expect(Period("2027-01")?.previous.description == "2026-12")
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "2026/11", "", "abcd-ef"])
    func rejectsMalformedPeriods(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test func lastEndedPeriodIsThePreviousMonth() throws {
        #expect(Period.lastEnded(asOf: try #require(CalendarDate(iso: "2026-11-23"))).description == "2026-10")
        #expect(Period.lastEnded(asOf: try #require(CalendarDate(iso: "2026-01-01"))).description == "2025-12")
    }
}

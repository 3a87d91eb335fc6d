@testable import PunchcardSite
import PunchcardStatements
import PunchcardSupport
import Testing

/// What a member's pages need, decided without files, store or rendering.
@Suite struct StatementPlanTests {
    let october = Period("2026-10")!, september = Period("2026-09")!, november = Period("2026-11")!
    let joined = CalendarDate(year: 2025, month: 1, day: 1)!

    func plan(period: Period? = nil, joinedOn: CalendarDate? = nil, ledgerChanged: Bool = false, pages: Set<Period> = [],
              legacy: Set<Period> = [], upToDate: Bool = true) -> StatementPlan {
        StatementPlan.make(period: period ?? october, joinedOn: joinedOn ?? joined, ledgerChanged: ledgerChanged,
                           pages: pages, legacy: legacy) { _, _ in upToDate }
    }

    @Test func aNewMemberGetsThePeriodsPage() {
        let made = plan()
        #expect(made.due == [october])
        #expect(!made.hadPages)
        #expect(made.isLatest(october))
    }

    @Test func anUpToDatePageIsLeftAlone() {
        #expect(plan(pages: [october]).due.isEmpty)
        #expect(plan(pages: [october]).unchangedFiles == 2)
        // Not the latest (November is published): only its own file.
        #expect(plan(pages: [october, november]).unchangedFiles == 1)
        #expect(plan(pages: [october], upToDate: false).due == [october])
    }

    /// The fingerprint is given the periods the page links to and whether it is the latest.
    @Test func theFingerprintSeesTheEarlierPeriods() {
        var seen: [[Period]] = []
        _ = StatementPlan.make(period: october, joinedOn: joined, ledgerChanged: false, pages: [september, october, november],
                               legacy: []) { earlier, isLatest in
            seen.append(earlier)
            #expect(!isLatest)
            return true
        }
        #expect(seen == [[september]])
    }

    @Test func aChangedLedgerRefreshesEveryPublishedPeriod() {
        let made = plan(ledgerChanged: true, pages: [september, october, november])
        #expect(made.due == [september, november])
        #expect(plan(ledgerChanged: true, pages: [september, october], upToDate: false).due == [october, september])
    }

    @Test func aCorrectedJoinDateRemovesTheCopy() {
        let late = CalendarDate(year: 2026, month: 11, day: 5)!
        let alone = plan(joinedOn: late, pages: [october])
        #expect(alone.removesCopy && alone.removesFolder && alone.notYetMember)
        // An earlier page becomes the latest again.
        let withEarlier = plan(joinedOn: late, pages: [september, october])
        #expect(withEarlier.removesCopy && !withEarlier.removesFolder)
        #expect(withEarlier.due == [september])
        #expect(withEarlier.isLatest(september))
        // Nothing there: nothing to remove, no page.
        let none = plan(joinedOn: late)
        #expect(!none.removesCopy && none.due.isEmpty && none.notYetMember)
    }

    @Test func anEarlierReleasesFolderGetsItsPage() {
        let made = plan(pages: [october], legacy: [september])
        #expect(made.due == [september])
        #expect(made.hadPages)
    }
}

import PunchcardStatements
import PunchcardSupport

/// What one member's pages need in this build, decided before their ledger is read: a pure function
/// of the period, the member's join date, whether their ledger changed, what their folder holds and
/// whether the period's page is up to date (`isUpToDate`, given the periods it links to and whether
/// it is the latest: the caller compares fingerprints, once).
struct StatementPlan: Equatable {
    /// The period's copy is removed: the member's (corrected) join date is after the period.
    var removesCopy = false
    /// With it the member's folder, nothing else being left in it (nothing else is then done).
    var removesFolder = false
    /// The member joined after the period: no page for it.
    var notYetMember = false
    /// Periods to render, in this order.
    var due: [Period] = []
    /// Files of the period left as they are (2: its page and the latest, which is the same file).
    var unchangedFiles = 0
    /// Whether the folder had pages before (a latest page to replace rather than make).
    var hadPages = false
    /// The member's published periods once the build is done, newest first.
    var newestFirst: [Period] = []

    func earlier(than period: Period) -> [Period] { newestFirst.filter { $0 < period } }
    func isLatest(_ period: Period) -> Bool { newestFirst.first == period }

    /// - Parameters:
    ///   - pages: periods whose page is in the member's folder.
    ///   - legacy: periods with an earlier release's folder (migrated to a page, kept as a redirect).
    static func make(period: Period, joinedOn: CalendarDate, ledgerChanged: Bool, pages: Set<Period>, legacy: Set<Period>,
                     isUpToDate: (_ earlier: [Period], _ isLatest: Bool) -> Bool) -> StatementPlan {
        var plan = StatementPlan()
        var pages = pages, legacy = legacy
        let hasPage = joinedOn <= period.end
        plan.notYetMember = !hasPage

        if !hasPage && (pages.contains(period) || legacy.contains(period)) {
            plan.removesCopy = true
            pages.remove(period)
            legacy.remove(period)
            guard let newest = pages.union(legacy).max() else {
                plan.removesFolder = true
                return plan
            }
            if newest < period { plan.due.append(newest) } // it was the latest page: it becomes the latest again
        }

        plan.hadPages = !pages.isEmpty || !legacy.isEmpty
        var published = pages.union(legacy)
        if hasPage { published.insert(period) }
        plan.newestFirst = published.sorted(by: >)

        if hasPage {
            let latest = plan.isLatest(period)
            if pages.contains(period) && isUpToDate(plan.earlier(than: period), latest) {
                plan.unchangedFiles = latest ? 2 : 1
            } else {
                plan.due.append(period)
            }
        }
        // A changed ledger reaches every published period (a correction dated in October shows on
        // November's page too).
        if ledgerChanged {
            plan.due += published.filter { $0 != period && !plan.due.contains($0) }.sorted()
        }
        // An earlier release's period folder without its page yet: made now.
        plan.due += legacy.filter { !pages.contains($0) && !plan.due.contains($0) }.sorted()
        return plan
    }
}

import Foundation
import PunchcardSupport
import PunchcardCalendars
import PunchcardPages
import PunchcardStatements
import PunchcardStore

/// What `unpublish` did.
public struct UnpublishReport: Sendable {
    public var period: Period
    /// Statement copies of the period removed.
    public var removed = 0
    /// Members whose only page was the period's: their statement folder is gone.
    public var foldersRemoved = 0
    /// The period every member's latest page shows now (nil when none is left).
    public var latest: Period?
    /// The build that restored the latest pages.
    public var rebuild: BuildReport?
}

extension Site {
    /// The periods built into the output of `options`, oldest first, and whether each was provisional.
    public static func publishedPeriods(root: URL, output: URL, calendar: BillingCalendar) throws -> [(period: Period, provisional: Bool)] {
        try BuildRecord.publishedPeriods(root: root, output: output, calendar: calendar)
    }

    /// Withdraws a published period: removes every member's copy of it, and rebuilds the latest
    /// remaining period, so that each member's latest page and list of earlier statements no
    /// longer show it. Safe to run again after an interruption. With `options.shard`, only that
    /// shard's members (after a sharded build, each shard unpublishes its own).
    public static func unpublish(_ options: BuildOptions) throws -> UnpublishReport {
        let period = options.period
        var report = UnpublishReport(period: period)
        let output = OutputFolder(url: options.output)
        let remaining: [Period]
        do {
            let record = try step("take the build lock") { try BuildRecord(root: options.root, output: options.output, calendar: options.period.calendar, shard: options.shard) }
            defer { record.releaseLock() } // the rebuild below takes it again
            let published = try record.publishedPeriods()
            guard published.contains(where: { $0.period == period }) else {
                let list = published.map(\.period.description).joined(separator: ", ")
                throw BuildRefusal(description: "\(period) was never built into \(options.output.path) "
                    + (list.isEmpty ? "(nothing was)" : "(built: \(list))") + "; nothing was changed.")
            }
            remaining = published.map(\.period).filter { $0 != period }
            try step("remove the period's pages") {
                let own = try options.shard.map { try tokens(of: $0, store: MemberStore(path: options.storePath)) }
                for token in output.list("m") where MemberToken.isWellFormed(token) && own?.contains(token) != false {
                    let folder = StatementAddress.folder(token: token)
                    let page = StatementAddress.page(token: token, period: period)
                    let legacy = "\(folder)/\(period)" // an earlier release's folder for the period
                    if output.exists(page) || output.exists(legacy) {
                        try output.remove(page)
                        try output.remove(legacy)
                        report.removed += 1
                    }
                    let left = output.list(folder).contains {
                        StatementAddress.period(ofFileName: $0, calendar: period.calendar) != nil
                            || StatementAddress.period(ofLegacyFolder: $0, calendar: period.calendar) != nil
                    }
                    if !left {
                        try output.remove(folder)
                        report.foldersRemoved += 1
                    }
                }
                try record.distrustAfterUnpublishing(newLatest: remaining.max())
            }
        }
        // The latest remaining period, rebuilt: latest pages and lists of earlier statements follow.
        if let latest = remaining.max() {
            var rebuild = options
            rebuild.period = latest
            rebuild.allowUnfinished = true
            rebuild.mayCreateStore = false
            report.rebuild = try build(rebuild)
            report.latest = latest
        }
        let record = try step("take the build lock") { try BuildRecord(root: options.root, output: options.output, calendar: options.period.calendar, shard: options.shard) }
        defer { record.releaseLock() }
        try step("forget the period") { try record.forget(period: period) }
        return report
    }
}

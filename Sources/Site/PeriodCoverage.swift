import Foundation
import GRDB
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// Which members have a page for a period in an output: all of them when a whole-site build
/// finished it, else those of the shards (`build --shard I/N`) that did. A sharded build with a
/// shard failed, still running or never run is not complete, and `links` and `mail` must not
/// point members of the missing shards at pages that do not exist.
public struct PeriodCoverage: Sendable, Equatable {
    public var period: Period
    /// A build of the whole site finished the period.
    public var whole = false
    /// Shard count → the indexes whose build finished the period.
    public var shards: [Int: Set<Int>] = [:]

    /// Whether `memberID`'s page for the period was built.
    public func contains(_ memberID: String) -> Bool {
        if whole { return true }
        for (count, indexes) in shards where indexes.contains(Shard.index(of: memberID, count: count)) { return true }
        return false
    }

    /// Every member has a page: a whole build, or every shard of some split.
    public var isComplete: Bool {
        whole || shards.contains { count, indexes in indexes.count == count }
    }

    /// The shards still missing, in words (`shards 3/4 of 4 not built`), nil when complete.
    public var missing: String? {
        guard !isComplete else { return nil }
        let parts = shards.keys.sorted().map { count -> String in
            let absent = (0..<count).filter { !(shards[count]?.contains($0) ?? false) }
            let shown = absent.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ")
            return shown + (absent.count > 10 ? " and \(absent.count - 10) more" : "")
        }
        return "shard\(parts.count == 1 && !parts[0].contains(",") ? "" : "s") \(parts.joined(separator: "; ")) of \(period) \(parts.count == 1 && !parts[0].contains(",") ? "was" : "were") not built"
    }
}

extension BuildRecord {
    /// Which builds into `output` finished `period` (a whole build's record and each shard's).
    static func coverage(root: URL, output: URL, period: Period) throws -> PeriodCoverage {
        let (folder, key) = location(root: root, output: output)
        var coverage = PeriodCoverage(period: period)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names {
            let shard: Shard?
            if name == "build-\(key).sqlite" {
                shard = nil
            } else if name.hasPrefix("build-\(key).shard-"), name.hasSuffix(".sqlite") {
                // build-<key>.shard-I-of-N.sqlite
                let middle = name.dropFirst("build-\(key).shard-".count).dropLast(".sqlite".count)
                let parts = middle.split(separator: "-")
                guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]),
                      let parsed = Shard(index: index, count: count) else { continue }
                shard = parsed
            } else {
                continue
            }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(name).path, configuration: configuration)
            let built = try queue.read { db in
                try db.tableExists("published")
                    && (try Bool.fetchOne(db, sql: "SELECT 1 FROM published WHERE period = ?", arguments: [period.description]) ?? false)
            }
            guard built else { continue }
            if let shard { coverage.shards[shard.count, default: []].insert(shard.index) } else { coverage.whole = true }
        }
        return coverage
    }
}

extension Site {
    /// Which members have a page for `period` in `output` (see `PeriodCoverage`).
    public static func coverage(root: URL, output: URL, period: Period) throws -> PeriodCoverage {
        try BuildRecord.coverage(root: root, output: output, period: period)
    }
}

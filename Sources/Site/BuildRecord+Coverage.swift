import Foundation
import GRDB
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

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

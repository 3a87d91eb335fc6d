import Foundation
import PunchcardSite
import PunchcardStatements
import PunchcardSupport
import Testing

@Suite struct ShardedBuildTests {
    /// Every file under `folder`, by path, with its bytes.
    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }

    @Test func threeShardsMakeTheSiteOneBuildMakes() throws {
        let fixture = try SiteFixture()
        try fixture.build("2026-09")
        try fixture.build("2026-10")
        let sharded = fixture.root.appendingPathComponent("sharded")
        for period in ["2026-09", "2026-10"] {
            for index in [2, 0, 1] { // in any order
                var options = fixture.options(period)
                options.output = sharded
                options.shard = Shard(index: index, count: 3)
                let report = try Site.build(options)
                #expect(report.shard == options.shard)
                // Shard 0 writes the public pages, the others none.
                #expect(index == 0 ? report.publicPages > 0 : report.publicPages == 0)
            }
        }
        let one = try files(fixture.output), union = try files(sharded)
        #expect(one.keys.sorted() == union.keys.sorted())
        for (path, bytes) in one where union[path] != bytes { Issue.record("\(path) differs") }
        // Published for `links` and `mail`: the shards' records together.
        #expect(try Site.publishedPeriods(root: fixture.root, output: sharded, calendar: .gregorian).map(\.period.description)
                == ["2026-09", "2026-10"])
    }

    @Test func eachShardHasItsOwnLock() throws {
        let fixture = try SiteFixture()
        var first = fixture.options()
        first.shard = Shard(index: 0, count: 2)
        var second = first
        second.shard = Shard(index: 1, count: 2)
        // Both at once: neither refuses the other.
        let results = Locked<[Bool]>([])
        let group = DispatchGroup()
        for options in [first, second] {
            group.enter()
            Thread { results.withLock { $0.append((try? Site.build(options)) != nil) }; group.leave() }.start()
        }
        group.wait()
        #expect(results.withLock { $0 } == [true, true])
    }

    @Test func aRotatedTokensPagesMoveWithItsShardWhateverTheOrder() throws {
        let fixture = try SiteFixture()
        let sharded = fixture.root.appendingPathComponent("sharded")
        let secondStore = fixture.root.appendingPathComponent("second.sqlite").path
        func buildShards(_ period: String, order: [Int]) throws {
            for index in order {
                var options = fixture.options(period)
                options.output = sharded
                options.storePath = secondStore
                options.shard = Shard(index: index, count: 3)
                try Site.build(options)
            }
        }
        try FileManager.default.copyItem(atPath: fixture.storePath, toPath: secondStore)
        try fixture.build("2026-09")
        try buildShards("2026-09", order: [0, 1, 2])
        // The same rotation in both stores (the second a copy of the first after it).
        _ = try fixture.store().rotateToken(of: "EN")
        try FileManager.default.removeItem(atPath: secondStore)
        try FileManager.default.copyItem(atPath: fixture.storePath, toPath: secondStore)
        try fixture.build("2026-10")
        try buildShards("2026-10", order: [2, 1, 0]) // shard 0, which writes the public pages, last
        let one = try files(fixture.output), union = try files(sharded)
        #expect(one.keys.sorted() == union.keys.sorted())
        for (path, bytes) in one where union[path] != bytes { Issue.record("\(path) differs") }
        let token = try fixture.token("EN")
        #expect(union["m/\(token)/2026-09.html"] != nil, "the rotated member's earlier statement moved with them")
    }
}

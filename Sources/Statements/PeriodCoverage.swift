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

    public init(period: Period, whole: Bool = false, shards: [Int: Set<Int>] = [:]) {
        self.period = period
        self.whole = whole
        self.shards = shards
    }

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

/// One of N independent parts of a run over the members (`--shard I/N`): the members whose stable
/// hash of `member_id` falls in part I. The same member is in the same shard on every machine and
/// every run (the hash is FNV-1a, 64 bits, of the member_id's UTF-8 bytes: no seed, no platform
/// dependence), so N processes, each given one index, together cover every member exactly once.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0 ..< count.
    public let index: Int
    public let count: Int

    /// The most shards a run may be split into.
    public static let maximumCount = 100_000

    public init?(index: Int, count: Int) {
        guard (1...Self.maximumCount).contains(count), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// The shard of `member_id`.
    public static func index(of memberID: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in memberID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(max(1, count)))
    }

    public func contains(_ memberID: String) -> Bool { Self.index(of: memberID, count: count) == index }

    /// Shard 0 also writes what belongs to the whole site: the public pages and assets.
    public var isDesignated: Bool { index == 0 }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }

    /// `I/N`, or `auto/N` with the index from the batch engine's environment: Kubernetes Indexed
    /// Jobs (`JOB_COMPLETION_INDEX`), Slurm job arrays (`SLURM_ARRAY_TASK_ID`, counted from
    /// `SLURM_ARRAY_TASK_MIN`), AWS Batch array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`).
    public static func parse(_ text: String, environment: [String: String]) -> Result<Shard, ShardError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[1]), (1...maximumCount).contains(count) else {
            return .failure(ShardError("\(Diagnostic.quote(text)) is not a shard: give I/N (0 ≤ I < N ≤ \(maximumCount)) or auto/N"))
        }
        let index: Int
        if parts[0] == "auto" {
            if let value = environment["JOB_COMPLETION_INDEX"].flatMap({ Int($0) }) {
                index = value
            } else if let value = environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) {
                index = value - (environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0)
            } else if let value = environment["AWS_BATCH_JOB_ARRAY_INDEX"].flatMap({ Int($0) }) {
                index = value
            } else {
                return .failure(ShardError("--shard auto/\(count): no shard index in the environment "
                    + "(JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX); give I/\(count) instead"))
            }
        } else if let value = Int(parts[0]) {
            index = value
        } else {
            return .failure(ShardError("\(Diagnostic.quote(text)) is not a shard: give I/N (0 ≤ I < N ≤ \(maximumCount)) or auto/N"))
        }
        guard let shard = Shard(index: index, count: count) else {
            return .failure(ShardError("shard \(index) of \(count) does not exist: shards are numbered 0 to \(count - 1)"))
        }
        return .success(shard)
    }
}

public struct ShardError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

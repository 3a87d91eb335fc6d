import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// The member store: one SQLite file holding members, their point ledger and store metadata.
public final class MemberStore: Sendable {
    /// The file name used in a site's root when `--store` is not given.
    public static let defaultFileName = "members.sqlite"

    let database: DatabaseQueue
    public let path: String

    /// Opens the store at `path`, creating it and bringing its schema up to date as needed.
    public init(path: String) throws {
        self.path = path
        do {
            database = try DatabaseQueue(path: path, configuration: MemberStore.configuration())
            try MemberStore.migrator.migrate(database)
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: "\(error)")
        }
    }

    /// A store that lives in memory only, for tests.
    public init() throws {
        path = ":memory:"
        database = try DatabaseQueue(configuration: MemberStore.configuration())
        try MemberStore.migrator.migrate(database)
    }

    /// SQLite page cache sizes, in KiB. A bulk import touches the ledger's two b-trees all over,
    /// and a large cache keeps it off the disk; reads go in key order and need little.
    static let readCacheKiB = 2 * 1024
    static let importCacheKiB = 64 * 1024

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "punchcard.store"
        configuration.prepareDatabase { db in
            // Larger pages make bulk ledger inserts about a third cheaper (applies to new files only).
            try db.execute(sql: "PRAGMA page_size = 16384")
            // Reads scan in key order and need little cache; imports raise it (see `importCSV`).
            try db.execute(sql: "PRAGMA cache_size = -\(MemberStore.readCacheKiB)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, underlying: String)
    case unknownMember(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let underlying): return "\(path): cannot open the member store: \(underlying)"
        case .unknownMember(let id): return "no member with member_id \"\(id)\" in the store"
        }
    }
}

import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// The member store in one SQLite file: members, their point ledger and store metadata.
///
/// The file uses SQLite's write-ahead log, so that readers (a build, the preview) and one writer
/// (an import) proceed together; a second writer waits up to `busyTimeout` and then gets a clear
/// refusal.
final class SQLiteStore: StoreBackend {
    let database: DatabaseQueue
    let path: String
    /// - Parameter privateNewFile: a file nobody else can know of yet (see `create(at:)`): it is
    ///   written without the write-ahead log, whose copy of every page would double the cost of a
    ///   first import, and switched to it before anyone else opens the file.
    init(path: String, create: Bool, privateNewFile: Bool = false) throws {
        self.path = path
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if isFolder.boolValue { throw StoreError.notAStore(path: path, reason: "it is a folder") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        // An empty file is what an earlier version left behind for a mistyped path: not a store.
        if (!exists || size == 0) && !create { throw StoreError.missing(path: path) }
        do {
            database = try DatabaseQueue(path: path, configuration: Self.configuration())
            try database.read { db in
                // Another program's database: never add our tables to it.
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw StoreError.notAStore(path: path, reason: "an SQLite database of another program")
                }
            }
            try database.writeWithoutTransaction { db in
                if privateNewFile {
                    try db.execute(sql: "PRAGMA journal_mode = MEMORY")
                    try db.execute(sql: "PRAGMA synchronous = OFF")
                } else {
                    // Persistent in the file: readers and one writer no longer block each other.
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            try SQLiteStore.migrator.migrate(database)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// A store that lives in memory only, for tests.
    init() throws {
        path = ":memory:"
        database = try DatabaseQueue(configuration: Self.configuration())
        try SQLiteStore.migrator.migrate(database)
    }

    /// The file is watched instead.
    func changeMarker() throws -> String? { nil }

    /// SQLite page cache sizes, in KiB. A bulk import touches the ledger's two b-trees all over,
    /// and a large cache keeps it off the disk; reads go in key order and need little.
    static let readCacheKiB = 2 * 1024
    static let importCacheKiB = 64 * 1024

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "punchcard.store"
        configuration.busyMode = .timeout(MemberStore.busyTimeout)
        configuration.prepareDatabase { db in
            // Larger pages make bulk ledger inserts about a third cheaper (applies to new files only).
            try db.execute(sql: "PRAGMA page_size = 16384")
            // Reads scan in key order and need little cache; imports raise it (see `importCSV`).
            try db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.readCacheKiB)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }
}

import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// The member store: one SQLite file holding members, their point ledger and store metadata.
///
/// The file uses SQLite's write-ahead log, so that readers (a build, the preview) and one writer
/// (an import) proceed together; a second writer waits up to `busyTimeout` and then gets a clear
/// refusal. A store is created only where the caller says so (`MemberStore(creatingAt:)`): every
/// other command refuses a path where no store exists, so a mistyped `--store` changes nothing.
public final class MemberStore: Sendable {
    /// The file name used in a site's root when `--store` is not given.
    public static let defaultFileName = "members.sqlite"
    /// How long a writer waits for another writer (an import) to finish before refusing.
    public static let busyTimeout: TimeInterval = 30

    let database: DatabaseQueue
    public let path: String

    /// Opens the store at `path`, which must exist, bringing its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, create: false)
    }

    /// Opens the store at `path`, creating an empty one when there is none.
    public convenience init(creatingAt path: String) throws {
        try self.init(path: path, create: true)
    }

    /// - Parameter privateNewFile: a file nobody else can know of yet (see `create(at:)`): it is
    ///   written without the write-ahead log, whose copy of every page would double the cost of a
    ///   first import, and switched to it before anyone else opens the file.
    init(path: String, create: Bool, privateNewFile: Bool = false) throws {
        try Self.refuseServerAddress(path)
        self.path = path
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if isFolder.boolValue { throw StoreError.notAStore(path: path, reason: "it is a folder") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        // An empty file is what an earlier version left behind for a mistyped path: not a store.
        if (!exists || size == 0) && !create { throw StoreError.missing(path: path) }
        do {
            database = try DatabaseQueue(path: path, configuration: MemberStore.configuration())
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
            try MemberStore.migrator.migrate(database)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// A store that lives in memory only, for tests.
    public init() throws {
        path = ":memory:"
        database = try DatabaseQueue(configuration: MemberStore.configuration())
        try MemberStore.migrator.migrate(database)
    }

    /// Whether a store file exists at `path` (its write-ahead log and index files do not count).
    /// A database server's address, not a file: said plainly (and without its password) rather
    /// than looked for as a file name.
    static func refuseServerAddress(_ path: String) throws {
        guard let end = path.range(of: "://") else { return }
        let scheme = path[..<end.lowerBound].lowercased()
        guard !scheme.isEmpty, !scheme.contains("/") else { return }
        throw StoreError.cannotOpen(path: withoutPassword(path), reason:
            "\(scheme):// stores are not supported by this release; the member store is an SQLite file (give its path)")
    }

    /// `scheme://user:secret@host/…` as `scheme://user@host/…`: never printed with its password.
    static func withoutPassword(_ address: String) -> String {
        guard let schemeEnd = address.range(of: "://"), let at = address[schemeEnd.upperBound...].lastIndex(of: "@") else { return address }
        let userInfo = address[schemeEnd.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return address }
        return String(address[..<colon]) + String(address[at...])
    }

    public static func exists(at path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// SQLite page cache sizes, in KiB. A bulk import touches the ledger's two b-trees all over,
    /// and a large cache keeps it off the disk; reads go in key order and need little.
    static let readCacheKiB = 2 * 1024
    static let importCacheKiB = 64 * 1024

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "punchcard.store"
        configuration.busyMode = .timeout(busyTimeout)
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

import Foundation
import GRDB

extension SQLiteStore {
    /// The schema version of the file at `path`, opened read-only (nothing migrated, no journal
    /// mode changed).
    static func inspect(path: String) throws -> StoreInspection {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError.missing(path: path) }
        if isFolder.boolValue { throw StoreError.notAStore(path: path, reason: "it is a folder") }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                guard tables.contains("grdb_migrations") else {
                    throw StoreError.notAStore(path: path, reason: tables.isEmpty ? "an empty SQLite database" : "an SQLite database of another program")
                }
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                let known = Set(migrator.migrations)
                return StoreInspection(applied: applied.intersection(known).count, known: known.count,
                                       unknown: applied.subtracting(known).count)
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}

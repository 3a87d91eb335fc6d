import Foundation
import GRDB
import PunchcardSupport

extension SQLiteStore {
    /// Creates the store at `path` by importing `members` and `ledger` into a new file beside it
    /// and linking that into place only when the import has committed. Nobody ever opens a
    /// half-imported store: two first builds of a fresh site cannot race into an empty store,
    /// and a failed or interrupted first import leaves no store behind.
    ///
    /// - Returns: the store and what was imported, or nil for the summary when another process
    ///   created the store first (its store is then opened instead; nothing is imported).
    static func create(at path: String, files: ImportFiles, progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> (SQLiteStore, ImportSummary?) {
        if MemberStore.exists(at: path) {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size == 0 {
                throw StoreError.notAStore(path: path, reason: "an empty file; remove it, and the import will create the store there")
            }
            return (try SQLiteStore(path: path, create: false), nil)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "its folder \(folder.path) does not exist")
        }
        removeAbandonedCreations(in: folder, name: url.lastPathComponent)
        let partial = folder.appendingPathComponent(".\(url.lastPathComponent).creating-\(getpid())").path
        removeFiles(of: partial)
        var summary = ImportSummary()
        do {
            let store = try SQLiteStore(path: partial, create: true, privateNewFile: true)
            summary = try store.importCSV(files, maxProblems: 50,
                                          progress: progress, reportedPath: path)
            try store.close()
        } catch let error as StoreError {
            removeFiles(of: partial)
            throw error.about(path) // the operator knows the store's name, not the hidden file's
        } catch {
            removeFiles(of: partial)
            throw error
        }
        // link(2) fails if the name is taken: the first creator wins, and nothing is replaced.
        let linked = link(partial, path) == 0
        let code = errno
        removeFiles(of: partial)
        guard linked else {
            if code == EEXIST { return (try SQLiteStore(path: path, create: false), nil) }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        return (try SQLiteStore(path: path, create: false), summary)
    }

    /// Closes the connection, with the file switched to the write-ahead log that every other
    /// connection uses; the store must not be used afterwards. The file alone is the whole store.
    func close() throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try database.close()
    }

    static func removeFiles(of path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Partial stores of creators that no longer run (killed during a first import).
    static func removeAbandonedCreations(in folder: URL, name: String) {
        let prefix = ".\(name).creating-"
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasPrefix(prefix) {
            let rest = file.dropFirst(prefix.count)
            let pidText = rest.prefix { $0.isNumber }
            guard let pid = Int32(pidText), ProcessID.isGone(pid) else { continue }
            unlink(folder.appendingPathComponent(file).path)
        }
    }
}

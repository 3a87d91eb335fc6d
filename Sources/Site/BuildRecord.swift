import Crypto
import Foundation
import GRDB
import PunchcardStatements

/// The record of what a build wrote, kept outside the output (it lists every statement address):
/// `.punchcard/build-<output>.sqlite` in the site's folder. For each member and period it holds a
/// hash of everything that went into the member's pages; a later build skips members whose hash
/// is unchanged. Entries are committed only after their files are in place, so a build killed at
/// any moment leaves a record that is never ahead of `output/`.
final class BuildRecord: @unchecked Sendable {
    private let writer: DatabaseQueue
    /// A second connection for reading the previous build's hashes while new ones are written.
    private let reader: DatabaseQueue
    private let lockDescriptor: Int32

    init(root: URL, output: URL) throws {
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = SHA256.hash(data: Data(output.standardizedFileURL.path.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let path = folder.appendingPathComponent("build-\(key).sqlite").path

        // One build of a site at a time: a second one refuses instead of interleaving files.
        lockDescriptor = open(folder.appendingPathComponent("build-\(key).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0, flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            if lockDescriptor >= 0 { close(lockDescriptor) }
            throw BuildRecordError.busy(output.path)
        }

        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.write { db in
            // The record is a cache: a table of an older layout is dropped, and the next build
            // rewrites every page once.
            try db.execute(sql: """
                DROP TABLE IF EXISTS statement_pages;
                CREATE TABLE IF NOT EXISTS member_pages (
                    member_id TEXT NOT NULL,
                    period    TEXT NOT NULL,
                    token     TEXT NOT NULL,
                    tier      TEXT,
                    hash      BLOB NOT NULL,
                    PRIMARY KEY (member_id, period)
                ) WITHOUT ROWID
                """)
        }
        var readOnly = configuration
        readOnly.readonly = true
        reader = try DatabaseQueue(path: path, configuration: readOnly)
    }

    deinit {
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// What the previous build recorded of a member's pages for a period.
    struct Previous {
        var hash: Data
        var tier: String?
    }

    /// Calls `body` with a function giving what was recorded of a member's pages for `period`;
    /// it must be asked in member_id order (the store's order), so that the record is read as one
    /// stream beside the members.
    func withPrevious<T>(period: Period, _ body: (_ previousFor: (String) throws -> Previous?) throws -> T) throws -> T {
        try reader.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT member_id, hash, tier FROM member_pages WHERE period = ? ORDER BY member_id",
                arguments: [period.description])
            func next() throws -> (String, Previous)? {
                try rows.next().map { ($0[0], Previous(hash: $0[1], tier: $0[2])) }
            }
            var pending = try next()
            return try body { memberID in
                while let (id, previous) = pending {
                    if id == memberID { return previous }
                    if memberID.utf8.lexicographicallyPrecedes(id.utf8) { return nil }
                    pending = try next()
                }
                return nil
            }
        }
    }

    struct Entry {
        var memberID: String
        var token: String
        var tier: String?
        var hash: Data
    }

    /// Records pages that are now in place.
    func commit(_ entries: [Entry], period: Period) throws {
        guard !entries.isEmpty else { return }
        try writer.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO member_pages (member_id, period, token, tier, hash) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (member_id, period) DO UPDATE
                    SET token = excluded.token, tier = excluded.tier, hash = excluded.hash
                """)
            for entry in entries {
                try statement.execute(arguments: [entry.memberID, period.description, entry.token, entry.tier, entry.hash])
            }
        }
    }
}

enum BuildRecordError: Error, CustomStringConvertible {
    case busy(String)

    var description: String {
        switch self {
        case .busy(let output):
            return "another build of this site into \(output) is running; wait for it to finish (the lock is in .punchcard/)"
        }
    }
}

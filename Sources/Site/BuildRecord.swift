import Crypto
import Foundation
import GRDB
import PunchcardStore
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// The record of what builds wrote, kept outside the output (it lists every statement address):
/// `.punchcard/build-<output>.sqlite` in the site's folder. It holds:
///
/// - `member_pages`: for each member and period, a hash of everything that went into the pages;
///   a later build skips members whose hash is unchanged.
/// - `member_state`: the ledger revision that every published page of the member reflects; a
///   member whose ledger changed since gets every published period refreshed, not just the one
///   being built.
/// - `published`: the periods built into this output.
/// - `runs`: each build, and how far it got. A build marks the members it is about to write
///   before writing them; if it dies, the next build distrusts the record for exactly the members
///   it may have touched (see `recoverFromInterruptedRun`), so the record never vouches for a page
///   it did not see completed.
final class BuildRecord: @unchecked Sendable {
    private let writer: DatabaseQueue
    /// A second connection for reading the previous builds' hashes while new ones are written.
    private let reader: DatabaseQueue
    private let lock: BuildLock
    let path: String
    /// This build's row in `runs` (set by `beginRun`).
    private(set) var runID: Int64 = 0

    /// Where the record of builds into `output` lives.
    static func location(root: URL, output: URL) -> (folder: URL, key: String) {
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        let key = SHA256.hash(data: Data(output.standardizedFileURL.path.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        return (folder, key)
    }

    /// The periods built into `output`, read without taking the build lock (for `links`); empty
    /// when nothing was ever built there.
    /// With shards (`build --shard I/N`), the periods any shard built (provisional when any shard's
    /// copy is).
    static func publishedPeriods(root: URL, output: URL, calendar: BillingCalendar) throws -> [(period: Period, provisional: Bool)] {
        let (folder, key) = location(root: root, output: output)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0 == "build-\(key).sqlite" || ($0.hasPrefix("build-\(key).shard-") && $0.hasSuffix(".sqlite")) }
        var periods: [Period: Bool] = [:]
        for name in names.sorted() {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(name).path, configuration: configuration)
            let found = try queue.read { db in
                try db.tableExists("published") ? publishedPeriods(db, calendar: calendar) : []
            }
            for entry in found { periods[entry.period] = (periods[entry.period] ?? false) || entry.provisional }
        }
        return periods.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The program's billing calendar: periods are stored by their `YYYY-MM` in it.
    let calendar: BillingCalendar

    /// Takes the build lock of the output and opens its record. Refuses while another build runs.
    /// - Parameter shard: a shard's build (`--shard I/N`) keeps a record and lock of its own.
    init(root: URL, output: URL, calendar: BillingCalendar = .gregorian, shard: Shard? = nil) throws {
        self.calendar = calendar
        let (folder, outputKey) = Self.location(root: root, output: output)
        let key = outputKey + (shard.map { ".shard-\($0.index)-of-\($0.count)" } ?? "")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("build-\(key).sqlite").path
        lock = try BuildLock(path: folder.appendingPathComponent("build-\(key).lock").path, output: output.path)

        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.write { db in
            // The record is a cache: tables of an older layout are dropped, and the next build
            // rewrites every page once.
            let columns = try db.tableExists("member_pages") ? db.columns(in: "member_pages").map(\.name) : []
            if !columns.isEmpty && !columns.contains("run") {
                try db.execute(sql: "DROP TABLE member_pages")
            }
            try db.execute(sql: """
                DROP TABLE IF EXISTS statement_pages;
                CREATE TABLE IF NOT EXISTS member_pages (
                    member_id TEXT NOT NULL,
                    period    TEXT NOT NULL,
                    token     TEXT NOT NULL,
                    tier      TEXT,
                    hash      BLOB NOT NULL,
                    run       INTEGER NOT NULL,
                    PRIMARY KEY (member_id, period)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS member_state (
                    member_id TEXT NOT NULL PRIMARY KEY,
                    revision  INTEGER,
                    run       INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS published (
                    period      TEXT NOT NULL PRIMARY KEY,
                    provisional INTEGER NOT NULL,
                    built_at    TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS runs (
                    id       INTEGER PRIMARY KEY,
                    period   TEXT NOT NULL,
                    started  TEXT NOT NULL,
                    pid      INTEGER NOT NULL,
                    finished INTEGER NOT NULL DEFAULT 0,
                    mark     TEXT
                );
                """)
        }
        var readOnly = configuration
        readOnly.readonly = true
        reader = try DatabaseQueue(path: path, configuration: readOnly)
    }

    /// Lets another build of the output start (the record must not be used afterwards).
    func releaseLock() { lock.release() }

    // MARK: Runs

    /// A build that started and never finished.
    struct InterruptedRun {
        var id: Int64
        var period: Period
        /// The highest member_id it may have written pages for (nil: it wrote no statements).
        var mark: String?
    }

    func interruptedRun() throws -> InterruptedRun? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, period, mark FROM runs WHERE finished = 0 ORDER BY id DESC LIMIT 1"),
                  let period = Period(row[1] as String, calendar: calendar) else { return nil }
            return InterruptedRun(id: row[0], period: period, mark: row[2])
        }
    }

    /// Distrusts what the record says of every member an interrupted run may have written pages
    /// for, but did not record as done: their entries for its period are forgotten, and their
    /// other periods are marked for a refresh. The next statement pass rewrites exactly those.
    func recoverFromInterruptedRun(_ run: InterruptedRun) throws {
        try writer.write { db in
            if let mark = run.mark {
                try db.execute(sql: """
                    DELETE FROM member_pages WHERE period = ? AND member_id <= ? AND run <> ?
                    """, arguments: [run.period.description, mark, run.id])
                try db.execute(sql: """
                    UPDATE member_state SET revision = NULL WHERE member_id <= ? AND run <> ?
                    """, arguments: [mark, run.id])
            }
            try db.execute(sql: "UPDATE runs SET finished = 2 WHERE finished = 0")
        }
    }

    func beginRun(period: Period) throws {
        runID = try writer.write { db in
            try db.execute(sql: "INSERT INTO runs (period, started, pid) VALUES (?, ?, ?)",
                           arguments: [period.description, ISO8601DateFormatter().string(from: Date()), Int(getpid())])
            // Keep the last few runs only.
            try db.execute(sql: "DELETE FROM runs WHERE id < ? - 20", arguments: [db.lastInsertedRowID])
            return db.lastInsertedRowID
        }
    }

    /// Records, before writing, that pages of members up to `memberID` may be about to change.
    func advanceMark(to memberID: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE runs SET mark = ? WHERE id = ?", arguments: [memberID, runID])
        }
    }

    /// The build finished: its period is published.
    func finishRun(period: Period, provisional: Bool) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO published (period, provisional, built_at) VALUES (?, ?, ?)
                ON CONFLICT (period) DO UPDATE SET provisional = excluded.provisional, built_at = excluded.built_at
                """, arguments: [period.description, provisional, ISO8601DateFormatter().string(from: Date())])
            try db.execute(sql: "UPDATE runs SET finished = 1 WHERE id = ?", arguments: [runID])
        }
    }

    // MARK: Published periods

    /// The periods built into this output, oldest first, with whether each is provisional.
    func publishedPeriods() throws -> [(period: Period, provisional: Bool)] {
        try writer.read { db in try Self.publishedPeriods(db, calendar: calendar) }
    }

    private static func publishedPeriods(_ db: Database, calendar: BillingCalendar) throws -> [(period: Period, provisional: Bool)] {
        try Row.fetchAll(db, sql: "SELECT period, provisional FROM published ORDER BY period").compactMap { row in
            Period(row[0] as String, calendar: calendar).map { ($0, row[1] as Bool) }
        }
    }

    /// After `unpublish` removed a period: every member's pages are marked for a refresh (their
    /// lists of earlier statements named it), and the entries of the period that becomes the
    /// latest are forgotten (the latest page showed the removed one).
    func distrustAfterUnpublishing(newLatest: Period?) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE member_state SET revision = NULL")
            if let newLatest {
                try db.execute(sql: "DELETE FROM member_pages WHERE period = ?", arguments: [newLatest.description])
            }
        }
    }

    /// Forgets a period whose pages `unpublish` removed.
    func forget(period: Period) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM published WHERE period = ?", arguments: [period.description])
            try db.execute(sql: "DELETE FROM member_pages WHERE period = ?", arguments: [period.description])
        }
    }

    // MARK: Member pages

    /// What the previous builds recorded of a member.
    struct Previous {
        /// The hash and tier of the member's pages for the period being built.
        var hash: Data?
        var tier: String?
        /// The ledger revision all the member's published pages reflect (nil: unknown).
        var revision: Int?
        /// Every page recorded for the member, as `period:token` separated by spaces: the periods
        /// published at their current address, without listing their folder.
        var recordedPages: String?

        /// The periods recorded at `token`'s address, newest first. Read from the text's bytes in one
        /// pass (this runs for every member of every build): no array of pieces, no set.
        func recordedPeriods(token: String, calendar: BillingCalendar) -> [Period] {
            guard var text = recordedPages else { return [] }
            var token = token
            var periods: [Period] = []
            text.withUTF8 { bytes in
                token.withUTF8 { token in
                    var start = 0
                    while start < bytes.count {
                        var end = start
                        while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                        // `period:token`
                        var colon = start
                        while colon < end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
                        if colon < end, end - colon - 1 == token.count,
                           memcmp(bytes.baseAddress! + colon + 1, token.baseAddress!, token.count) == 0,
                           let period = RecordedPeriods.period(UnsafeBufferPointer(rebasing: bytes[start..<colon]), calendar: calendar),
                           !periods.contains(period) {
                            periods.append(period)
                        }
                        start = end + 1
                    }
                }
            }
            return periods.sorted(by: >)
        }
    }

    /// Calls `body` with a function giving what was recorded of a member for `period`; it must be
    /// asked in member_id order (the store's order), so that the record is read as two streams
    /// beside the members.
    func withPrevious<T>(period: Period, _ body: (_ previousFor: (String) throws -> Previous) throws -> T) throws -> T {
        try reader.read { db in
            let pagesQuery = try db.makeStatement(sql: "SELECT member_id, hash, tier FROM member_pages WHERE period = ? ORDER BY member_id")
            try pagesQuery.setArguments([period.description])
            let pages = try SQLiteOrderedLookup(pagesQuery)
            let states = try SQLiteOrderedLookup(db.makeStatement(sql: "SELECT member_id, revision FROM member_state ORDER BY member_id"))
            // Read in the primary key's order: one pass, no sort.
            let recorded = try SQLiteOrderedLookup(db.makeStatement(sql: """
                SELECT member_id, group_concat(period || ':' || token, ' ') FROM member_pages
                GROUP BY member_id ORDER BY member_id
                """))
            return try body { memberID in
                var previous = Previous()
                if try pages.seek(memberID) {
                    previous.hash = pages.data(1)
                    previous.tier = pages.text(2)
                }
                if try states.seek(memberID) { previous.revision = states.integer(1) }
                if try recorded.seek(memberID) { previous.recordedPages = recorded.text(1) }
                return previous
            }
        }
    }

    struct Entry {
        var memberID: String
        var period: Period
        var token: String
        var tier: String?
        var hash: Data
    }

    /// Records pages that are now in place, and the ledger revision members' pages now reflect.
    func commit(_ entries: [Entry], states: [(memberID: String, revision: Int)]) throws {
        guard !entries.isEmpty || !states.isEmpty else { return }
        try writer.write { db in
            let page = try db.makeStatement(sql: """
                INSERT INTO member_pages (member_id, period, token, tier, hash, run) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (member_id, period) DO UPDATE
                    SET token = excluded.token, tier = excluded.tier, hash = excluded.hash, run = excluded.run
                """)
            for entry in entries {
                try page.execute(arguments: [entry.memberID, entry.period.description, entry.token, entry.tier, entry.hash, runID])
            }
            let state = try db.makeStatement(sql: """
                INSERT INTO member_state (member_id, revision, run) VALUES (?, ?, ?)
                ON CONFLICT (member_id) DO UPDATE SET revision = excluded.revision, run = excluded.run
                """)
            for (memberID, revision) in states {
                try state.execute(arguments: [memberID, revision, runID])
            }
        }
    }
}

/// Rows of a cursor ordered by their first column (a member_id), looked up in the same order.
/// Periods named in the record, made once each: every member's record names the same few, and
/// making a period works out its first and last days in its calendar (Persian and Umm al-Qura
/// through Foundation's calendars).
enum RecordedPeriods {
    private struct Key: Hashable {
        let calendar: BillingCalendar
        let month: Int
    }
    private static let known = Locked<[Key: Period]>([:])

    static func period(_ text: UnsafeBufferPointer<UInt8>, calendar: BillingCalendar) -> Period? {
        // `YYYY-MM` read from its bytes: the key is a number, not a string made per page.
        var month = 0, count = 0
        for byte in text {
            count += 1
            if count == 5 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= 48, byte <= 57, count <= 7 else { return nil }
                month = month * 10 + Int(byte - 48)
            }
        }
        guard count == 7 else { return nil }
        let key = Key(calendar: calendar, month: month)
        if let period = known.withLock({ $0[key] }) { return period }
        guard let period = Period(String(decoding: text, as: UTF8.self), calendar: calendar) else { return nil }
        known.withLock { if $0.count < 10_000 { $0[key] = period } }
        return period
    }
}

import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// What `punchcard mail --send` and `punchcard sms --send` have handed over, per period, channel
/// and member: `.punchcard/mail.sqlite` in the site's folder. Each message is recorded, and committed, as soon as the sendmail command
/// accepts it, so a run that is killed loses nothing it had done, and the next run sends only what
/// is not recorded. Unlike the build record this is not a cache: deleting it, with the claims
/// beside it (`.punchcard/mail-claims/`, `sms-claims/`, see `DeliveryClaims`), means members are
/// messaged again. One run per channel at a time (`.punchcard/mail.lock`, `sms.lock`).
public final class DeliveryRecord: @unchecked Sendable {
    public enum State: String, Sendable {
        case sent, failed
    }

    public struct Entry: Sendable, Equatable {
        public var state: State
        public var detail: String?
    }

    private let queue: DatabaseQueue
    private let lock: FileLock
    public let path: String
    public let channel: DeliveryChannel

    /// - Parameter shard: a shard's run (`mail --shard I/N`) records in a file and lock of its own,
    ///   `mail.shard-I-of-N.sqlite`, so that shards on other machines never share an SQLite file.
    public init(root: URL, shard: Shard? = nil, channel: DeliveryChannel = .email) throws {
        self.channel = channel
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shardName = shard.map { ".shard-\($0.index)-of-\($0.count)" } ?? ""
        let name = "mail" + shardName
        do {
            lock = try FileLock(path: folder.appendingPathComponent(channel.command + shardName + ".lock").path)
        } catch .busy(let holder) {
            throw MailError.busy(command: channel.command, holder: holder)
        } catch .cannotCreate(let path, let reason) {
            throw MailError.cannotWrite(path: path, reason: reason)
        }
        let path = folder.appendingPathComponent("\(name).sqlite").path
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // A recorded message must stay recorded through a power cut too: a lost record is a
            // second e-mail to a member.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try Self.reporting(path) { try DatabaseQueue(path: path, configuration: configuration) }
        try Self.reporting(path) { try queue.write(Self.createOrUpgrade) }
    }

    static let table = """
        CREATE TABLE deliveries (
            period     TEXT NOT NULL,
            channel    TEXT NOT NULL,              -- email or sms
            member_id  TEXT NOT NULL,
            state      TEXT NOT NULL,
            message_id TEXT NOT NULL,
            address    TEXT NOT NULL,              -- the e-mail address or phone number it went to
            at         TEXT NOT NULL,
            detail     TEXT,
            PRIMARY KEY (period, channel, member_id)
        ) WITHOUT ROWID
        """

    /// The table, made, or brought to this version: a record from before SMS (no `channel`) has
    /// every row taken as e-mail, in one transaction (a kill leaves the old table whole).
    static func createOrUpgrade(_ db: Database) throws {
        guard try db.tableExists("deliveries") else { try db.execute(sql: table); return }
        guard try !db.columns(in: "deliveries").contains(where: { $0.name == "channel" }) else { return }
        try db.execute(sql: "ALTER TABLE deliveries RENAME TO deliveries_before_sms")
        try db.execute(sql: table)
        try db.execute(sql: """
            INSERT INTO deliveries (period, channel, member_id, state, message_id, address, at, detail)
            SELECT period, 'email', member_id, state, message_id, address, at, detail FROM deliveries_before_sms;
            DROP TABLE deliveries_before_sms;
            """)
    }

    /// SQLite's errors in the operator's words (no raw library message reaches the terminal).
    static func reporting<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let reason: String
            switch error.resultCode {
            case .SQLITE_FULL: reason = "the disk is full"
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "it is not a delivery record (damaged?); move it away to start a new one, which mails everyone again"
            case .SQLITE_BUSY, .SQLITE_LOCKED: reason = "it is busy"
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: reason = "it cannot be opened for writing"
            default: reason = "it cannot be read or written"
            }
            throw MailError.record(path: path, reason: reason)
        }
    }

    /// Every member recorded for `period`.
    public func entries(period: Period) throws -> [String: Entry] {
        try Self.reporting(path) { try queue.read { db in try Self.entries(db, period: period, channel: channel) } }
    }

    /// One record's entries for `period` and `channel` (none when it has no table yet; a record
    /// from before SMS holds e-mail only).
    private static func entries(_ db: Database, period: Period, channel: DeliveryChannel) throws -> [String: Entry] {
        guard try db.tableExists("deliveries") else { return [:] }
        let hasChannel = try db.columns(in: "deliveries").contains { $0.name == "channel" }
        if !hasChannel, channel != .email { return [:] }
        var entries: [String: Entry] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT member_id, state, detail FROM deliveries WHERE period = ?" + (hasChannel ? " AND channel = ?" : ""),
            arguments: StatementArguments([period.description] + (hasChannel ? [channel.rawValue] : [])))
        while let row = try rows.next() {
            entries[row["member_id"]] = Entry(state: State(rawValue: row["state"]) ?? .failed, detail: row["detail"])
        }
        return entries
    }

    /// What every record of the site says of `period` (the whole site's and each shard's, whatever
    /// the number of shards then), this one's entries last: a member sent to by any run counts as
    /// sent, so changing the number of shards mails nobody twice.
    public func entriesOfEveryRecord(root: URL, period: Period) throws -> [String: Entry] {
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("mail") && $0.hasSuffix(".sqlite") }
            .map { folder.appendingPathComponent($0).path }
            .filter { URL(fileURLWithPath: $0).standardizedFileURL.path != URL(fileURLWithPath: path).standardizedFileURL.path }
        var entries: [String: Entry] = [:]
        for other in others.sorted() {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let found = try Self.reporting(other) {
                try DatabaseQueue(path: other, configuration: configuration).read { db in
                    try Self.entries(db, period: period, channel: channel)
                }
            }
            // Sent anywhere wins over failed elsewhere.
            entries.merge(found) { old, new in old.state == .sent ? old : new }
        }
        entries.merge(try self.entries(period: period)) { other, own in other.state == .sent && own.state != .sent ? other : own }
        return entries
    }

    /// Notes one message, committed before it returns.
    public func record(period: Period, memberID: String, state: State, messageID: String, address: String, detail: String? = nil) throws {
        try Self.reporting(path) { try queue.write { db in
            try db.execute(sql: """
                INSERT INTO deliveries (period, channel, member_id, state, message_id, address, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, channel, member_id) DO UPDATE SET state = excluded.state, message_id = excluded.message_id,
                    address = excluded.address, at = excluded.at, detail = excluded.detail
                """, arguments: [period.description, channel.rawValue, memberID, state.rawValue, messageID, address,
                                 ISO8601DateFormatter().string(from: Date()), detail])
        } }
    }

    public func releaseLock() { lock.release() }
}

/// Why a mail run stops, in the operator's words.
public enum MailError: Error, CustomStringConvertible {
    case busy(command: String, holder: String)
    case cannotWrite(path: String, reason: String)
    case refused(String)
    case record(path: String, reason: String)

    public var description: String {
        switch self {
        case .busy(let command, let holder):
            let who = holder.isEmpty ? "another process" : "process \(holder.replacingOccurrences(of: "pid ", with: ""))"
            return "another `punchcard \(command)` of this site is running (\(who)); wait for it to finish"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .refused(let reason):
            return reason
        case .record(let path, let reason):
            return "the delivery record \(path): \(reason)"
        }
    }
}

/// How a statement reaches a member: each has its own claims, lock and rows in the one delivery record.
public enum DeliveryChannel: String, Sendable {
    case email, sms

    /// The command that delivers on it, which names its lock and claims.
    public var command: String { self == .email ? "mail" : "sms" }
}

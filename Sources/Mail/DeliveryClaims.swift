import Crypto
import Foundation
import PunchcardStatements
import PunchcardSupport

/// One claim per member and period, shared by every `mail --send` of the site whatever its shard
/// setting (`.punchcard/mail-claims/<period>/`): a run takes a member's claim before it hands the
/// message over, and a claim can be taken once. Two runs that meet (an unsharded run beside
/// `--shard 0/2`, or `--shard 0/2` beside `--shard 0/3`) therefore never both mail a member. The
/// claim is a file created with `O_EXCL`, atomic on a local disk and on a shared (NFS) one.
///
/// A claim says who holds it (host and process) and, once the message was accepted, `sent`. A
/// failed message gives its claim back. A claim whose process died before the message was
/// accepted is stale: the next run takes it over (by renaming it away, which only one run can do),
/// so a killed run leaves nobody unmailed.
final class DeliveryClaims: @unchecked Sendable {
    enum Outcome: Equatable {
        case claimed
        /// Another run has sent it.
        case sent
        /// Another run, still going, holds it.
        case held
    }

    let folder: URL
    private let host: String
    private let owner: String

    init(root: URL, period: Period, channel: DeliveryChannel = .email) throws {
        folder = root.appendingPathComponent(".punchcard/\(channel.command)-claims/\(period)", isDirectory: true)
        var name = [CChar](repeating: 0, count: 256)
        host = gethostname(&name, name.count - 1) == 0 ? String(cString: name) : "localhost"
        owner = "\(host) \(getpid())"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MailError.cannotWrite(path: folder.path, reason: "cannot create the folder of delivery claims")
        }
    }

    /// The claim's file: a hash of the member_id (any member_id is one safe name), in one of 256
    /// subfolders so that no folder holds a million names.
    func path(of memberID: String) -> String {
        let hash = SHA256.hash(data: Data(memberID.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        return folder.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(String(hash.dropFirst(2))).path
    }

    /// Takes the member's claim. With `resend`, a claim marked sent by a run that has ended is taken over too.
    func claim(_ memberID: String, resend: Bool) throws -> Outcome {
        let path = path(of: memberID)
        for _ in 0..<3 {
            if try create(path) { return .claimed }
            guard let held = try? String(contentsOfFile: path, encoding: .utf8) else { continue } // gone meanwhile: try again
            let fields = held.split(whereSeparator: \.isWhitespace)
            let isSent = fields.last == "sent"
            // A run never claims a member twice: a claim of this process is an earlier run's.
            let ownerGone = fields.count >= 2 && String(fields[0]) == host
                && Int32(fields[1]).map { $0 == getpid() || ProcessID.isGone($0) } == true
            if isSent && !(resend && ownerGone) { return .sent }
            // A claim is created whole (`create`); an empty one is what a full disk left.
            let stale = ownerGone || fields.isEmpty
            guard stale else { return .held }
            // Only one run can rename the stale claim away; the winner creates a new one.
            let away = path + ".stale-\(getpid())"
            if rename(path, away) == 0 { unlink(away) }
        }
        return .held
    }

    /// Marks the member's claim as sent (the message was accepted): a whole new claim renamed
    /// over it, so that no reader ever sees it half-written.
    func markSent(_ memberID: String) throws {
        let path = path(of: memberID)
        let temporary = try written("\(owner) sent\n", beside: path)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw MailError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Gives the claim back (the message failed): a later run may try again.
    func release(_ memberID: String) {
        unlink(path(of: memberID))
    }

    /// Creates the claim whole: written to a file of its own, then linked to the claim's name,
    /// which fails when the name is taken (`link(2)` is atomic, also over NFS).
    private func create(_ path: String) throws -> Bool {
        let temporary = try written("\(owner)\n", beside: path)
        defer { unlink(temporary) }
        if link(temporary, path) == 0 { return true }
        if errno == EEXIST { return false }
        throw MailError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }

    private func written(_ text: String, beside path: String) throws -> String {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).new"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            mkdir((path as NSString).deletingLastPathComponent, 0o755)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw MailError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        do {
            try write(text, to: descriptor, path: path)
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    private func write(_ text: String, to descriptor: Int32, path: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw MailError.cannotWrite(path: path, reason: written < 0 ? String(cString: strerror(errno)) : "the disk is full")
        }
    }
}

import Crypto
import Foundation
import GRDB
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// `punchcard forget`: erases members (`Erasure`) in the store, in one transaction, then from
/// Punchcard's own records: their deliveries lose the address and carry the opaque id, and the
/// build records forget their pages. With the site's output given, their statement folders
/// (every period's copy and old-layout redirect in them) go at once; otherwise the next build
/// removes them (their addresses are retired in the store). A run killed after the store's
/// transaction is finished by running it again: a member_id already erased has its records
/// cleaned once more, under the opaque id the store recorded.
public enum MemberErasure {
    public struct Outcome: Sendable {
        public var memberID: String
        public var erasure: Erasure
        /// Whether this run erased it (false: it was erased before; its records were cleaned again).
        public var erasedNow: Bool
    }

    public static func run(_ memberIDs: [String], store: MemberStore, root: URL, output: URL?, now: Date = Date()) throws -> [Outcome] {
        let stamp = ISO8601DateFormatter().string(from: now)
        var outcomes: [Outcome] = []
        var toErase: [String] = []
        var tokens: [String: [String]] = [:] // member_id → its statement tokens, for removing pages at once
        for memberID in memberIDs {
            if let member = try store.member(memberID) {
                toErase.append(member.memberID)
                let retired = try store.records(of: member.memberID)?.table("retired_tokens")?.rows.compactMap { $0.first ?? nil } ?? []
                tokens[member.memberID] = [member.token] + retired
            } else if let erasure = try store.erasure(of: memberID) {
                outcomes.append(Outcome(memberID: memberID, erasure: erasure, erasedNow: false))
            } else {
                throw StoreError.unknownMember(memberID)
            }
        }
        for (memberID, erasure) in try store.forget(toErase, at: stamp) {
            outcomes.append(Outcome(memberID: memberID, erasure: erasure, erasedNow: true))
        }
        for outcome in outcomes {
            try cleanRecords(memberID: outcome.memberID, opaqueID: outcome.erasure.opaqueID, root: root)
        }
        if let output {
            let folder = OutputFolder(url: output)
            for outcome in outcomes {
                // An earlier run's member: their folders are under tokens the store retired for the opaque id.
                let earlier = try store.retiredTokens().filter { $0.memberID == outcome.erasure.opaqueID }.map(\.token)
                let own = tokens[outcome.memberID] ?? earlier
                for token in own where MemberToken.isWellFormed(token) && folder.exists("m/\(token)") {
                    try folder.remove("m/\(token)")
                }
            }
        }
        return outcomes
    }

    /// Deliveries lose the address and carry the opaque id; build records forget the member's
    /// pages; delivery claims (named by a hash of the member_id, as `DeliveryClaims` names them) go.
    static func cleanRecords(memberID: String, opaqueID: String, root: URL) throws {
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        let hash = SHA256.hash(data: Data(memberID.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        for claims in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) where claims.hasSuffix("-claims") {
            let claimsFolder = folder.appendingPathComponent(claims, isDirectory: true)
            for period in (try? FileManager.default.contentsOfDirectory(atPath: claimsFolder.path)) ?? [] {
                let claim = claimsFolder.appendingPathComponent(period).appendingPathComponent(String(hash.prefix(2)))
                    .appendingPathComponent(String(hash.dropFirst(2)))
                try? FileManager.default.removeItem(at: claim)
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sqlite") }.sorted()
        for name in names where name.hasPrefix("mail") || name.hasPrefix("build") {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(name).path, configuration: configuration)
            try queue.write { db in
                if try db.tableExists("deliveries") {
                    try db.execute(sql: "UPDATE deliveries SET member_id = ?, address = '' WHERE member_id = ?", arguments: [opaqueID, memberID])
                }
                for table in ["member_pages", "member_state"] where try db.tableExists(table) {
                    try db.execute(sql: "DELETE FROM \(table) WHERE member_id = ?", arguments: [memberID])
                }
            }
        }
    }
}

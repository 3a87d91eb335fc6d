import Foundation
import PunchcardSupport
import PunchcardStatements
import PunchcardStore

extension Site {
    /// A rotated token's pages move to the new token, keeping the member's earlier statements;
    /// the old address stops working.
    /// With shards, each moves those of its own members.
    /// Returns the retired tokens, and the new tokens whose folders they moved to.
    static func moveRetiredTokens(store: MemberStore, output: OutputFolder, shard: Shard? = nil) throws
        -> (retired: [RetiredToken], moved: Set<String>) {
        let retired = try store.retiredTokens().filter { shard?.contains($0.memberID) ?? true }
        var moved = Set<String>()
        for token in retired where MemberToken.isWellFormed(token.token) {
            let old = "m/\(token.token)"
            guard output.exists(old) else { continue }
            if let current = token.currentToken, MemberToken.isWellFormed(current), !output.exists("m/\(current)") {
                try output.move(old, to: "m/\(current)")
                moved.insert(current)
            } else {
                try output.remove(old)
            }
        }
        return (retired, moved)
    }

    /// Removes `m/<token>/` folders whose token no member holds any more. The folder is read as a
    /// stream and each name looked up in the store, so memory does not grow with the member count.
    /// Only folders named like a statement token are Punchcard's: anything else in `m/` (an
    /// `.htaccess`, a README) is someone else's, left alone and listed in `foreign`.
    static func strayStatementFolders(store: MemberStore, output: OutputFolder) throws
        -> (stray: [String], total: Int, present: StatementFolders, foreign: [String]) {
        var stray: [String] = []
        var foreign: [String] = []
        var total = 0
        var present: [Int] = []
        try store.withTokenLookup { memberTokens in
            var batch: [String] = []
            func check() throws {
                let known = try memberTokens(batch)
                stray += batch.filter { !known.contains($0) }
                batch.removeAll(keepingCapacity: true)
            }
            try output.forEachName(in: "m") { name in
                guard MemberToken.isWellFormed(name) else {
                    // A temporary file of an interrupted build is Punchcard's, and repaired elsewhere.
                    if !(name.hasPrefix(".") && name.hasSuffix(".tmp")) { foreign.append(name) }
                    return
                }
                total += 1
                present.append(name.hashValue)
                batch.append(name)
                if batch.count == 1024 { try check() }
            }
            try check()
        }
        return (stray, total, StatementFolders(hashes: present), foreign.sorted())
    }

    /// Removes the stray folders found before the build (new ones cannot appear during it; those
    /// of rotated tokens were moved meanwhile and are gone). Returns how many it removed.
    static func removeStatementFolders(_ stray: [String], output: OutputFolder) throws -> Int {
        var removed = 0
        for name in stray where output.exists("m/\(name)") {
            do {
                try output.remove("m/\(name)")
            } catch where !output.exists("m/\(name)") {
                continue // another shard removed it meanwhile
            }
            removed += 1
        }
        return removed
    }
}

/// The statement folders (`m/<token>`) present when the build started, from the one listing of
/// `m/` every build makes: a member's folder deleted by hand is noticed without a look inside
/// each folder. Kept as sorted hashes (8 bytes a member), so memory stays small at any size.
struct StatementFolders: Sendable {
    private let hashes: [Int]

    init(hashes: [Int]) {
        var hashes = hashes
        hashes.sort() // in place: no second copy of a million hashes
        self.hashes = hashes
    }

    func contains(_ token: String) -> Bool {
        let hash = token.hashValue
        var low = 0, high = hashes.count
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < hashes.count && hashes[low] == hash
    }
}

/// A build that would delete many published statements is far more likely a mistake (the wrong
/// store, a partial export) than a real change: it refuses unless told `--allow-delete`.
enum DeletionGuard {
    /// Refuse when more than this share of the published statement folders would go…
    static let share = 0.05
    /// …and at least this many.
    static let minimum = 10

    /// The published statement folders no member holds, for the build to remove at its end;
    /// refuses when they are too many.
    static func check(store: MemberStore, output: OutputFolder, allowDelete: Bool) throws
        -> (stray: [String], present: StatementFolders, foreign: [String]) {
        let found = try Site.strayStatementFolders(store: store, output: output)
        guard !allowDelete else { return (found.stray, found.present, found.foreign) }
        let retired = Set(try store.retiredTokens().map(\.token))
        let deleting = found.stray.filter { !retired.contains($0) }.count
        guard deleting >= minimum, Double(deleting) > Double(found.total) * share else { return (found.stray, found.present, found.foreign) }
        let percent = Int((Double(deleting) / Double(max(1, found.total)) * 100).rounded())
        throw BuildRefusal(description: """
            this build would delete \(deleting) of the \(found.total) published statement folders (\(percent) %) in \
            \(output.path("m").path): their tokens belong to no member of \(store.path). Is it the right store \
            (--store)? Nothing was written. If the members are really gone, build again with --allow-delete.
            """)
    }
}

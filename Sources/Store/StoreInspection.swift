import Foundation

/// What `punchcard check` learns of a store without changing it: how far its schema is from this
/// Punchcard's (opening a store for real brings it up to date, which is a write).
public struct StoreInspection: Sendable, Equatable {
    /// Migrations the store has that this Punchcard knows.
    public var applied: Int
    /// Migrations this Punchcard knows.
    public var known: Int
    /// Migrations the store has that this Punchcard does not: a newer Punchcard wrote it.
    public var unknown: Int

    public init(applied: Int, known: Int, unknown: Int) {
        self.applied = applied
        self.known = known
        self.unknown = unknown
    }

    public var isCurrent: Bool { applied == known && unknown == 0 }
}

extension MemberStore {
    /// Reads the store's schema version at `path` read-only: missing, unreachable or not a store
    /// throws a `StoreError`.
    public static func inspect(path: String) throws -> StoreInspection {
        if let opener = try serverOpener(for: path) { return try opener.inspect(address: path) }
        return try SQLiteStore.inspect(path: path)
    }
}

extension ServerStoreOpener {
    public func inspect(address: String) throws -> StoreInspection {
        throw StoreError.cannotOpen(path: MemberStore.withoutPassword(address), reason: "this store cannot be inspected")
    }
}

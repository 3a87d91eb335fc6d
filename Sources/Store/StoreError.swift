import Foundation
import GRDB
import PunchcardSupport

/// What can go wrong with the member store, in words for the operator. No raw SQLite message
/// reaches an operator: `StoreError.wrapping` turns a database error into one of these.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case missing(path: String)
    case notAStore(path: String, reason: String)
    case busy(path: String)
    case diskFull(path: String)
    case readOnly(path: String)
    case damaged(path: String)
    case cannotOpen(path: String, reason: String)
    case unknownMember(String)
    /// A database server went away mid-run (stopped, killed, unreachable).
    case connectionLost(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownMember: return reason
        case .missing(let path), .notAStore(let path, _), .busy(let path), .diskFull(let path), .readOnly(let path),
             .damaged(let path), .cannotOpen(let path, _), .connectionLost(let path, _):
            return "\(path): \(reason)"
        }
    }

    /// The same error, about the store at `path`.
    func about(_ path: String) -> StoreError {
        switch self {
        case .missing: return .missing(path: path)
        case .notAStore(_, let why): return .notAStore(path: path, reason: why)
        case .busy: return .busy(path: path)
        case .diskFull: return .diskFull(path: path)
        case .readOnly: return .readOnly(path: path)
        case .damaged: return .damaged(path: path)
        case .cannotOpen(_, let why): return .cannotOpen(path: path, reason: why)
        case .connectionLost(_, let why): return .connectionLost(path: path, reason: why)
        case .unknownMember: return self
        }
    }

    /// What went wrong, without the store's path.
    public var reason: String {
        switch self {
        case .missing:
            return "no member store there (check --store; `punchcard import` creates a store)"
        case .notAStore(_, let why):
            return "not a Punchcard member store (\(why))"
        case .busy:
            return "the member store is busy: another import is writing to it; "
                + "waited \(Int(MemberStore.busyTimeout)) s, try again when it has finished"
        case .diskFull:
            return "the disk is full"
        case .readOnly:
            return "the member store cannot be written (read-only file or folder)"
        case .damaged:
            return "the member store file is damaged; restore it from a backup"
        case .cannotOpen(_, let why):
            return "cannot open the member store: \(why)"
        case .connectionLost(_, let why):
            return "the connection to the member store was lost: \(why)"
        case .unknownMember(let id):
            return "no member with member_id \(Diagnostic.quote(id)) in the store"
        }
    }

    /// The error as the operator should read it: a `StoreError` for anything SQLite reported
    /// about the store at `path`; other errors pass through unchanged.
    public static func wrapping(_ error: Error, path: String) -> Error {
        describing(error, path: path) ?? error
    }

    /// The store's own error for a database error (SQLite's, through GRDB), or nil for any other
    /// error: callers that do not know the database library ask here.
    public static func describing(_ error: Error, path: String) -> StoreError? {
        guard let database = error as? DatabaseError else { return nil }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path)
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnly(path: path)
        case .SQLITE_NOTADB: return StoreError.notAStore(path: path, reason: "not an SQLite database")
        case .SQLITE_CORRUPT: return StoreError.damaged(path: path)
        case .SQLITE_CANTOPEN: return StoreError.cannotOpen(path: path, reason: "the file or its folder cannot be opened")
        case .SQLITE_IOERR:
            // SQLITE_IOERR_WRITE and friends on a full disk come back as I/O errors.
            if Self.diskIsFull(near: path) {
                return StoreError.diskFull(path: path)
            }
            return StoreError.cannotOpen(path: path, reason: "a disk error while reading or writing the file")
        case .SQLITE_ERROR where database.message?.contains("no such table") == true:
            return StoreError.notAStore(path: path, reason: "it has no Punchcard tables")
        default:
            return StoreError.cannotOpen(path: path, reason: "the database reported error \(database.resultCode.rawValue)")
        }
    }

    /// Whether the file system holding `path` has no room left.
    static func diskIsFull(near path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder),
              let free = attributes[.systemFreeSize] as? NSNumber else { return false }
        return free.int64Value < 1 << 20
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Unlinks replaced pages on a thread of its own. Freeing a file's blocks can wait for the disk
/// (a file system mounted with `discard` trims them before the unlink returns), and the rendering
/// threads need not wait with it. The build waits for it before it finishes; a build killed first
/// leaves the old pages at their temporary names, which the next build removes.
/// (Four threads were measured slower than one: they contend in ext4.)
public final class DeferredRemoval: Sendable {
    private let workers = BackgroundWorkers<String>(threads: 1, capacity: 1024) { unlink($0) }

    public init() {}

    /// Unlinks `path` soon (absolute).
    public func remove(_ path: String) {
        if !workers.send(path) { unlink(path) }
    }

    /// Waits until every path handed over is unlinked.
    public func finish() { workers.finish() }
}

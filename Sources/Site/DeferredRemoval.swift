import Foundation
import PunchcardSupport
#if canImport(Glibc)
import Glibc
#endif

/// Unlinks replaced pages on a thread of its own. Freeing a file's blocks can wait for the disk
/// (a file system mounted with `discard` trims them before the unlink returns), and the rendering
/// threads need not wait with it. The build waits for it before it finishes; a build killed first
/// leaves the old pages at their temporary names, which the next build removes.
final class DeferredRemoval: @unchecked Sendable {
    private let paths = BatchChannel<String>(capacity: 1024)
    private let done = NSCondition()
    private var finished = false

    init() {
        let thread = Thread { [paths, done] in
            while let path = paths.receive() { unlink(path) }
            done.lock()
            self.finished = true
            done.broadcast()
            done.unlock()
        }
        thread.start()
    }

    /// Unlinks `path` soon (absolute).
    func remove(_ path: String) {
        if !paths.send(path) { unlink(path) }
    }

    /// Waits until every path handed over is unlinked.
    func finish() {
        paths.close()
        done.lock()
        while !finished { done.wait() }
        done.unlock()
    }
}

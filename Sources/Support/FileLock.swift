import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file: the kernel releases it when the holder exits in any way (even
/// `kill -9`), so it is never left stale. The file names the holder (pid and start time), so that
/// a refusal can say who holds it.
public final class FileLock: @unchecked Sendable {
    private var descriptor: Int32

    public enum Failure: Error {
        /// Another live process holds it; its note ("pid 123, started …"), when readable.
        case busy(holder: String)
        case cannotCreate(path: String, reason: String)
    }

    public init(path: String) throws(Failure) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .busy(holder: holder ?? "")
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Releases the lock now (also done when the lock goes away).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build of an output at a time. The lock is a `flock` on a file in `.punchcard/`: the kernel
/// releases it when the holder exits in any way (even `kill -9`), so it can never be left stale.
/// The file also names the holder, so that a refusal can say who is building.
final class BuildLock: @unchecked Sendable {
    private var descriptor: Int32

    init(path: String, output: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildLockError.cannotCreate(path, String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw BuildLockError.busy(output: output, holder: holder ?? "")
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Releases the lock now (also done when the lock goes away).
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}

enum BuildLockError: Error, CustomStringConvertible {
    case busy(output: String, holder: String)
    case cannotCreate(String, String)

    var description: String {
        switch self {
        case .busy(let output, let holder):
            let who = holder.isEmpty ? "another process" : "process \(holder.replacingOccurrences(of: "pid ", with: ""))"
            return "another build of this site into \(output) is running (\(who)); wait for it to finish. "
                + "The lock is held by a live process: a build that is killed releases it at once, so it is never stale."
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create the build lock: \(reason)"
        }
    }
}

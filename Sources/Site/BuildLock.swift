import Foundation
import PunchcardSupport

/// One build of an output at a time: a `FileLock` on a file in `.punchcard/`.
final class BuildLock: @unchecked Sendable {
    private let lock: FileLock

    init(path: String, output: String) throws {
        do {
            lock = try FileLock(path: path)
        } catch .busy(let holder) {
            throw BuildLockError.busy(output: output, holder: holder)
        } catch .cannotCreate(let path, let reason) {
            throw BuildLockError.cannotCreate(path, reason)
        }
    }

    /// Releases the lock now (also done when the lock goes away).
    func release() { lock.release() }
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

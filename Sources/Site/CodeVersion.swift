import Crypto
import Foundation
import PunchcardSupport
#if canImport(Glibc)
import Glibc
#endif

/// What the code that renders pages is: a hash of the running program's file. It goes into every
/// statement's fingerprint instead of a version number someone must remember to bump, so an upgrade
/// re-renders every page once, and writes only the pages whose bytes it changed (the others are
/// compared with what is on disk and left alone: see `StatementWriter`).
///
/// Hashing the program (about 100 MB) takes half a second, so the hash is kept in
/// `.punchcard/code-version` with the file's identity (device, inode, size, modification time) and
/// reused while the identity holds.
enum CodeVersion {
    static func current(cacheFolder: URL) -> String {
        // The program does not change while it runs: hashed (or read from a cache) once per process.
        if let known = known.withLock({ $0 }) { return known }
        let version = computed(cacheFolder: cacheFolder)
        known.withLock { $0 = version }
        return version
    }

    private static let known = Locked<String?>(nil)

    private static func computed(cacheFolder: URL) -> String {
        let executable = "/proc/self/exe"
        var status = stat()
        guard stat(executable, &status) == 0 else { return fallback }
        let identity = "\(status.st_dev) \(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        let cache = cacheFolder.appendingPathComponent("code-version")
        if let kept = try? String(contentsOf: cache, encoding: .utf8) {
            let lines = kept.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= 2, lines[0] == identity, lines[1].count == 64 { return String(lines[1]) }
        }
        guard let hash = hash(of: executable) else { return fallback }
        // Kept for the next command; a failure to keep it costs only time.
        let temporary = cacheFolder.appendingPathComponent(".code-version.\(getpid()).tmp")
        if (try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)) != nil,
           (try? "\(identity)\n\(hash)\n".write(to: temporary, atomically: false, encoding: .utf8)) != nil {
            if rename(temporary.path, cache.path) != 0 { unlink(temporary.path) }
        }
        return hash
    }

    /// When the program's file cannot be read: the release's own name for its page format.
    static let fallback = "punchcard-statement-v5"

    private static func hash(of path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

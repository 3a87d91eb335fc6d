import Foundation
import PunchcardSupport
#if canImport(Glibc)
import Glibc
#endif

/// The site's secret: the key unsubscribe links are signed with (`UnsubscribeSigner`). Never
/// published: it lives in `.punchcard/secret` beside the site's records (made once, 32 random bytes,
/// readable by its owner only), or comes from `PUNCHCARD_SECRET` in the environment, so that shards
/// and other machines sign alike.
public enum SiteSecret {
    public static let environmentVariable = "PUNCHCARD_SECRET"
    /// A secret given in the environment must be at least this long (as text).
    public static let minimumLength = 32

    public enum Problem: Error, CustomStringConvertible {
        case tooShort
        case cannotWrite(path: String, reason: String)
        case unreadable(path: String)

        public var description: String {
            switch self {
            case .tooShort:
                return "\(SiteSecret.environmentVariable) is shorter than \(SiteSecret.minimumLength) characters: give a long random text (such as `openssl rand -hex 32`)"
            case .cannotWrite(let path, let reason):
                return "\(path): cannot write the site's secret (\(reason))"
            case .unreadable(let path):
                return "\(path): the site's secret cannot be read, or is not 64 hexadecimal digits (remove it to make a new one: links already sent then stop working)"
            }
        }
    }

    /// The secret: from the environment when given there, else `.punchcard/secret` under `root`,
    /// made when it does not exist yet (two processes making it at once agree on one).
    public static func load(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        if let given = environment[environmentVariable], !given.isEmpty {
            guard given.count >= minimumLength else { throw Problem.tooShort }
            return Array(given.utf8)
        }
        let folder = root.appendingPathComponent(".punchcard", isDirectory: true)
        let path = folder.appendingPathComponent("secret").path
        if let existing = try read(path) { return existing }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Problem.cannotWrite(path: folder.path, reason: "cannot create the folder")
        }
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        // Written whole beside its name, then linked to it: another process's secret, made at the
        // same moment, wins and is the one both use.
        let temporary = path + ".\(getpid()).new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let written = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        defer { unlink(temporary) }
        guard written == text.utf8.count, synced else {
            throw Problem.cannotWrite(path: path, reason: written < 0 ? String(cString: strerror(errno)) : "the disk is full")
        }
        if link(temporary, path) != 0, errno != EEXIST {
            throw Problem.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard let made = try read(path) else { throw Problem.unreadable(path: path) }
        return made
    }

    /// The secret in the file, or nil when there is none.
    static func read(_ path: String) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Problem.unreadable(path: path) }
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { throw Problem.unreadable(path: path) }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}

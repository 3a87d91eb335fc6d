import CFileSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder the site is written to. Every file is written to a temporary name and renamed into
/// place, so a reader (a web server, a sync tool, a build killed half-way) never sees a half-written file.
public struct OutputFolder: Sendable {
    public let url: URL
    /// The folder's path, for building file paths without URL's cost (once per file written).
    private let basePath: String
    /// Where replaced pages go to be unlinked (nil: unlinked at once).
    public var deferredRemoval: DeferredRemoval?

    public init(url: URL) {
        self.url = url
        let path = url.standardizedFileURL.path
        basePath = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public func path(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    /// The absolute path of a file in the output, as a string (no URL's cost).
    public func absolutePath(_ relative: String) -> String { basePath + "/" + relative }

    public func write(_ text: String, to relative: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: relative) }
    }

    public func write(_ data: Data, to relative: String) throws {
        try data.withUnsafeBytes { try write($0, to: relative) }
    }

    /// Writes to `.<name>.<pid>.tmp` beside the file, then renames it over the file: readers see
    /// the old file or the new one, never a part. No fsync: a static site can be rebuilt, and
    /// syncing every page made writing a large site disk-bound (atomicity does not need it).
    public func write(_ bytes: UnsafeRawBufferPointer, to relative: String) throws {
        try write(pieces: [bytes], to: relative)
    }

    /// A page made of three texts (a statement: the layout's head, the article, the layout's tail),
    /// written with one system call and without first joining them into a fourth.
    /// - Parameter replacing: whether a file is probably at `relative` already (see `putInPlace`).
    public func write(_ head: String, _ body: String, _ tail: String, to relative: String, replacing: Bool = false) throws {
        var (head, body, tail) = (head, body, tail)
        try head.withUTF8 { head in
            try body.withUTF8 { body in
                try tail.withUTF8 { tail in
                    try write(pieces: [UnsafeRawBufferPointer(head), UnsafeRawBufferPointer(body), UnsafeRawBufferPointer(tail)],
                              to: relative, replacing: replacing)
                }
            }
        }
    }

    /// A page rendered into bytes, written as `write(_:_:_:to:replacing:)` writes.
    /// - Parameter newFolder: the file's folder is probably not there yet (made first, rather than
    ///   after a failed attempt to create the file in it).
    public func write(bytes: [UInt8], to relative: String, replacing: Bool = false, newFolder: Bool = false) throws {
        try bytes.withUnsafeBytes { try write(pieces: [$0], to: relative, replacing: replacing, newFolder: newFolder) }
    }

    private func write(pieces: [UnsafeRawBufferPointer], to relative: String, replacing: Bool = false, newFolder: Bool = false) throws {
        let destination = basePath + "/" + relative
        let (folder, temporary) = Self.temporaryName(for: destination)
        if newFolder { try makeFolders(folder) }
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try makeFolders(folder)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError.system("cannot create", destination, errno) }
        var vectors = pieces.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var next = 0
        while next < vectors.count {
            let written = vectors.withUnsafeMutableBufferPointer { vectors in
                writev(descriptor, vectors.baseAddress! + next, Int32(vectors.count - next))
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw OutputError.system("cannot write", destination, code)
            }
            // A short write: skip what went out, and carry on from there.
            var left = written
            while next < vectors.count, left >= vectors[next].iov_len {
                left -= vectors[next].iov_len
                next += 1
            }
            if next < vectors.count, left > 0 {
                vectors[next].iov_base = vectors[next].iov_base.map { $0 + left }
                vectors[next].iov_len -= left
            }
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError.system("cannot write", destination, code)
        }
        try putInPlace(temporary, destination, replacing: replacing)
    }

    /// Moves the finished `temporary` file to `destination`, replacing what is there at once.
    ///
    /// A plain rename over an existing file makes ext4 write the new file's data out there and then
    /// (its `auto_da_alloc` safeguard for programs that forget to fsync), which made rewriting a
    /// site about twice as slow as writing it anew. So when the caller expects a file there, the
    /// two names are swapped atomically (renameat2's RENAME_EXCHANGE) and the old file, now at the
    /// temporary name, is unlinked: readers still see the old page or the new one, and the kernel
    /// writes the new one back in its own time, as it does a new file. Where the exchange is not
    /// supported, or nothing was there after all, it is a rename. A build killed between the swap
    /// and the unlink leaves the old page at the temporary name, removed by the next build.
    private func putInPlace(_ temporary: String, _ destination: String, replacing: Bool) throws {
        if replacing, Self.exchangeWorks.withLock({ $0 }) {
            if punchcard_exchange(temporary, destination) == 0 {
                if let deferredRemoval { deferredRemoval.remove(temporary) } else { unlink(temporary) }
                return
            }
            if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { Self.exchangeWorks.withLock { $0 = false } }
        }
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError.system("cannot rename into place", destination, code)
        }
    }

    /// Whether renameat2's exchange works here; false after the first refusal.
    private static let exchangeWorks = Locked(true)

    /// Gives the file at `existing` a second name, `relative` (a hard link: the same bytes, no
    /// second write), replacing whatever had that name at once: readers see the old file or the
    /// new one. The link is made at a temporary name and renamed into place.
    public func link(_ existing: String, as relative: String, replacing: Bool = false) throws {
        let source = basePath + "/" + existing
        let destination = basePath + "/" + relative
        // A new name needs no temporary: a hard link appears whole, at once.
        if !replacing {
            if Glibc.link(source, destination) == 0 { return }
            guard errno == EEXIST else { throw OutputError.system("cannot link", destination, errno) }
        }
        let temporary = Self.temporaryName(for: destination).temporary
        var made = Glibc.link(source, temporary)
        if made != 0 && errno == EEXIST { // left by this process before an error: replace it
            unlink(temporary)
            made = Glibc.link(source, temporary)
        }
        guard made == 0 else { throw OutputError.system("cannot link", destination, errno) }
        try putInPlace(temporary, destination, replacing: true)
    }

    /// Whether the file at `relative` holds exactly `bytes` (false when it is missing or unreadable).
    public func holds(_ bytes: [UInt8], at relative: String) -> Bool {
        let descriptor = open(basePath + "/" + relative, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) == bytes.count else { return false }
        var existing = [UInt8](repeating: 0, count: bytes.count + 1)
        var filled = 0
        while filled < existing.count {
            let count = existing.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return filled == bytes.count && existing.prefix(filled).elementsEqual(bytes)
    }

    /// Whether two names in the output are one file (hard links to the same inode).
    public func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(basePath + "/" + first, &a) == 0, stat(basePath + "/" + second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    private static let processID = getpid()

    /// `<folder>/.<name>.<pid>.tmp` beside an absolute `destination` (what
    /// `removeAbandonedTemporaryFiles` looks for), and the folder.
    private static func temporaryName(for destination: String) -> (folder: String, temporary: String) {
        let slash = destination.lastIndex(of: "/")!
        let folder = String(destination[..<slash])
        return (folder, folder + "/." + destination[destination.index(after: slash)...] + ".\(processID).tmp")
    }

    /// Removes `.<name>.<pid>.tmp` files that processes which no longer run left half-written
    /// (a build killed between creating a temporary file and renaming it). Walks the whole
    /// output, so it runs only after an interrupted build.
    /// - Parameter include: which files (by path in the output) this run may remove.
    @discardableResult
    public func removeAbandonedTemporaryFiles(where include: (String) -> Bool = { _ in true }) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: basePath) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            guard name.hasPrefix("."), name.hasSuffix(".tmp") else { continue }
            let parts = name.dropLast(4).split(separator: ".")
            guard let pid = parts.last.flatMap({ Int32($0) }), pid != Self.processID,
                  ProcessID.isGone(pid), include(relative) else { continue }
            if unlink(basePath + "/" + relative) == 0 { removed += 1 }
        }
        return removed
    }

    /// `mkdir -p`.
    func makeFolders(_ folder: String) throws {
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw OutputError.system("cannot create the folder", folder, errno) }
        try makeFolders((folder as NSString).deletingLastPathComponent)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw OutputError.system("cannot create the folder", folder, errno)
        }
    }

    /// Asked for every member of every build: a system call, without URL or FileManager's cost.
    public func exists(_ relative: String) -> Bool {
        access(basePath + "/" + relative, F_OK) == 0
    }

    /// Names in a folder of the output (empty when it does not exist).
    public func list(_ relative: String) -> [String] {
        var names: [String] = []
        forEachName(in: relative) { names.append($0) }
        return names
    }

    /// Calls `body` with each name in a folder of the output, as the folder is read: memory does
    /// not grow with the folder (`m/` holds a folder per member).
    public func forEachName(in relative: String, _ body: (String) throws -> Void) rethrows {
        guard let folder = opendir(basePath + "/" + relative) else { return }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { try body(name) }
        }
    }

    public func remove(_ relative: String) throws {
        if exists(relative) { try FileManager.default.removeItem(at: path(relative)) }
    }

    public func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(at: path(from), to: path(to))
    }

    /// Writes `data` unless the file already holds exactly that; returns whether it wrote.
    @discardableResult
    public func writeIfChanged(_ data: Data, to relative: String) throws -> Bool {
        if let existing = FileManager.default.contents(atPath: path(relative).path), existing == data { return false }
        try write(data, to: relative)
        return true
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case system(String, String, Int32)

    public var description: String {
        switch self {
        case .system(_, let path, ENOSPC):
            return "\(path): the disk is full (every page written is complete; the next build finishes the site)"
        case .system(let action, let path, let code): return "\(path): \(action): \(String(cString: strerror(code)))"
        }
    }
}

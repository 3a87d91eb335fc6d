import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (with their subfolders) and single files with Linux's inotify, and calls
/// `onChange` with the changed path on its own thread. Editors save in many ways (write in place,
/// write a new file and rename it over the old), so creations, renames, deletions and finished
/// writes all count.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var folders: [Int32: URL] = [:]
    /// Files watched through their folder: the folder's watch, and the file names that count.
    private var files: [Int32: (folder: URL, names: Set<String>)] = [:]
    private let lock = NSLock()
    private var thread: Thread?
    private var stopped = false
    private let onChange: @Sendable (URL) -> Void

    static let folderEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF)
    /// A store is opened read-write by every reader, so "closed after writing" would fire on every
    /// build: only real writes, creations, renames and deletions count.
    static let fileEvents = UInt32(IN_MODIFY | IN_MOVED_TO | IN_CREATE | IN_DELETE)

    public init(onChange: @escaping @Sendable (URL) -> Void) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw WatchError.cannotWatch("inotify", String(cString: strerror(errno))) }
        self.onChange = onChange
    }

    deinit {
        stop()
        close(descriptor)
    }

    /// Watches a folder and every folder under it, now and as they are made.
    public func watchFolder(_ url: URL) throws {
        let watch = inotify_add_watch(descriptor, url.path, Self.folderEvents)
        guard watch >= 0 else { throw WatchError.cannotWatch(url.path, String(cString: strerror(errno))) }
        lock.withLock { folders[watch] = url }
        let children = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        for child in children where (try? child.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            try watchFolder(child)
        }
    }

    /// Watches one file, and the files beside it whose names start with its name (a SQLite store's
    /// journal), through their folder, so a file replaced by a rename is still watched.
    public func watchFile(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let watch = inotify_add_watch(descriptor, folder.path, Self.fileEvents)
        guard watch >= 0 else { throw WatchError.cannotWatch(folder.path, String(cString: strerror(errno))) }
        lock.withLock {
            var entry = files[watch] ?? (folder, [])
            entry.names.insert(url.lastPathComponent)
            files[watch] = entry
        }
    }

    /// Starts reading events on a thread of its own.
    public func start() {
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "punchcard.watch"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func run() {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !isStopped {
            // Wake up now and then to notice `stop()`.
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = read(descriptor, buffer, 64 * 1024)
            guard count > 0 else { continue }
            var offset = 0
            while offset < count {
                let event = (buffer + offset).assumingMemoryBound(to: inotify_event.self).pointee
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                handle(watch: event.wd, mask: event.mask, name: name)
            }
        }
    }

    /// Whether an event on a watched file (or its SQLite companions) is a real write. A store in
    /// write-ahead-log mode gets its `-wal` and `-shm` files created and removed by every reader
    /// that opens and closes it, and the `-shm` file is written through memory mapping: only a
    /// write to the `-wal` file (a transaction) or any change to the file itself counts.
    static func isWrite(mask: UInt32, suffix: Substring) -> Bool {
        switch suffix {
        case "": return true
        case "-wal": return mask & UInt32(IN_MODIFY) != 0
        case "-shm": return false
        default: return true // a rollback journal (stores of older versions)
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String) {
        let (folder, file) = lock.withLock { (folders[watch], files[watch]) }
        if let file, let watched = file.names.first(where: { name.hasPrefix($0) }),
           Self.isWrite(mask: mask, suffix: name.dropFirst(watched.count)) {
            onChange(file.folder.appendingPathComponent(name))
        }
        guard let folder, mask & Self.folderEvents != 0 else { return }
        let changed = name.isEmpty ? folder : folder.appendingPathComponent(name)
        if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            try? watchFolder(changed)
        }
        onChange(changed)
    }
}

public enum WatchError: Error, CustomStringConvertible {
    case cannotWatch(String, String)

    public var description: String {
        switch self {
        case .cannotWatch(let path, let reason): return "\(path): cannot watch for changes: \(reason)"
        }
    }
}

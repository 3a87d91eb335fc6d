import Foundation
import PunchcardSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reads members' folders (their listing and each file's inode) ahead of the rendering threads,
/// on threads of its own. With the output's metadata in the cache this does nothing useful; with
/// a cold cache (last month's output, the monthly job) each folder costs disk reads, which the
/// two rendering threads would otherwise wait for one at a time, while these keep several in
/// flight. Best effort: when it falls behind, folders are left for the rendering threads to read.
final class FolderPrefetch: Sendable {
    static let threads = 8
    /// Folders handed over at a time.
    static let chunk = 32
    private let workers: BackgroundWorkers<[String]>

    init(output: OutputFolder) {
        workers = BackgroundWorkers(threads: Self.threads, capacity: 256) { folders in
            var info = stat()
            for folder in folders {
                output.forEachName(in: folder) { name in _ = stat(output.absolutePath(folder + "/" + name), &info) }
            }
        }
    }

    /// Reads these folders soon (relative to the output), unless it is already far behind.
    func warm<Folders: Sequence>(_ list: Folders) where Folders.Element == String {
        var chunk: [String] = []
        chunk.reserveCapacity(Self.chunk)
        for folder in list {
            chunk.append(folder)
            if chunk.count == Self.chunk {
                guard workers.sendIfRoom(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { _ = workers.sendIfRoom(chunk) }
    }

    /// Stops the threads once they have read what they were given.
    func finish() { workers.finish() }
}

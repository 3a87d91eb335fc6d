import Foundation

/// The folder the site is written to. Every file is written to a temporary name and renamed into
/// place, so a reader (a web server, a sync tool, a build killed half-way) never sees a half-written file.
public struct OutputFolder: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func path(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    public func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    public func write(_ data: Data, to relative: String) throws {
        let destination = path(relative)
        do {
            try data.write(to: destination, options: .atomic)
        } catch {
            // The folder does not exist yet: make it, then try once more.
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try data.write(to: destination, options: .atomic)
        }
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative).path)
    }

    /// Names in a folder of the output (empty when it does not exist).
    public func list(_ relative: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path(relative).path)) ?? []
    }

    public func remove(_ relative: String) throws {
        if exists(relative) { try FileManager.default.removeItem(at: path(relative)) }
    }

    public func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(at: path(from), to: path(to))
    }

    /// Copies a folder's files into the output, recursively, rewriting only files that differ.
    public func copyFolder(_ source: URL, to relative: String) throws -> Int {
        guard let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return 0
        }
        var copied = 0
        let base = source.standardizedFileURL.path
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let inside = String(file.standardizedFileURL.path.dropFirst(base.count + 1))
            let target = relative + "/" + inside
            let data = try Data(contentsOf: file)
            if let existing = try? Data(contentsOf: path(target)), existing == data { continue }
            try write(data, to: target)
            copied += 1
        }
        return copied
    }
}

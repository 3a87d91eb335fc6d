import Foundation

/// Which folders may receive a build (or the preview's, a report's, the e-mails' files). An output
/// is published whole: one that is, holds or sits inside what the site is made from would publish
/// the member store (every e-mail address and statement address), the records, or the content
/// itself; one inside the theme copies the last output into itself on every build.
public enum OutputPlacement {
    /// Why `output` cannot be an output folder of the site in `root`, or nil. `storePath` is the
    /// member store's file (ignored when it is a server's address).
    public static func refusal(output: URL, root: URL, storePath: String?) -> String? {
        let outputPath = resolved(output)
        let rootPath = resolved(root)
        var protected: [(path: String, what: String)] = [
            (rootPath + "/content", "the site's content (content/)"),
            (rootPath + "/templates", "the site's theme (templates/)"),
            (rootPath + "/.punchcard", "Punchcard's records (.punchcard/)"),
        ]
        if let storePath, !storePath.contains("://") {
            let store = resolved(URL(fileURLWithPath: storePath))
            protected.append((store, "the member store (\(URL(fileURLWithPath: storePath).lastPathComponent))"))
        }
        if outputPath == rootPath || isInside(rootPath, outputPath) {
            return "\(shown(output)) holds the site's own folder, with its content, theme and member store; nothing may be published from there. Choose an empty folder such as \(shown(root.appendingPathComponent("output")))"
        }
        for entry in protected {
            if outputPath == entry.path || isInside(outputPath, entry.path) {
                return "\(shown(output)) is inside \(entry.what), which must never be published. Choose a folder outside it, such as \(shown(root.appendingPathComponent("output")))"
            }
            if isInside(entry.path, outputPath) {
                return "\(shown(output)) holds \(entry.what), which must never be published. Choose an empty folder such as \(shown(root.appendingPathComponent("output")))"
            }
        }
        return nil
    }

    /// Whether `path` lies strictly inside `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }

    /// The absolute path with `.`, `..` and symbolic links resolved, as far as it exists (an
    /// output that does not exist yet is resolved through its nearest existing parent).
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = SiteLinks.realPath(existing.path)
        for component in rest { path = (path == "/" ? "" : path) + "/" + component }
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    private static func shown(_ url: URL) -> String { Diagnostic.quote(url.standardizedFileURL.path) }
}

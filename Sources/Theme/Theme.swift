import Foundation
import PunchcardSupport

/// Punchcard's default theme, built into the binary (`DefaultTheme+Files.swift`, generated from the
/// repository's `templates/` by `Scripts/embed-theme.py`).
public enum DefaultTheme {
    /// Every file of the default theme, by its path under `templates/`, sorted.
    public static var paths: [String] { files.keys.sorted() }

    /// A default file's text (nil: the default theme has no such file).
    public static func text(_ path: String) -> String? { files[path] }
}

/// The theme a site is built with: the files of the site's own `templates/` folder over the
/// built-in default theme, file by file (as Hugo's theme lookup does), so that a site needs no
/// `templates/` at all and overrides only what it changes.
public struct Theme: Sendable {
    /// The site's folder.
    public let root: URL
    /// `templates/`, links resolved (a site may share a theme through a link, as examples/ do).
    private let folder: URL
    /// Paths under `templates/` of the site's own files.
    public let ownPaths: Set<String>

    public init(root: URL) {
        self.root = root
        folder = root.appendingPathComponent("templates", isDirectory: true).resolvingSymlinksInPath()
        var own = Set<String>()
        let base = folder.standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let file as URL in enumerator {
                // A link is listed when it leads to a file; where it leads is checked when it is read.
                guard (try? file.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let path = file.standardizedFileURL.path
                guard path.hasPrefix(base + "/") else { continue }
                own.insert(String(path.dropFirst(base.count + 1)))
            }
        }
        ownPaths = own
    }

    /// Every file of the theme under `prefix` (`""`: all, `"i18n/"`, `"mail/"`), the site's own and
    /// the built-in ones it does not override, sorted.
    public func paths(under prefix: String = "") -> [String] {
        ownPaths.union(DefaultTheme.files.keys).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Whether the site has its own `templates/<path>`.
    public func isOwn(_ path: String) -> Bool { ownPaths.contains(path) }

    /// The text of `templates/<path>`: the site's own file, else the built-in one; nil when neither
    /// has it. Errors name the site's file.
    public func text(_ path: String) throws(Diagnostic) -> String? {
        guard ownPaths.contains(path) else { return DefaultTheme.files[path] }
        let shown = "templates/" + path
        try SiteLinks.check(root.appendingPathComponent("templates").appendingPathComponent(path), root: root, file: shown)
        return try TextFile.read(folder.appendingPathComponent(path), file: shown)
    }

    /// The bytes of `templates/<path>` (assets), the site's own or the built-in ones.
    public func data(_ path: String) throws(Diagnostic) -> Data? {
        guard ownPaths.contains(path) else { return DefaultTheme.files[path].map { Data($0.utf8) } }
        let shown = "templates/" + path
        try SiteLinks.check(root.appendingPathComponent("templates").appendingPathComponent(path), root: root, file: shown)
        do {
            return try Data(contentsOf: folder.appendingPathComponent(path))
        } catch {
            throw Diagnostic(SourceLocation(file: shown), "cannot read the file: \(FileProblem.reason(error))")
        }
    }
}

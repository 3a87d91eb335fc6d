import Foundation

/// The one rule for symbolic links in a site's `content/` and `templates/`: a link is followed
/// when it leads inside the site's folder (or inside the folder that `content/` or `templates/`
/// itself links to, for a theme shared between sites); one that leads anywhere else is an error
/// naming the file and where it leads. A link to a folder inside `content/` or `templates/` is
/// refused too (it could lead back to its own parent). Nothing is ever dropped without a word.
public enum SiteLinks {
    /// Checks the file at `url` (a path below `root`), shown as `file` in errors.
    public static func check(_ url: URL, root: URL, file: String) throws(Diagnostic) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return } // a missing file is reported by its reader
        let resolved = realPath(url.path)
        // Only links, at the file or in a folder on its way, can lead outside.
        guard (info.st_mode & S_IFMT) == S_IFLNK || !isInside(resolved, realPath(root.path)) else { return }
        let allowed = [root.path, root.appendingPathComponent("content").path, root.appendingPathComponent("templates").path]
            .map(realPath)
        if !allowed.contains(where: { isInside(resolved, $0) }) {
            throw Diagnostic(SourceLocation(file: file),
                             "a symbolic link to \(Diagnostic.quote(resolved)), outside the site's folder: only links that stay inside the site are followed; copy the file in instead")
        }
        var target = stat()
        if stat(url.path, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR, (info.st_mode & S_IFMT) == S_IFLNK {
            throw Diagnostic(SourceLocation(file: file), "a symbolic link to a folder: only links to files are followed; link the files instead")
        }
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}

import Foundation
import PunchcardSupport

/// `punchcard theme --eject`: copies the default theme's files into the site's `templates/` for
/// editing. A file the site already has is never overwritten (it may hold the operator's edits).
extension Theme {
    public struct Ejection: Sendable, Equatable {
        /// Paths under `templates/` written.
        public var written: [String] = []
        /// Paths the site already had, left as they were.
        public var kept: [String] = []
    }

    /// The default files that `requests` name: a file (`statement.mustache`,
    /// `templates/mail/statement.txt.mustache`) or a folder (`mail`, `i18n/`); none: every file.
    /// A name that matches nothing is an error listing what there is.
    public static func defaultPaths(named requests: [String]) throws(Diagnostic) -> [String] {
        if requests.isEmpty { return DefaultTheme.paths }
        var chosen: [String] = []
        for request in requests {
            var name = request.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("./") { name.removeFirst(2) }
            if name.hasPrefix("templates/") { name.removeFirst("templates/".count) }
            let folder = name.hasSuffix("/") ? name : name + "/"
            let matches = DefaultTheme.paths.filter { $0 == name || $0.hasPrefix(folder) }
            guard !matches.isEmpty else {
                let folders = Set(DefaultTheme.paths.compactMap { $0.split(separator: "/").count > 1 ? String($0.split(separator: "/")[0]) + "/" : nil })
                throw Diagnostic(SourceLocation(file: Diagnostic.quote(request)),
                                 "the default theme has no such file or folder (it has \(folders.sorted().joined(separator: ", ")) and " +
                                 DefaultTheme.paths.filter { !$0.contains("/") }.joined(separator: ", ") + ")")
            }
            chosen += matches.filter { !chosen.contains($0) }
        }
        return chosen
    }

    /// Writes each of `paths` (from `defaultPaths(named:)`) into the site's `templates/`, each file
    /// whole or not at all.
    public func eject(_ paths: [String]) throws(Diagnostic) -> Ejection {
        var result = Ejection()
        let templates = root.appendingPathComponent("templates", isDirectory: true)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: templates.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw Diagnostic(SourceLocation(file: "templates"), "is a file, not a folder: move it away to eject the theme's files")
        }
        for path in paths {
            guard let text = DefaultTheme.files[path] else { continue }
            let target = templates.appendingPathComponent(path)
            if isOwn(path) || FileManager.default.fileExists(atPath: target.path) {
                result.kept.append(path)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: target, options: .atomic)
            } catch {
                throw Diagnostic(SourceLocation(file: "templates/" + path), "cannot write the file: \(FileProblem.reason(error))")
            }
            result.written.append(path)
        }
        return result
    }
}

import Foundation
import Testing
import PunchcardSupport
import PunchcardTheme

@Suite struct ThemeTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// The built-in theme is the repository's templates/, byte for byte: a change to one without
    /// the other (forgetting `python3 Scripts/embed-theme.py`) fails here.
    @Test func theBuiltInThemeIsTheRepositorysTemplatesFolder() throws {
        let folder = Self.repository.appendingPathComponent("templates")
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(files.count >= 20)
        #expect(Set(files.keys) == Set(DefaultTheme.paths), "run python3 Scripts/embed-theme.py")
        for (path, text) in files {
            #expect(DefaultTheme.text(path) == text, "templates/\(path) differs from the built-in copy: run python3 Scripts/embed-theme.py")
        }
    }

    @Test func aSiteWithoutTemplatesHasTheWholeDefaultTheme() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = Theme(root: root)
        #expect(theme.ownPaths.isEmpty)
        #expect(theme.paths() == DefaultTheme.paths)
        #expect(theme.paths(under: "i18n/") == ["i18n/ar.yml", "i18n/en.yml", "i18n/fa.yml"])
        #expect(try theme.text("statement.mustache") == DefaultTheme.text("statement.mustache"))
        #expect(try theme.text("no-such.mustache") == nil)
    }

    @Test func aSitesOwnFileReplacesTheBuiltInOneAndAddsToIt() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates/partials"), withIntermediateDirectories: true)
        try "mine".write(to: root.appendingPathComponent("templates/partials/footer.mustache"), atomically: true, encoding: .utf8)
        try "extra".write(to: root.appendingPathComponent("templates/partials/extra.mustache"), atomically: true, encoding: .utf8)
        let theme = Theme(root: root)
        #expect(theme.ownPaths == ["partials/footer.mustache", "partials/extra.mustache"])
        #expect(try theme.text("partials/footer.mustache") == "mine")
        #expect(try theme.text("partials/header.mustache") == DefaultTheme.text("partials/header.mustache"))
        #expect(theme.paths(under: "partials/").contains("partials/extra.mustache"))
        #expect(theme.paths().count == DefaultTheme.paths.count + 1)
    }

    @Test func ejectCopiesWhatIsNamedAndNeverOverwrites() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates/mail"), withIntermediateDirectories: true)
        let mine = root.appendingPathComponent("templates/mail/statement.txt.mustache")
        try "my own text".write(to: mine, atomically: true, encoding: .utf8)

        let paths = try Theme.defaultPaths(named: ["mail", "templates/statement.mustache", "i18n/fa.yml"])
        #expect(paths == ["mail/statement.html.mustache", "mail/statement.txt.mustache", "statement.mustache", "i18n/fa.yml"])
        let result = try Theme(root: root).eject(paths)
        #expect(result.written == ["mail/statement.html.mustache", "statement.mustache", "i18n/fa.yml"])
        #expect(result.kept == ["mail/statement.txt.mustache"])
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own text")
        #expect(try String(contentsOf: root.appendingPathComponent("templates/i18n/fa.yml"), encoding: .utf8) == DefaultTheme.text("i18n/fa.yml"))
        // Again: everything is the site's now.
        let again = try Theme(root: root).eject(paths)
        #expect(again.written.isEmpty && again.kept.count == 4)

        let all = try Theme(root: root).eject(try Theme.defaultPaths(named: []))
        #expect(all.written.count + all.kept.count == DefaultTheme.paths.count)
        #expect(Theme(root: root).ownPaths == Set(DefaultTheme.paths))
    }

    @Test func ejectingSomethingTheThemeDoesNotHaveSaysWhatItHas() {
        #expect {
            try Theme.defaultPaths(named: ["statment.mustache"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("\"statment.mustache\"") && text.contains("no such file") && text.contains("mail/") && text.contains("statement.mustache")
        }
    }
}

import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A site needs no templates/: the theme is built in, and a site's own files override it one by one.
@Suite struct BuiltInThemeTests {
    static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The example built without its templates/ folder is the example built with it, file for file.
    @Test func theExampleWithoutTemplatesBuildsTheSameSite() throws {
        let (root, output, _, first) = try ExampleLanguagesTests.buildExample()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(first.statements > 200)
        try FileManager.default.removeItem(at: root.appendingPathComponent("templates"))
        let options = { (output: URL) in
            BuildOptions(root: root, storePath: root.appendingPathComponent("members.sqlite").path, output: output,
                         period: Period("2026-10")!, threads: 2, today: CalendarDate(year: 2026, month: 11, day: 23)!)
        }
        // Over the first build: nothing to rewrite, since the built-in theme is the same theme.
        let again = try Site.build(options(output))
        #expect(again.filesWritten == 0, "\(again.filesWritten) files rewritten")
        // Into a new folder: the same files, byte for byte (the build records aside).
        let fresh = root.appendingPathComponent("output-built-in")
        try Site.build(options(fresh))
        let expected = try Self.files(under: output).filter { !$0.key.hasPrefix(".") }
        let built = try Self.files(under: fresh).filter { !$0.key.hasPrefix(".") }
        #expect(built.count == expected.count)
        #expect(Set(built.keys) == Set(expected.keys))
        #expect(built.keys.filter { built[$0] != expected[$0] }.sorted().prefix(5) == [])
        #expect(built["assets/style.css"] != nil && built["assets/logo.svg"] != nil)
    }

    @Test func aSitesOwnFilesReplaceTheBuiltInOnesOneByOne() throws {
        let site = try SiteFixture()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("templates"))
        try site.write("templates/partials/footer.mustache", "<footer class=\"site-footer\"><p>Our own footer, {{site_name}}</p></footer>\n")
        // A table of the site's own with one word: the others stay the built-in Persian ones.
        try site.write("templates/i18n/fa.yml", "balance: \"امتیازهای شما\"\n")
        try site.write("templates/assets/extra.txt", "an asset of the site's own\n")
        let report = try site.build()
        #expect(report.statements == 5)
        #expect(try site.page("index.html").contains("Our own footer, Test Rewards"))
        let persian = try site.statementPage("FA")
        #expect(persian.contains("امتیازهای شما"))
        #expect(persian.contains("صورت‌حساب")) // statement_title, from the built-in table
        #expect(try site.page("assets/extra.txt") == "an asset of the site's own\n")
        #expect(try site.page("assets/style.css").count > 1000)
    }
}

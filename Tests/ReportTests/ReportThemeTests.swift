import Foundation
import Testing
import PunchcardReport
import PunchcardStatements
import PunchcardSupport

/// The report is the theme's: `templates/report.mustache` and the string tables' `report_*` words.
@Suite struct ReportThemeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A one-tier English program named `name`.
    static func program(named name: String = "Test <Club>") throws -> Program {
        try Program.parse("""
            name: \(name)
            base_url: https://x.example
            languages: [en]
            currency: USD
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 24}
            referral: {link: "https://x.example/{code}"}
            """, file: "program.yml")
    }

    /// A copy of the repository's theme in a scratch site, for the operator's edits.
    private func scratchSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        return root
    }

    private func report(_ program: Program) -> Report {
        ReportAccumulator(program: program, period: Period("2026-10")!).report()
    }

    @Test func anOperatorRewordsTheReportInTheStringTable() throws {
        let program = try Self.program()
        let root = try scratchSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let table = root.appendingPathComponent("templates/i18n/en.yml")
        var words = try String(contentsOf: table, encoding: .utf8)
        words = words.replacingOccurrences(of: "report_title: \"Program report\"", with: "report_title: \"Club figures & more\"")
        try words.write(to: table, atomically: true, encoding: .utf8)
        let html = try ReportFiles.html(report(program), program: program, siteRoot: root)
        #expect(html.contains("<h1>Club figures &amp; more — October 2026</h1>"))
        #expect(!html.contains("Program report"))
        // The program's name is escaped as the template writes it.
        #expect(html.contains("Test &lt;Club&gt;"))
    }

    @Test func anOperatorRestylesTheReportInTheTemplate() throws {
        let program = try Self.program()
        let root = try scratchSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let template = root.appendingPathComponent("templates/report.mustache")
        let source = try String(contentsOf: template, encoding: .utf8)
        try source.replacingOccurrences(of: "<main>", with: "<main class=\"house-style\">").write(to: template, atomically: true, encoding: .utf8)
        #expect(try ReportFiles.html(report(program), program: program, siteRoot: root).contains("<main class=\"house-style\">"))
    }

    @Test func aTagTheReportCannotFillIsAnErrorNamingFileLineAndColumn() throws {
        let program = try Self.program()
        let root = try scratchSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try "<p>\n  {{upgrade}}</p>\n".write(to: root.appendingPathComponent("templates/report.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try ReportFiles.html(report(program), program: program, siteRoot: root)
        } throws: { error in
            "\(error)".hasPrefix("templates/report.mustache:2:3: unknown value \"upgrade\"")
        }
    }

    @Test func aSiteWithoutTheReportTemplateUsesTheBuiltInOne() throws {
        let program = try Self.program()
        let root = try scratchSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("templates/report.mustache"))
        let folder = root.appendingPathComponent("reports/2026-10")
        try ReportFiles.write(report(program), program: program, siteRoot: root, to: folder)
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html") && html.contains("2026"))
    }

    @Test func everyLanguageOfTheThemeHasEveryReportWord() throws {
        let tables = try ["en", "fa", "ar"].map { try String(contentsOf: Self.repository.appendingPathComponent("templates/i18n/\($0).yml"), encoding: .utf8) }
        func keys(_ table: String) -> Set<Substring> {
            Set(table.split(separator: "\n").filter { $0.hasPrefix("report_") }.map { $0.prefix { $0 != ":" } })
        }
        #expect(keys(tables[0]).count > 60)
        #expect(keys(tables[0]) == keys(tables[1]) && keys(tables[0]) == keys(tables[2]))
    }
}

import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// Writes a report's folder: index.html and report.json, each replaced whole (written under a
/// temporary name and renamed), so an interrupted run leaves the previous report or the new one.
public enum ReportFiles {
    public static func write(_ report: Report, program: Program, siteRoot: URL, to folder: URL) throws {
        let overrides = (try? StringTables.load(root: siteRoot))?.table(for: program.defaultLocale)?.words ?? [:]
        let html = ReportPage(report: report, program: program, overrides: overrides).html()
        var json = try report.json()
        json.append(0x0A)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try json.write(to: folder.appendingPathComponent("report.json"), options: .atomic)
            try Data(html.utf8).write(to: folder.appendingPathComponent("index.html"), options: .atomic)
        } catch {
            throw Diagnostic(SourceLocation(file: folder.path), "cannot write the report: \(error.localizedDescription)")
        }
    }
}

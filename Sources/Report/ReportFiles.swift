import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// Writes a report's folder: index.html and report.json, each replaced whole (written under a
/// temporary name and renamed), so an interrupted run leaves the previous report or the new one.
public enum ReportFiles {
    /// The report's page, with any `report_*` words the site's theme gives for its language.
    /// - Parameter today: a period whose last day is today or later has not ended: the page says so.
    public static func html(_ report: Report, program: Program, siteRoot: URL, today: CalendarDate = .today) -> String {
        let overrides = (try? StringTables.load(root: siteRoot))?.table(for: program.defaultLocale)?.words ?? [:]
        return ReportPage(report: report, program: program, overrides: overrides,
                          provisional: report.period.end >= today).html()
    }

    public static func write(_ report: Report, program: Program, siteRoot: URL, to folder: URL,
                             today: CalendarDate = .today) throws {
        let html = html(report, program: program, siteRoot: siteRoot, today: today)
        var json = try report.json()
        json.append(0x0A)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try json.write(to: folder.appendingPathComponent("report.json"), options: .atomic)
            try Data(html.utf8).write(to: folder.appendingPathComponent("index.html"), options: .atomic)
        } catch {
            throw Diagnostic(SourceLocation(file: folder.path), "cannot write the report: \(FileProblem.reason(error)); the previous report, if any, is unchanged")
        }
    }
}

import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport
import PunchcardTemplating

/// Writes a report's folder: index.html and report.json, each replaced whole (written under a
/// temporary name and renamed), so an interrupted run leaves the previous report or the new one.
public enum ReportFiles {
    /// The report's page: the theme's `templates/report.mustache` with its `report_*` words for the
    /// program's language. A missing template or word is an error naming the file.
    /// - Parameter today: a period whose last day is today or later has not ended: the page says so.
    public static func html(_ report: Report, program: Program, siteRoot: URL, today: CalendarDate = .today) throws(Diagnostic) -> String {
        let (template, words) = try ReportPage.template(siteRoot: siteRoot, program: program)
        let page = ReportPage(report: report, program: program, words: words, provisional: report.period.end >= today)
        return template.render(page.values())
    }

    public static func write(_ report: Report, program: Program, siteRoot: URL, to folder: URL,
                             today: CalendarDate = .today) throws {
        let html = try html(report, program: program, siteRoot: siteRoot, today: today)
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

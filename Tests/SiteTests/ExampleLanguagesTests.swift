import Foundation
import Testing
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// The repository's example site, built as an operator would: every member's statement speaks
/// the member's language only.
@Suite struct ExampleLanguagesTests {
    static func buildExample() throws -> (root: URL, output: URL, store: MemberStore, report: BuildReport) {
        let repository = SiteFixture.repository
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let output = root.appendingPathComponent("output")
        let storePath = root.appendingPathComponent("members.sqlite").path
        let report = try Site.build(BuildOptions(root: root, storePath: storePath, output: output, period: Period("2026-10")!, threads: 2,
                                    mayCreateStore: true, today: CalendarDate(year: 2026, month: 11, day: 23)!))
        return (root, output, try MemberStore(path: storePath), report)
    }

    /// The page's visible text, without what is allowed in any script: the member's name, codes,
    /// e-mail and web addresses.
    static func visibleText(_ html: String, member: Member) -> String {
        var text = html
        if let body = text.range(of: "<body") { text = String(text[body.lowerBound...]) }
        for pattern in ["<code>[^<]*</code>", "<a href=\"https?://[^\"]*\"[^>]*>[^<]*</a>", "<script.*?</script>", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for (entity, character) in [("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        text = text.replacingOccurrences(of: member.name, with: " ")
        text = text.replacingOccurrences(of: "[A-Z0-9][A-Z0-9-]{3,}", with: " ", options: .regularExpression) // codes
        return text
    }

    @Test func everyStatementSpeaksOnlyItsMembersLanguage() throws {
        let (root, output, store, report) = try Self.buildExample()
        // The example translates everything it shows: a build of it has nothing to warn about.
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        defer { try? FileManager.default.removeItem(at: root) }
        var checked: [String: Int] = [:]
        try store.forEachMember { member in
            let url = output.appendingPathComponent("m/\(member.token)/index.html")
            guard let html = try? String(contentsOf: url, encoding: .utf8) else { return }
            let text = Self.visibleText(html, member: member)
            let language = LocaleTag.language(of: member.locale ?? "en")
            switch language {
            case "fa", "ar":
                let latin = text.range(of: "[A-Za-z]{2,}", options: .regularExpression).map { String(text[$0]) }
                #expect(latin == nil, "\(member.memberID) (\(language)): English word \(latin ?? "") on the page")
                #expect(html.contains("<html lang=\"\(member.locale!)\" dir=\"rtl\">"))
            default:
                let arabicScript = text.range(of: "[\\u0600-\\u06FF]+", options: .regularExpression).map { String(text[$0]) }
                #expect(arabicScript == nil, "\(member.memberID): Persian or Arabic \(arabicScript ?? "") on an English page")
            }
            checked[language, default: 0] += 1
        }
        #expect(checked["fa", default: 0] > 50 && checked["ar", default: 0] > 30 && checked["en", default: 0] > 50)
    }
}

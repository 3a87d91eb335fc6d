import Foundation
import PunchcardPages
import Testing
import PunchcardSupport

/// docs/theme-reference.md is what the code declares, word for word.
@Suite struct ThemeReferenceTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/theme-reference.md")

    @Test func theDocumentIsTheCodes() throws {
        let generated = ThemeReference.markdown()
        if ProcessInfo.processInfo.environment["PUNCHCARD_WRITE_DOCS"] == "1" {
            try generated.write(to: Self.document, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOf: Self.document, encoding: .utf8)
        #expect(written == generated, "docs/theme-reference.md differs from the code: PUNCHCARD_WRITE_DOCS=1 swift test --filter ThemeReferenceTests")
    }

    /// Every value the default theme's templates name is in the reference (and so in the code).
    @Test func theDefaultThemeUsesOnlyDocumentedNames() throws {
        let repository = Self.document.deletingLastPathComponent().deletingLastPathComponent()
        let reference = ThemeReference.markdown()
        let templates = ["statement", "base", "page", "tiers", "offers", "rewards", "404", "report", "partials/header",
                         "partials/footer", "partials/statement-offers", "partials/statement-rewards", "mail/statement.txt",
                         "mail/statement.html"]
        var names = Set<String>()
        for name in templates {
            var rest = try String(contentsOf: repository.appendingPathComponent("templates/\(name).mustache"), encoding: .utf8)[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "}}") else { break }
                let tag = String(after[..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
                rest = after[close.upperBound...]
                // Comments, partials, inheritance, blocks and closing tags name templates or repeat a name.
                if let first = tag.first, "!><$/%".contains(first) { continue }
                var name = tag.trimmingCharacters(in: CharacterSet(charactersIn: "{}#^& "))
                if name.hasPrefix("t.") { name = "t.<key>" }
                names.insert(name)
            }
        }
        #expect(names.count > 100)
        for name in names.sorted() { #expect(reference.contains("`\(name)`"), "\(name)") }
    }

    /// A value no public page has is an error naming the template's file, line and column, before
    /// anything is written, as on statements (swift-mustache would have rendered it empty).
    @Test func aTypoInAPublicTemplateStopsTheBuild() throws {
        let site = try SiteFixture()
        let page = try String(contentsOf: site.root.appendingPathComponent("templates/page.mustache"), encoding: .utf8)
        try site.write("templates/page.mustache", page.replacingOccurrences(of: "<h1>{{heading}}</h1>", with: "<h1>{{haeding}}</h1>"))
        let error = #expect(throws: Diagnostic.self) { try site.build() }
        #expect(error?.location.file == "templates/page.mustache")
        #expect(error?.location.line == 4)
        #expect(error?.location.column == 7)
        #expect(error?.message.contains("unknown value \"haeding\"") == true)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))

        // In the layout every page inherits, too; and a word missing from the string tables.
        try site.write("templates/page.mustache", page)
        let base = try String(contentsOf: site.root.appendingPathComponent("templates/base.mustache"), encoding: .utf8)
        try site.write("templates/base.mustache", base.replacingOccurrences(of: "{{t.skip}}", with: "{{t.skipp}}"))
        let word = #expect(throws: Diagnostic.self) { try site.build() }
        #expect(word?.location.file == "templates/base.mustache")
        #expect(word?.message.contains("no word \"skipp\"") == true)
    }
}

import Foundation
import PunchcardPages
import Testing

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

    /// Every value the default statement template names is in the reference (and so in the code).
    @Test func theDefaultThemeUsesOnlyDocumentedNames() throws {
        let template = try String(contentsOf: Self.document.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates/statement.mustache"), encoding: .utf8)
        let reference = ThemeReference.markdown()
        var names = Set<String>()
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { break }
            var name = String(after[..<close.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/& "))
            if name.hasPrefix("!") { rest = after[close.upperBound...]; continue }
            if name.hasPrefix("t.") { name = "t.<key>" }
            names.insert(name)
            rest = after[close.upperBound...]
        }
        for name in names.sorted() { #expect(reference.contains("`\(name)`"), "\(name)") }
    }
}

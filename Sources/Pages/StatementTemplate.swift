import PunchcardLocalization
import PunchcardSupport
import PunchcardTemplating

/// `templates/statement.mustache` bound to `StatementPage`, for one page language: the theme's words,
/// `lang`, `dir` and `latest_href` written in, the indentation removed (`Indentation`).
public enum StatementTemplate {
    public static let name = "statement"

    public static func compile(templates: TemplateSet, content: SiteContent, locale: String) throws(Diagnostic) -> TypedTemplate<StatementPage> {
        let source = templates.sources[name] ?? ""
        return try TypedTemplate<StatementPage>(
            Indentation.removed(from: source), file: "templates/\(name).mustache",
            constants: StatementView.constants(content: content, locale: locale),
            partials: { partial in
                templates.sources[partial].map { (Indentation.removed(from: $0), "templates/\(partial).mustache") }
            })
    }

    /// Compiles the template for every language the site has words for, so that a tag the
    /// statement cannot fill stops the build before anything is written, naming file:line.
    public static func check(templates: TemplateSet, content: SiteContent) throws(Diagnostic) {
        let locales = Set([content.defaultLanguage] + content.program.languages + content.strings.tables.keys)
        for locale in locales.sorted() {
            _ = try compile(templates: templates, content: content, locale: content.pageLocale(for: locale))
        }
    }
}

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
    /// Returns them by page locale, to be shared by the rendering threads.
    @discardableResult
    public static func check(templates: TemplateSet, content: SiteContent) throws(Diagnostic) -> CompiledStatementTemplates {
        let locales = Set([content.defaultLanguage] + content.program.languages + content.strings.tables.keys)
        var compiled: [String: TypedTemplate<StatementPage>] = [:]
        for locale in locales.sorted() {
            let pageLocale = content.pageLocale(for: locale)
            if compiled[pageLocale] == nil {
                compiled[pageLocale] = try compile(templates: templates, content: content, locale: pageLocale)
                // The fragments placed in it, and the layout around it.
                _ = try TypedTemplate<StatementRewards>.statementFragment(StatementRewards.template, templates: templates,
                                                                          content: content, locale: pageLocale)
                _ = try TypedTemplate<StatementOffers>.statementFragment(StatementOffers.template, templates: templates,
                                                                         content: content, locale: pageLocale)
                _ = try PublicTemplates.compile("base", templates: templates, content: content, locale: pageLocale)
            }
        }
        return CompiledStatementTemplates(byLocale: compiled, defaultLocale: content.pageLocale(for: content.defaultLanguage))
    }
}

/// The statement template compiled before a build writes anything, for each language the site has
/// words for; read-only, so the rendering threads start from the same ones (a member's regional
/// locale, `fa-IR`, is compiled by the thread that meets it: its `lang` differs).
public struct CompiledStatementTemplates: Sendable {
    public let byLocale: [String: TypedTemplate<StatementPage>]
    public let defaultLocale: String
}

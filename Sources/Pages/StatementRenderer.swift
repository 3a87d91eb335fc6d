import PunchcardStatements
import PunchcardTemplating

/// Renders members' statement pages into bytes. One per rendering thread: it keeps per-locale
/// state (formatters, words, the statement template compiled for the locale, the layout around
/// it per period and locale) and the page's byte buffer, reused from page to page.
public struct StatementRenderer {
    let content: SiteContent
    let templates: TemplateSet
    private var formatters: [String: LocaleFormatter] = [:]
    private var words: [String: Words] = [:]
    private var layouts: [String: (head: [UInt8], tail: [UInt8])] = [:]
    private var statementTemplates: [String: TypedTemplate<StatementPage>] = [:]
    private var output = TemplateOutput(capacity: 64 << 10)

    public init(content: SiteContent, templates: TemplateSet, compiled: CompiledStatementTemplates) {
        self.content = content
        self.templates = templates
        self.statementTemplates = compiled.byLocale
    }

    /// The member's page for `period`: the layout's head, the statement article, the tail.
    public mutating func render(_ view: StatementView, period: Period, shared: SharedFragments) -> [UInt8] {
        let locale = view.locale
        let page = view.page(formatter: formatter(for: locale), words: words(for: locale), shared: shared)
        let layout = layout(for: locale, period: period)
        output.bytes.removeAll(keepingCapacity: true)
        output.bytes.append(contentsOf: layout.head)
        statementTemplate(for: locale).render(page, into: &output)
        output.bytes.append(contentsOf: layout.tail)
        return output.bytes
    }

    mutating func formatter(for locale: String) -> LocaleFormatter {
        if let formatter = formatters[locale] { return formatter }
        let formatter = LocaleFormatter(locale: locale, periodPattern: words(for: locale).all["period_format"])
        formatters[locale] = formatter
        return formatter
    }

    mutating func words(for locale: String) -> Words {
        if let known = words[locale] { return known }
        let made = content.words(for: locale)
        words[locale] = made
        return made
    }

    /// Checked for every language before the build writes anything (`StatementTemplate.check`),
    /// so compiling for a member's locale does not fail; if it did, the default language's is used.
    mutating func statementTemplate(for locale: String) -> TypedTemplate<StatementPage> {
        if let template = statementTemplates[locale] { return template }
        let template = (try? StatementTemplate.compile(templates: templates, content: content, locale: locale))
            ?? (try? StatementTemplate.compile(templates: templates, content: content, locale: content.defaultLanguage))
            ?? .empty
        statementTemplates[locale] = template
        return template
    }

    mutating func layout(for locale: String, period: Period) -> (head: [UInt8], tail: [UInt8]) {
        let key = "\(period) \(locale)"
        if let layout = layouts[key] { return layout }
        let made = StatementView.layout(content: content, locale: locale, period: period, templates: templates)
        let layout = (Array(made.head.utf8), Array(made.tail.utf8))
        layouts[key] = layout
        return layout
    }
}

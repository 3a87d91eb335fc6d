import PunchcardSupport
import PunchcardTemplating

/// The theme's public templates bound to `PublicPage`, compiled once per template and language (the
/// language's words written in): a tag no public page can fill stops the build before anything is
/// written, naming file, line and column, as on statements.
public struct PublicTemplates {
    let templates: TemplateSet
    let content: SiteContent
    private var compiled: [String: TypedTemplate<PublicPage>] = [:]

    public init(templates: TemplateSet, content: SiteContent) {
        self.templates = templates
        self.content = content
    }

    /// `templates/<name>.mustache` for pages in `locale`.
    public static func compile(_ name: String, templates: TemplateSet, content: SiteContent,
                               locale: String) throws(Diagnostic) -> TypedTemplate<PublicPage> {
        var constants: [String: String] = [:]
        for (key, value) in content.words(for: locale).all { constants["t.\(key)"] = value }
        return try TypedTemplate<PublicPage>(
            templates.sources[name] ?? "", file: "templates/\(name).mustache", constants: constants,
            partials: { partial in templates.sources[partial].map { ($0, "templates/\(partial).mustache") } })
    }

    /// The page rendered with `templates/<name>.mustache`, in the page's language.
    public mutating func render(_ page: PublicPage, template name: String) throws(Diagnostic) -> String {
        let key = "\(name)\u{0}\(page.lang)"
        if let template = compiled[key] { return template.render(page) }
        let template = try Self.compile(name, templates: templates, content: content, locale: page.lang)
        compiled[key] = template
        return template.render(page)
    }
}

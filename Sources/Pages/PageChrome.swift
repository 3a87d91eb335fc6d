import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// What every page shares: the language, direction, words, navigation and links to the page in
/// other languages, for a page `depth` folders below the site's root. Links are relative and name
/// `index.html`, so that the site works from any host and straight from the disk (`file://`).
public struct PageChrome {
    public let content: SiteContent
    /// The language the page speaks.
    public let locale: String
    /// The program language whose public site the menu leads to.
    public let siteLanguage: String
    public let depth: Int
    /// The page's address inside each language's site (`""` home, `tiers`, `faq`), for links to its
    /// translations; nil for pages that exist in one language only (statements).
    public let slug: String?

    public init(content: SiteContent, locale: String, depth: Int, slug: String?) {
        self.content = content
        self.locale = locale
        self.siteLanguage = content.siteLanguage(for: locale)
        self.depth = depth
        self.slug = slug
    }

    /// `../` repeated to climb from the page to the output's root (where assets are).
    public var root: String { String(repeating: "../", count: depth) }

    /// The root of the page's language site.
    public var siteRoot: String { root + content.sitePrefix(for: siteLanguage) }

    public func link(toSlug slug: String, language: String? = nil) -> String {
        let base = language.map { root + content.sitePrefix(for: $0) } ?? siteRoot
        return slug.isEmpty ? base + "index.html" : base + slug + "/index.html"
    }

    /// The navigation menu: home, the pages with a menu weight, tiers and offers, in the language.
    public func navigation(current: String?, words: Words) -> [NavigationLink] {
        var items: [(slug: String, title: String, weight: Int)] = []
        if content.pages.contains(where: \.isHome) { items.append(("", words["home"], Int.min)) }
        for original in content.pages where !original.isHome {
            let page = content.page(original, in: siteLanguage)
            if let weight = page.weight ?? original.weight { items.append((page.slug, page.title, weight)) }
        }
        for generated in GeneratedPage.allCases where generated.isPublished(in: content) {
            guard let slug = generated.slug, let weight = generated.menuWeight else { continue }
            items.append((slug, generated.menuTitle(content: content, language: siteLanguage, words: words), weight))
        }
        items.sort { ($0.weight, $0.title) < ($1.weight, $1.title) }
        return items.map { item in NavigationLink(title: item.title, href: link(toSlug: item.slug), current: item.slug == current) }
    }

    /// The language switcher: the page in each of the program's languages, in that language's name.
    func languages() -> [LanguageLink] {
        guard let slug, content.program.languages.count > 1 else { return [] }
        return content.program.languages.map { language in
            LanguageLink(name: Language.nativeName(of: language), lang: language, dir: Language.direction(of: language),
                         href: link(toSlug: slug, language: language),
                         current: Language.code(of: language) == Language.code(of: siteLanguage))
        }
    }

    /// `<link rel="alternate" hreflang>` targets: absolute addresses of the page in every language.
    func alternates() -> [AlternateLink] {
        guard let slug, content.program.languages.count > 1 else { return [] }
        let base = content.program.baseURL
        var links = content.program.languages.map { language in
            AlternateLink(hreflang: language, href: base + content.sitePrefix(for: language) + (slug.isEmpty ? "" : slug + "/"))
        }
        links.append(AlternateLink(hreflang: "x-default", href: base + (slug.isEmpty ? "" : slug + "/")))
        return links
    }

    /// A page with what every page has (the layout's values); the caller adds its own.
    public func page(title: String, description: String?, current: String?, noindex: Bool) -> PublicPage {
        let page = PublicPage()
        page.lang = locale
        page.dir = Language.direction(of: locale)
        page.root = root
        page.homeHref = link(toSlug: "")
        page.title = title
        page.description = description
        page.siteName = content.program.name.text(in: siteLanguage)
        page.nav = navigation(current: current, words: content.words(for: locale))
        page.noindex = noindex
        page.languages = languages()
        page.alternates = alternates()
        return page
    }

    /// The `lang` and `dir` of a block of content written in `language` (nil: in the page's own).
    public static func block(_ language: String?, page locale: String) -> (lang: String, dir: String) {
        let language = language.map { Language.code(of: $0) == Language.code(of: locale) ? locale : $0 } ?? locale
        return (language, Language.direction(of: language))
    }
}

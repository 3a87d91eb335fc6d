import PunchcardStatements
import PunchcardSupport

/// What every page shares: the language, direction, labels and navigation, for a page `depth`
/// folders below the site's root. Links are relative and name `index.html`, so that the site
/// works from any host and straight from the disk (`file://`).
public struct PageChrome {
    public let locale: String
    public let depth: Int
    /// For pages served at any address (404.html): links start from the site's base URL instead.
    public let absoluteRoot: String?

    public init(locale: String, depth: Int, absoluteRoot: String? = nil) {
        self.locale = locale
        self.depth = depth
        self.absoluteRoot = absoluteRoot
    }

    /// `../` repeated to climb from the page to the site's root.
    public var root: String { absoluteRoot ?? String(repeating: "../", count: depth) }

    public func link(toSlug slug: String) -> String {
        slug.isEmpty ? root + "index.html" : root + slug + "/index.html"
    }

    /// The navigation menu: home, the pages with a menu weight, tiers and offers.
    public func navigation(content: SiteContent, current: String?) -> [[String: Any]] {
        let labels = Labels.forLocale(locale)
        var items: [(slug: String, title: String, weight: Int)] = []
        if content.pages.contains(where: \.isHome) { items.append(("", labels["home"]!, Int.min)) }
        for page in content.pages where !page.isHome {
            if let weight = page.weight { items.append((page.slug, page.title, weight)) }
        }
        items.append(("tiers", content.tiersTitle ?? labels["tiers"]!, 500))
        items.append(("offers", labels["public_offers"]!, 600))
        items.sort { ($0.weight, $0.title) < ($1.weight, $1.title) }
        return items.map { item in
            ["title": item.title, "href": link(toSlug: item.slug), "current": item.slug == current]
        }
    }

    /// The values every template gets.
    public func context(content: SiteContent, title: String, description: String?, current: String?,
                        noindex: Bool) -> [String: Any] {
        [
            "lang": locale,
            "dir": LocaleTag.isRightToLeft(locale) ? "rtl" : "ltr",
            "root": root,
            "home_href": link(toSlug: ""),
            "title": title,
            "description": description ?? "",
            "has_description": description != nil,
            "site_name": content.program.name,
            "nav": navigation(content: content, current: current),
            "t": Labels.forLocale(locale),
            "noindex": noindex,
            // Content (pages, tier benefits, offers) is written in the program's language, which a
            // member's page may not share: blocks of it carry their own lang and dir.
            "content_lang": content.program.defaultLocale,
            "content_dir": LocaleTag.isRightToLeft(content.program.defaultLocale) ? "rtl" : "ltr",
        ]
    }
}

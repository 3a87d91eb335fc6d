import PunchcardStatements
import PunchcardSupport

/// The public pages' template contexts, in the program's default locale.
public struct PublicViews {
    public let content: SiteContent
    /// The period the site is built for: it decides which offers are public.
    public let period: Period

    public init(content: SiteContent, period: Period) {
        self.content = content
        self.period = period
    }

    var locale: String { content.program.defaultLocale }

    /// A content page at `/<slug>/index.html` (or `/index.html` for the home page).
    public func page(_ page: ContentPage) -> [String: Any] {
        let chrome = PageChrome(locale: locale, depth: page.isHome ? 0 : 1)
        var context = chrome.context(content: content, title: page.isHome ? content.program.name : "\(page.title) · \(content.program.name)",
                                     description: page.description, current: page.slug, noindex: false)
        context["heading"] = page.title
        context["body_html"] = page.bodyHTML
        context["is_home"] = page.isHome
        return context
    }

    /// `/tiers/index.html`, generated from the program's tiers.
    public func tiers(formatter: LocaleFormatter, shared: SharedFragments) -> [String: Any] {
        let labels = Labels.forLocale(locale)
        let heading = content.tiersTitle ?? labels["tiers"]!
        var context = PageChrome(locale: locale, depth: 1).context(
            content: content, title: "\(heading) · \(content.program.name)", description: nil, current: "tiers", noindex: false)
        context["heading"] = heading
        context["intro_html"] = content.tiersIntroHTML ?? ""
        context["tiers"] = content.program.tiers.map { tier -> [String: Any] in
            [
                "name": tier.name, "threshold": formatter.number(tier.threshold),
                "class": "tier-" + StatementView.cssName(tier.name),
                "benefits_html": shared.benefitsHTML[tier.name] ?? "",
            ]
        }
        return context
    }

    /// `/offers/index.html`: offers open to everyone, without early-access codes.
    public func offers(formatter: LocaleFormatter) -> [String: Any] {
        let labels = Labels.forLocale(locale)
        var context = PageChrome(locale: locale, depth: 1).context(
            content: content, title: "\(labels["public_offers"]!) · \(content.program.name)", description: nil,
            current: "offers", noindex: false)
        let offers = content.offers.filter { $0.isPublic(periodEnd: period.end) }
        context["heading"] = labels["public_offers"]!
        context["offers"] = offers.map { offer -> [String: Any] in
            [
                "title": offer.title, "summary_html": offer.summaryHTML, "body_html": offer.bodyHTML,
                "goes_public": formatter.date(offer.publicFrom), "ends": formatter.date(offer.ends),
            ]
        }
        context["has_offers"] = !offers.isEmpty
        return context
    }

    /// `/404.html`. Hosts serve it from any folder, so its links are absolute paths from the base URL.
    public func notFound() -> [String: Any] {
        let labels = Labels.forLocale(locale)
        var context = PageChrome(locale: locale, depth: 0, absoluteRoot: content.program.baseURL).context(
            content: content, title: "\(labels["not_found"]!) · \(content.program.name)", description: nil,
            current: nil, noindex: true)
        context["heading"] = labels["not_found"]!
        return context
    }
}

import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// The public pages' template contexts for one language's site (the default language at the
/// output's root, every other under `/<language>/`).
public struct PublicViews {
    public let content: SiteContent
    /// The period the site is built for: it decides which offers are public.
    public let period: Period
    /// A program language.
    public let language: String

    public init(content: SiteContent, period: Period, language: String) {
        self.content = content
        self.period = period
        self.language = language
    }

    /// Folders between the output's root and the language site's root.
    var languageDepth: Int { content.sitePrefix(for: language).isEmpty ? 0 : 1 }
    var words: Words { content.words(for: language) }
    var siteName: String { content.program.name.text(in: language) }

    /// Where each page goes, relative to the output's root.
    public func path(_ file: String) -> String { content.sitePrefix(for: language) + file }

    /// A content page at `<slug>/index.html` (or `index.html` for the home page).
    public func page(_ original: ContentPage) -> [String: Any] {
        let page = content.page(original, in: language)
        let chrome = PageChrome(content: content, locale: language, depth: languageDepth + (page.isHome ? 0 : 1), slug: page.slug)
        var context = chrome.context(title: page.isHome ? siteName : "\(page.title) — \(siteName)",
                                     description: page.description, current: page.slug, noindex: false)
        let block = PageChrome.block(page.language, page: language)
        context["heading"] = page.title
        context["body_html"] = page.bodyHTML
        context["body_lang"] = block.lang
        context["body_dir"] = block.dir
        context["is_home"] = page.isHome
        return context
    }

    /// `tiers/index.html`, generated from the program's tiers.
    public func tiers(formatter: LocaleFormatter, shared: SharedFragments) -> [String: Any] {
        let intro = content.tiersIntro(in: language)
        let heading = intro?.title ?? words["tiers"]
        var context = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: "tiers").context(
            title: "\(heading) — \(siteName)", description: nil, current: "tiers", noindex: false)
        let introBlock = PageChrome.block(intro?.language, page: language)
        context["heading"] = heading
        context["intro_html"] = intro?.bodyHTML ?? ""
        context["intro_lang"] = introBlock.lang
        context["intro_dir"] = introBlock.dir
        context["tiers"] = content.program.tiers.map { tier -> [String: Any] in
            let title = PageChrome.block(tier.title.sourceLanguage(for: language) ?? content.defaultLanguage, page: language)
            let benefits = PageChrome.block(tier.benefits.sourceLanguage(for: language) ?? content.defaultLanguage, page: language)
            return [
                "name": tier.title.text(in: language), "name_lang": title.lang, "name_dir": title.dir,
                "threshold": formatter.number(tier.threshold),
                "class": "tier-" + StatementView.cssName(tier.name),
                "benefits_html": shared.benefitsHTML(tier: tier.name, language: language),
                "benefits_lang": benefits.lang, "benefits_dir": benefits.dir,
            ]
        }
        return context
    }

    /// `offers/index.html`: offers open to everyone, without early-access codes.
    public func offers(formatter: LocaleFormatter) -> [String: Any] {
        var context = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: "offers").context(
            title: "\(words["public_offers"]) — \(siteName)", description: nil, current: "offers", noindex: false)
        let offers = content.offers.filter { $0.isPublic(period: period) }
        context["heading"] = words["public_offers"]
        context["offers"] = offers.map { offer -> [String: Any] in
            let text = offer.text(in: language)
            let block = PageChrome.block(text.language, page: language)
            return [
                "title": text.title, "summary_html": text.summaryHTML, "body_html": text.bodyHTML,
                "text_lang": block.lang, "text_dir": block.dir,
                "goes_public": formatter.date(offer.publicFrom), "ends": formatter.date(offer.ends),
                "goes_public_iso": offer.publicFrom.description, "ends_iso": offer.ends.description,
            ]
        }
        context["has_offers"] = !offers.isEmpty
        return context
    }

    /// The values of a page Punchcard generates, for its template.
    public func context(for page: GeneratedPage, formatter: LocaleFormatter, shared: SharedFragments) -> [String: Any] {
        switch page {
        case .tiers: return tiers(formatter: formatter, shared: shared)
        case .rewards: return rewards(formatter: formatter)
        case .offers: return offers(formatter: formatter)
        case .notFound: return notFound()
        }
    }

    /// `404.html`. Hosts serve it at any address, so a small script points relative links at the
    /// language site's folder when the page is served over HTTP; from the disk they work as written.
    public func notFound() -> [String: Any] {
        var context = PageChrome(content: content, locale: language, depth: languageDepth, slug: nil).context(
            title: "\(words["not_found"]) — \(siteName)", description: nil, current: nil, noindex: true)
        context["heading"] = words["not_found"]
        let sitePath = URLPath.path(of: content.program.baseURL)
        let folder = content.sitePrefix(for: language)
        context["head_script"] = """
            <script>(function(){if(location.protocol==="file:")return;var s=\(URLPath.jsString(sitePath)),\
            r=location.pathname.indexOf(s)===0?s:"/",b=document.createElement("base");\
            b.href=r+\(URLPath.jsString(folder));document.head.appendChild(b)})()</script>
            """
        // Every language's home, in its own name: a reader who followed a stale link finds their way.
        context["homes"] = content.program.languages.map { other -> [String: Any] in
            let words = content.words(for: other)
            return ["name": words["home"], "language": Language.nativeName(of: other), "lang": other,
                    "dir": Language.direction(of: other),
                    "href": PageChrome(content: content, locale: other, depth: languageDepth, slug: nil).link(toSlug: "")]
        }
        return context
    }
}

enum URLPath {
    /// The path of an address, ending in `/`: `/` for `https://example.com`, `/rewards/` for a sub-folder.
    static func path(of address: String) -> String {
        guard let schemeEnd = address.range(of: "://") else { return "/" }
        let rest = address[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = String(rest[slash...].prefix { $0 != "?" && $0 != "#" })
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// A JavaScript string literal safe inside a `<script>` element.
    static func jsString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "'": result += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

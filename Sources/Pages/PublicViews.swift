import Foundation
import PunchcardLocalization
import PunchcardQRCode
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
    public func page(_ original: ContentPage) -> PublicPage {
        let shown = content.page(original, in: language)
        let chrome = PageChrome(content: content, locale: language, depth: languageDepth + (shown.isHome ? 0 : 1), slug: shown.slug)
        let page = chrome.page(title: shown.isHome ? siteName : "\(shown.title) — \(siteName)",
                               description: shown.description, current: shown.slug, noindex: false)
        let block = PageChrome.block(shown.language, page: language)
        page.heading = shown.title
        page.bodyHTML = shown.bodyHTML
        page.bodyLang = block.lang
        page.bodyDir = block.dir
        page.isHome = shown.isHome
        return page
    }

    /// `tiers/index.html`, generated from the program's tiers.
    public func tiers(formatter: LocaleFormatter, shared: SharedFragments) -> PublicPage {
        let intro = content.tiersIntro(in: language)
        let heading = intro?.title ?? words["tiers"]
        let page = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: GeneratedPage.tiers.slug).page(
            title: "\(heading) — \(siteName)", description: nil, current: GeneratedPage.tiers.slug, noindex: false)
        let introBlock = PageChrome.block(intro?.language, page: language)
        page.heading = heading
        page.introHTML = intro?.bodyHTML ?? ""
        page.introLang = introBlock.lang
        page.introDir = introBlock.dir
        page.tiers = content.program.tiers.map { tier in
            let title = PageChrome.block(tier.title.sourceLanguage(for: language) ?? content.defaultLanguage, page: language)
            let benefits = PageChrome.block(tier.benefits.sourceLanguage(for: language) ?? content.defaultLanguage, page: language)
            return TierCard(name: tier.title.text(in: language), nameLang: title.lang, nameDir: title.dir,
                            threshold: formatter.number(tier.threshold), cssClass: "tier-" + StatementView.cssName(tier.name),
                            benefitsHTML: shared.benefitsHTML(tier: tier.name, language: language),
                            benefitsLang: benefits.lang, benefitsDir: benefits.dir)
        }
        return page
    }

    /// `offers/index.html`: offers open to everyone, without early-access codes.
    public func offers(formatter: LocaleFormatter) -> PublicPage {
        let page = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: GeneratedPage.offers.slug).page(
            title: "\(words["public_offers"]) — \(siteName)", description: nil, current: GeneratedPage.offers.slug, noindex: false)
        page.heading = words["public_offers"]
        page.offers = content.offers.filter { $0.isPublic(period: period) }.map { offer in
            OfferCard(offer, language: language, formatter: formatter, forStatements: false, program: content.program)
        }
        return page
    }

    /// `partners/index.html`: the program's partners, with their offers open to everyone.
    public func partners() -> PublicPage {
        let page = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: GeneratedPage.partners.slug).page(
            title: "\(words["public_partners"]) — \(siteName)", description: nil, current: GeneratedPage.partners.slug, noindex: false)
        page.heading = words["public_partners"]
        page.partners = content.program.partners.map { partner in
            let name = PageChrome.block(partner.name.sourceLanguage(for: language) ?? content.defaultLanguage, page: language)
            let description = partner.description.map { text in
                (html: content.markdown.html(text.text(in: language)),
                 block: PageChrome.block(text.sourceLanguage(for: language) ?? content.defaultLanguage, page: language))
            }
            let offers = content.offers.filter { $0.partner == partner.id && $0.isPublic(period: period) }
                .map { $0.text(in: language).title }
            return PartnerCard(id: partner.id, name: partner.name.text(in: language), nameLang: name.lang, nameDir: name.dir,
                               descriptionHTML: description?.html, descriptionLang: description?.block.lang ?? "",
                               descriptionDir: description?.block.dir ?? "", link: partner.link,
                               logoSrc: partner.logoPath.map { page.root + $0 }, offers: offers)
        }
        return page
    }

    /// The values of a page Punchcard generates, for its template.
    public func page(_ generated: GeneratedPage, formatter: LocaleFormatter, shared: SharedFragments) -> PublicPage {
        switch generated {
        case .tiers: return tiers(formatter: formatter, shared: shared)
        case .rewards: return rewards(formatter: formatter)
        case .partners: return partners()
        case .offers: return offers(formatter: formatter)
        case .notFound: return notFound()
        }
    }

    /// `404.html`. Hosts serve it at any address, so a small script points relative links at the
    /// language site's folder when the page is served over HTTP; from the disk they work as written.
    public func notFound() -> PublicPage {
        let page = PageChrome(content: content, locale: language, depth: languageDepth, slug: nil).page(
            title: "\(words["not_found"]) — \(siteName)", description: nil, current: nil, noindex: true)
        page.heading = words["not_found"]
        let sitePath = URLPath.path(of: content.program.baseURL)
        let folder = content.sitePrefix(for: language)
        page.headScript = """
            <script>(function(){if(location.protocol==="file:")return;var s=\(URLPath.jsString(sitePath)),\
            r=location.pathname.indexOf(s)===0?s:"/",b=document.createElement("base");\
            b.href=r+\(URLPath.jsString(folder));document.head.appendChild(b)})()</script>
            """
        // Every language's home, in its own name: a reader who followed a stale link finds their way.
        page.homes = content.program.languages.map { other in
            HomeLink(name: content.words(for: other)["home"], language: Language.nativeName(of: other), lang: other,
                     dir: Language.direction(of: other),
                     href: PageChrome(content: content, locale: other, depth: languageDepth, slug: nil).link(toSlug: ""))
        }
        return page
    }
}

extension OfferCard {
    /// An offer as a page in `language` shows it; on statements with its early access and code.
    /// - Parameter coupon: the member's own code for the offer (statements only).
    convenience init(_ offer: Offer, language: String, formatter: LocaleFormatter, forStatements: Bool,
                     program: Program, coupon: Coupon? = nil, qrLabel: String = "") {
        let text = offer.text(in: language)
        let block = PageChrome.block(text.language, page: language)
        let partner = offer.partner.flatMap { id in program.partners.first { $0.id == id } }.map { partner in
            let block = PageChrome.block(partner.name.sourceLanguage(for: language), page: language)
            return (name: partner.name.text(in: language), lang: block.lang, dir: block.dir)
        }
        let couponValues = forStatements ? coupon.map { coupon in
            // The member card's level: a till's scanner reads it off a phone's screen.
            CouponValues(code: coupon.code, expires: formatter.date(coupon.expiresOn), expiresISO: coupon.expiresOn.description,
                         qr: QRCode(coupon.code)?.svgBytes(label: qrLabel, size: "6rem") ?? [])
        } : nil
        self.init(title: text.title, summaryHTML: text.summaryHTML, bodyHTML: text.bodyHTML, textLang: block.lang, textDir: block.dir,
                  earlyAccess: forStatements && offer.earlyAccessFrom < offer.publicFrom ? formatter.date(offer.earlyAccessFrom) : nil,
                  goesPublic: formatter.date(offer.publicFrom), ends: formatter.date(offer.ends),
                  earlyAccessISO: offer.earlyAccessFrom.description, goesPublicISO: offer.publicFrom.description,
                  endsISO: offer.ends.description, code: forStatements ? offer.code : nil, partner: partner, coupon: couponValues,
                  couponOnly: offer.couponRequired)
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

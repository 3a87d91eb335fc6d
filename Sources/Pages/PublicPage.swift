import PunchcardTemplating

/// Everything the public pages' templates can name (`base.mustache`, `page`, `tiers`, `offers`,
/// `rewards`, `404` and their partials), and the layout around every statement: one typed context,
/// of which each page fills what it shows (a content page its body, the tiers page its tiers, …;
/// the rest stays empty). The theme's words (`t.…`) are written into the templates when they are
/// compiled for a language (`PublicTemplates`).
///
/// Made a few times per language and build, so its values are settable properties.
public final class PublicPage: TemplateValues {
    // Every page: the layout (base.mustache, partials/header and partials/footer).
    public var lang = ""
    public var dir = ""
    public var root = ""
    public var homeHref = ""
    public var title = ""
    public var description: String?
    public var siteName = ""
    public var nav: [NavigationLink] = []
    public var noindex = false
    public var languages: [LanguageLink] = []
    public var alternates: [AlternateLink] = []
    public var headScript = ""
    public var contentHTML = ""
    public var heading = ""
    // A content page.
    public var bodyHTML = ""
    public var bodyLang = ""
    public var bodyDir = ""
    public var isHome = false
    // The tiers page.
    public var introHTML = ""
    public var introLang = ""
    public var introDir = ""
    public var tiers: [TierCard] = []
    // The offers page.
    public var offers: [OfferCard] = []
    // The rewards page.
    public var rewards: [RewardCard] = []
    public var partners: [PartnerCard] = []
    // The 404 page.
    public var homes: [HomeLink] = []

    public init() {}

    public static let schema = TemplateSchema<PublicPage>("public page", [
        .text("lang", "The page's language tag") { $0.lang },
        .text("dir", "Its direction, ltr or rtl") { $0.dir },
        .text("root", "The way up to the site's root from the page (../ repeated; empty at the root), for assets") { $0.root },
        .text("home_href", "The page's language site's home, relative to the page") { $0.homeHref },
        .text("title", "The page's <title>") { $0.title },
        .optionalText("description", "The page's description (front matter), for <meta name=description>") { $0.description },
        .flag("has_description", "The page has a description") { $0.description != nil },
        .text("site_name", "The program's name in the page's language") { $0.siteName },
        .list("nav", "The menu: home, the pages with a weight, tiers, rewards, offers, in order") { $0.nav },
        .flag("noindex", "Search engines are asked not to index the page (the 404 page, statements)") { $0.noindex },
        .flag("has_languages", "The page exists in more than one language") { !$0.languages.isEmpty },
        .list("languages", "The page in each of the program's languages, for the language switcher") { $0.languages },
        .list("alternates", "Absolute addresses of the page in every language, for <link rel=alternate hreflang>") { $0.alternates },
        .html("head_script", "A script the page needs in its <head> (the 404 page's, which fixes relative links)") { $0.headScript },
        .html("content_html", "The page's content when a template does not override base's content block") { $0.contentHTML },
        .text("heading", "The page's main heading") { $0.heading },
        .html("body_html", "A content page's body, from its Markdown") { $0.bodyHTML },
        .text("body_lang", "The language the body is written in (a page not yet translated shows the original)") { $0.bodyLang },
        .text("body_dir", "Its direction") { $0.bodyDir },
        .flag("is_home", "The page is the home page") { $0.isHome },
        .html("intro_html", "The tiers page's introduction, from content/tiers.md") { $0.introHTML },
        .text("intro_lang", "Its language") { $0.introLang },
        .text("intro_dir", "Its direction") { $0.introDir },
        .list("tiers", "The program's tiers, lowest first (the tiers page)") { $0.tiers },
        .flag("has_offers", "Some offer is open to everyone this period") { !$0.offers.isEmpty },
        .list("offers", "The offers open to everyone this period (the offers page)") { $0.offers },
        .list("rewards", "The rewards catalog (the rewards page)") { $0.rewards },
        .list("partners", "The program's partners (the partners page)") { $0.partners },
        .list("homes", "Every language's home, in its own language (the 404 page)") { $0.homes },
    ])
}

/// An entry of the menu.
public final class NavigationLink: TemplateValues {
    let title: String, href: String, current: Bool

    init(title: String, href: String, current: Bool) {
        self.title = title
        self.href = href
        self.current = current
    }

    public static let schema = TemplateSchema<NavigationLink>("menu entry", [
        .text("title", "The entry's text") { $0.title },
        .text("href", "Its address, relative to the page") { $0.href },
        .flag("current", "It is the page shown") { $0.current },
    ])
}

/// The page in one of the program's languages.
public final class LanguageLink: TemplateValues {
    let name: String, lang: String, dir: String, href: String, current: Bool

    init(name: String, lang: String, dir: String, href: String, current: Bool) {
        self.name = name
        self.lang = lang
        self.dir = dir
        self.href = href
        self.current = current
    }

    public static let schema = TemplateSchema<LanguageLink>("language", [
        .text("name", "The language's name, in itself") { $0.name },
        .text("lang", "Its tag") { $0.lang },
        .text("dir", "Its direction") { $0.dir },
        .text("href", "The page in that language, relative to this one") { $0.href },
        .flag("current", "It is the page's language") { $0.current },
    ])
}

/// The page's absolute address in one language.
public final class AlternateLink: TemplateValues {
    let hreflang: String, href: String

    init(hreflang: String, href: String) {
        self.hreflang = hreflang
        self.href = href
    }

    public static let schema = TemplateSchema<AlternateLink>("alternate", [
        .text("hreflang", "The language's tag (x-default: the default language's site)") { $0.hreflang },
        .text("href", "The page's absolute address in it") { $0.href },
    ])
}

/// A tier on the tiers page.
public final class TierCard: TemplateValues {
    let name: String, nameLang: String, nameDir: String, threshold: String, cssClass: String
    let benefitsHTML: String, benefitsLang: String, benefitsDir: String

    init(name: String, nameLang: String, nameDir: String, threshold: String, cssClass: String,
         benefitsHTML: String, benefitsLang: String, benefitsDir: String) {
        self.name = name
        self.nameLang = nameLang
        self.nameDir = nameDir
        self.threshold = threshold
        self.cssClass = cssClass
        self.benefitsHTML = benefitsHTML
        self.benefitsLang = benefitsLang
        self.benefitsDir = benefitsDir
    }

    public static let schema = TemplateSchema<TierCard>("tier", [
        .text("name", "The tier's name") { $0.name },
        .text("name_lang", "The language it is written in") { $0.nameLang },
        .text("name_dir", "Its direction") { $0.nameDir },
        .text("threshold", "The qualifying points it takes, in the page's digits") { $0.threshold },
        .text("class", "A CSS class for the tier (tier-gold)") { $0.cssClass },
        .html("benefits_html", "Its benefits, from their Markdown") { $0.benefitsHTML },
        .text("benefits_lang", "Their language") { $0.benefitsLang },
        .text("benefits_dir", "Their direction") { $0.benefitsDir },
    ])
}

/// A partner, on the partners page.
public final class PartnerCard: TemplateValues {
    let id: String, name: String, nameLang: String, nameDir: String
    let descriptionHTML: String?, descriptionLang: String, descriptionDir: String
    let link: String?, logoSrc: String?, offers: [String]

    init(id: String, name: String, nameLang: String, nameDir: String, descriptionHTML: String?, descriptionLang: String,
         descriptionDir: String, link: String?, logoSrc: String?, offers: [String]) {
        self.id = id
        self.name = name
        self.nameLang = nameLang
        self.nameDir = nameDir
        self.descriptionHTML = descriptionHTML
        self.descriptionLang = descriptionLang
        self.descriptionDir = descriptionDir
        self.link = link
        self.logoSrc = logoSrc
        self.offers = offers
    }

    public static let schema = TemplateSchema<PartnerCard>("partner", [
        .text("id", "The partner's id (an anchor on the partners page)") { $0.id },
        .text("name", "Its name") { $0.name },
        .text("name_lang", "The language it is written in") { $0.nameLang },
        .text("name_dir", "Its direction") { $0.nameDir },
        .optionalText("description_html", "Its description, from its Markdown (absent without one)") { $0.descriptionHTML },
        .text("description_lang", "The language that is written in") { $0.descriptionLang },
        .text("description_dir", "Its direction") { $0.descriptionDir },
        .optionalText("link", "Its site (http or https)") { $0.link },
        .optionalText("logo_src", "Its logo's address, relative to the page (absent without one)") { $0.logoSrc },
        .flag("has_offers", "Offers from the partner are open to everyone this period") { !$0.offers.isEmpty },
        .list("offers", "Their titles") { $0.offers.map(PartnerOffer.init) },
    ])
}

/// An offer's title, in a partner's card.
public final class PartnerOffer: TemplateValues {
    let title: String
    init(_ title: String) { self.title = title }
    public static let schema = TemplateSchema<PartnerOffer>("partner's offer", [.text("title", "The offer's title") { $0.title }])
}

/// An offer, on the offers page and on statements.
public final class OfferCard: TemplateValues {
    let title: String, summaryHTML: String, bodyHTML: String, textLang: String, textDir: String
    let earlyAccess: String?, goesPublic: String, ends: String
    let earlyAccessISO: String, goesPublicISO: String, endsISO: String
    let code: String?
    /// The partner it comes from: name, and the language and direction it is written in.
    let partner: (name: String, lang: String, dir: String)?
    /// The member's own code for it (statements only), when they hold one.
    let coupon: CouponValues?
    /// Only members holding a code see it (`coupon: required`): it never goes public.
    let couponOnly: Bool

    /// A member's coupon as an offer on their statement shows it.
    struct CouponValues {
        let code: String, expires: String, expiresISO: String, qr: [UInt8]
    }

    init(title: String, summaryHTML: String, bodyHTML: String, textLang: String, textDir: String,
         earlyAccess: String?, goesPublic: String, ends: String, earlyAccessISO: String, goesPublicISO: String,
         endsISO: String, code: String?, partner: (name: String, lang: String, dir: String)? = nil,
         coupon: CouponValues? = nil, couponOnly: Bool = false) {
        self.partner = partner
        self.couponOnly = couponOnly
        self.coupon = coupon
        self.title = title
        self.summaryHTML = summaryHTML
        self.bodyHTML = bodyHTML
        self.textLang = textLang
        self.textDir = textDir
        self.earlyAccess = earlyAccess
        self.goesPublic = goesPublic
        self.ends = ends
        self.earlyAccessISO = earlyAccessISO
        self.goesPublicISO = goesPublicISO
        self.endsISO = endsISO
        self.code = code
    }

    public static let schema = TemplateSchema<OfferCard>("offer", [
        .text("title", "The offer's title") { $0.title },
        .html("summary_html", "Its summary, from its Markdown") { $0.summaryHTML },
        .html("body_html", "Its text, from its Markdown") { $0.bodyHTML },
        .text("text_lang", "The language they are written in") { $0.textLang },
        .text("text_dir", "Their direction") { $0.textDir },
        .flag("has_early_access", "Members of some tiers see it before everyone (statements only)") { $0.earlyAccess != nil },
        .text("early_access", "The day those members may use it (statements only)") { $0.earlyAccess ?? "" },
        .text("early_access_iso", "The same day as YYYY-MM-DD") { $0.earlyAccessISO },
        .text("goes_public", "The day it opens to everyone") { $0.goesPublic },
        .text("goes_public_iso", "The same day as YYYY-MM-DD") { $0.goesPublicISO },
        .text("ends", "Its last day") { $0.ends },
        .text("ends_iso", "The same day as YYYY-MM-DD") { $0.endsISO },
        .flag("has_code", "It has an early-access code (statements only)") { $0.code != nil },
        .text("code", "The code (statements only)") { $0.code ?? "" },
        .flag("has_partner", "It comes from one of the program's partners") { $0.partner != nil },
        .text("partner_name", "That partner's name") { $0.partner?.name ?? "" },
        .text("partner_lang", "The language the partner's name is written in") { $0.partner?.lang ?? "" },
        .text("partner_dir", "Its direction") { $0.partner?.dir ?? "" },
        .flag("coupon_only", "Only members holding a code see it (statements only): it has no public date") { $0.couponOnly },
        .flag("has_coupon", "The member holds their own code for it (statements only; never on public pages)") { $0.coupon != nil },
        .text("coupon_code", "The member's code") { $0.coupon?.code ?? "" },
        .text("coupon_expires", "The last day the code can be used") { $0.coupon?.expires ?? "" },
        .text("coupon_expires_iso", "The same day as YYYY-MM-DD") { $0.coupon?.expiresISO ?? "" },
        .html("coupon_qr", "The code as an SVG QR code, for a till to scan") { $0.coupon?.qr ?? [] },
    ])
}

/// A reward of the catalog, on the rewards page and on statements.
public final class RewardCard: TemplateValues {
    let id: String, name: String, nameLang: String, nameDir: String, points: String
    let kind: String, kindClass: String, isCharity: Bool, tiersText: String?
    let descriptionHTML: String?, descriptionLang: String, descriptionDir: String

    init(id: String, name: String, nameLang: String, nameDir: String, points: String, kind: String, kindClass: String,
         isCharity: Bool, tiersText: String?, descriptionHTML: String?, descriptionLang: String, descriptionDir: String) {
        self.id = id
        self.name = name
        self.nameLang = nameLang
        self.nameDir = nameDir
        self.points = points
        self.kind = kind
        self.kindClass = kindClass
        self.isCharity = isCharity
        self.tiersText = tiersText
        self.descriptionHTML = descriptionHTML
        self.descriptionLang = descriptionLang
        self.descriptionDir = descriptionDir
    }

    public static let schema = TemplateSchema<RewardCard>("reward", [
        .text("id", "The reward's id (an anchor on the rewards page)") { $0.id },
        .text("name", "Its name") { $0.name },
        .text("name_lang", "The language it is written in") { $0.nameLang },
        .text("name_dir", "Its direction") { $0.nameDir },
        .text("points", "What it costs, as a sentence (reward_points)") { $0.points },
        .text("kind", "Its kind, in the page's language") { $0.kind },
        .text("kind_class", "A CSS class for its kind (reward-voucher)") { $0.kindClass },
        .flag("is_charity", "It is a donation") { $0.isCharity },
        .optionalText("tiers_text", "The tiers that may redeem it, as a sentence (absent: every tier)") { $0.tiersText },
        .optionalText("description_html", "Its description, from its Markdown (HTML; absent: none)") { $0.descriptionHTML },
        .text("description_lang", "The description's language") { $0.descriptionLang },
        .text("description_dir", "Its direction") { $0.descriptionDir },
    ])
}

/// A language's home, on the 404 page.
public final class HomeLink: TemplateValues {
    let name: String, language: String, lang: String, dir: String, href: String

    init(name: String, language: String, lang: String, dir: String, href: String) {
        self.name = name
        self.language = language
        self.lang = lang
        self.dir = dir
        self.href = href
    }

    public static let schema = TemplateSchema<HomeLink>("home", [
        .text("name", "\"Home\" in that language") { $0.name },
        .text("language", "The language's name, in itself") { $0.language },
        .text("lang", "Its tag") { $0.lang },
        .text("dir", "Its direction") { $0.dir },
        .text("href", "Its home, relative to the page") { $0.href },
    ])
}

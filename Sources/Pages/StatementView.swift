import Foundation
import PunchcardLocalization
import PunchcardQRCode
import PunchcardStatements
import PunchcardSupport
import PunchcardTemplating

/// Everything a statement page shows, computed in Swift: templates only place values.
public struct StatementView {
    public var content: SiteContent
    public var member: Member
    public var statement: Statement
    /// The member's rows posted in the period, in rule order.
    public var activity: [LedgerEntry]
    /// Periods of earlier statements kept for the member, newest first.
    public var earlierPeriods: [Period]
    /// The period had not ended when the page was built: its figures may still change.
    public var provisional: Bool
    /// The member card in the phone's wallet (`wallet:` in program.yml); empty: no links.
    public var walletLinks = WalletLinks()

    public init(content: SiteContent, member: Member, statement: Statement, activity: [LedgerEntry],
                earlierPeriods: [Period], provisional: Bool = false) {
        self.content = content
        self.member = member
        self.statement = statement
        self.activity = activity
        self.earlierPeriods = earlierPeriods
        self.provisional = provisional
    }

    /// A closed account gets its final statement: figures only, no offers, no invitation to refer.
    public var isClosed: Bool { member.status == .closed }

    /// The language the page speaks: the member's, when the theme has words for it.
    public var locale: String { content.pageLocale(for: member.locale) }

    /// The page around the statement for members of one locale: the layout's header and footer.
    /// It is the same for every such member, so it is rendered once per build and per locale.
    /// A period's page and the member's latest page are one file (see `StatementAddress`), so
    /// there is one head for both.
    public static func layout(content: SiteContent, locale: String, period: Period, templates: TemplateSet)
        -> (head: String, tail: String) {
        let words = content.words(for: locale)
        let layout = PageChrome(content: content, locale: locale, depth: StatementAddress.depth, slug: nil).page(
            title: "\(words["statement_title"]) — \(content.program.name.text(in: locale))",
            description: nil, current: nil, noindex: true)
        let marker = "\u{1}statement\u{1}"
        layout.contentHTML = marker
        // Compiled when the build checked the theme (the public pages use base.mustache too).
        let page = (try? PublicTemplates.compile("base", templates: templates, content: content, locale: locale))?.render(layout) ?? marker
        guard let range = page.range(of: marker) else { return (Indentation.removed(from: page), "") }
        return (Indentation.removed(from: String(page[..<range.lowerBound])),
                Indentation.removed(from: String(page[range.upperBound...])))
    }

    /// Values that are the same for every member of a locale: written into the statement template
    /// when it is compiled for the locale (`StatementTemplate`).
    public static func constants(content: SiteContent, locale: String) -> [String: String] {
        var constants: [String: String] = ["lang": locale, "dir": Language.direction(of: locale), "latest_href": "index.html"]
        for (key, value) in content.words(for: locale).all { constants["t.\(key)"] = value }
        return constants
    }

    /// A tier name as a CSS class fragment: lowercase ASCII letters and digits.
    static func cssName(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return kept.isEmpty ? "custom" : String(String.UnicodeScalarView(kept))
    }
}

/// HTML that many pages share, rendered once per build (and per tier and language).
public final class SharedFragments: @unchecked Sendable {
    let content: SiteContent
    let templates: TemplateSet?
    let period: Period?
    /// Texts shown untranslated, for the build's warnings.
    public let log: TranslationLog
    private let lock = NSLock()
    private var offers: [String: String] = [:]
    private var parts: [String: StatementParts] = [:]
    private var availableRewards: [String: String] = [:]
    private var tierTexts: [String: TierTexts] = [:]
    /// Tier name → language code → benefits HTML, and language code → referral text HTML: made once,
    /// read by every rendering thread without a lock.
    private let benefits: [String: [String: String]]
    private let referral: [String: String]

    public init(content: SiteContent, templates: TemplateSet? = nil, period: Period? = nil, log: TranslationLog = TranslationLog()) {
        self.content = content
        self.templates = templates
        self.period = period
        self.log = log
        let codes = Set(content.program.languages.map(Language.code(of:)) + content.strings.tables.keys.map(Language.code(of:)))
        var benefits: [String: [String: String]] = [:]
        for tier in content.program.tiers {
            for code in codes { benefits[tier.name, default: [:]][code] = content.markdown.html(tier.benefits.text(in: code)) }
        }
        var referral: [String: String] = [:]
        if let text = content.program.referral.text {
            for code in codes { referral[code] = content.markdown.html(text.text(in: code)) }
        }
        self.benefits = benefits
        self.referral = referral
    }

    /// A tier's benefits as HTML, for readers of `language`.
    public func benefitsHTML(tier name: String, language: String) -> String {
        let code = Language.code(of: language)
        if let html = benefits[name]?[code] { return html }
        let markdown = content.program.tiers.first { $0.name == name }?.benefits.text(in: language) ?? ""
        return content.markdown.html(markdown)
    }

    /// The program's referral text as HTML, for readers of `language`.
    public func referralHTML(language: String) -> String {
        guard let text = content.program.referral.text else { return "" }
        return referral[Language.code(of: language)] ?? content.markdown.html(text.text(in: language))
    }

    /// What every statement of one language and period shows alike, beyond the template's words.
    public struct StatementParts: @unchecked Sendable {
        /// Reward id → the catalog entry as the template shows it (names, points, described).
        let rewardItems: [String: RewardCard]
        let chartFrame: HistoryChart.Frame
    }

    /// What every statement of `locale` and `tier` shows alike (the tier's name and benefits, the
    /// referral text, the languages of the program's texts), made once per build.
    public func tierTexts(locale: String, tier: String?) -> TierTexts {
        let key = "\(locale)\u{0}\(tier ?? "")"
        if let cached = lock.withLock({ tierTexts[key] }) { return cached }
        let made = TierTexts(content: content, locale: locale, tier: tier, shared: self)
        lock.withLock { tierTexts[key] = made }
        return made
    }


    /// The rewards catalog in the language of `locale`, from a statement's folder.
    public func rewardsHref(locale: String) -> String {
        PageChrome(content: content, locale: locale, depth: StatementAddress.depth, slug: nil).link(toSlug: "rewards")
    }

    /// The parts for statements in `locale` whose history covers `months`.
    public func statementParts(locale: String, months: [Period], formatter: LocaleFormatter, words: Words) -> StatementParts {
        let key = "\(locale)\u{0}\(months.first.map(String.init(describing:)) ?? "")\u{0}\(months.count)"
        if let cached = lock.withLock({ parts[key] }) { return cached }
        let catalog = RewardViews(content: content, locale: locale, words: words, formatter: formatter)
        let made = StatementParts(
            rewardItems: Dictionary(content.program.rewards.map { ($0.id, catalog.item($0)) }, uniquingKeysWith: { first, _ in first }),
            chartFrame: HistoryChart.Frame(
                periods: months, formatter: formatter,
                words: HistoryChart.Words(title: words["history_caption"], month: words["history_month"],
                                          earned: words["history_earned"], redeemed: words["history_redeemed"],
                                          expired: words["expired"], adjusted: words["adjusted"],
                                          balance: words["history_balance"], opening: words["opening_balance"])))
        lock.withLock { parts[key] = made }
        return made
    }

    /// The rewards a member can redeem now (ids, cheapest first), as `partials/statement-rewards`
    /// shows them: the same for every member of a language who can afford the same rewards, so
    /// rendered once for each such list.
    public func availableRewardsHTML(_ ids: [String], locale: String, parts: StatementParts) -> String {
        guard let templates else { return "" }
        let key = "\(locale)\u{0}\(ids.joined(separator: " "))"
        if let cached = lock.withLock({ availableRewards[key] }) { return cached }
        // Checked with the statement before the build writes anything (StatementTemplate.check).
        let template = try? TypedTemplate<StatementRewards>.statementFragment(StatementRewards.template, templates: templates,
                                                                               content: content, locale: locale)
        let html = template?.render(StatementRewards(available: ids.compactMap { parts.rewardItems[$0] })) ?? ""
        lock.withLock { availableRewards[key] = html }
        return html
    }

    /// The offers section of a member's statement (`SiteContent.offersShown`) reading in `locale`:
    /// the same for every member shown the same offers in a language (rendered once for each such
    /// list), unless the member holds coupons: then their codes are theirs alone.
    public func offersHTML(member: Member, statement: Statement, locale: String, formatter: LocaleFormatter,
                           words: Words? = nil) -> String {
        guard let templates, let period else { return "" }
        let shown = content.offersShown(to: member, statement: statement, period: period)
        let personal = shown.contains { $0.coupon != nil }
        let key = "\(locale)\u{0}" + shown.map(\.offer.slug).joined(separator: " ")
        if !personal, let cached = lock.withLock({ offers[key] }) { return cached }
        let template = try? TypedTemplate<StatementOffers>.statementFragment(StatementOffers.template, templates: templates,
                                                                              content: content, locale: locale)
        let label = (words ?? content.words(for: locale))["coupon_qr"]
        let cards = shown.map {
            OfferCard($0.offer, language: locale, formatter: formatter, forStatements: true, program: content.program,
                      coupon: $0.coupon, qrLabel: label)
        }
        let html = template?.render(StatementOffers(offers: cards)) ?? ""
        if !personal { lock.withLock { offers[key] = html } }
        return html
    }
}

/// Texts that members saw untranslated during a build: ledger descriptions without a translation
/// into the page's language. Kept small: the build reports counts and a few examples.
public final class TranslationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptions: [String: Set<String>] = [:]
    public static let examplesKept = 50

    public init() {}

    public func untranslatedDescription(_ text: String, language: String) {
        let code = Language.code(of: language)
        lock.withLock {
            if descriptions[code, default: []].count < Self.examplesKept { descriptions[code, default: []].insert(text) }
        }
    }

    /// Language code → descriptions shown untranslated (at most `examplesKept` each).
    public var untranslatedDescriptions: [String: Set<String>] { lock.withLock { descriptions } }
}

/// Where a member adds their card to a wallet: the Apple pass beside the page, Google's save link.
public struct WalletLinks: Sendable, Hashable {
    /// `card.pkpass`, relative to the page.
    public var apple: String?
    /// `https://pay.google.com/gp/v/save/<JWT>`.
    public var google: String?

    public init(apple: String? = nil, google: String? = nil) {
        self.apple = apple
        self.google = google
    }

    public var isEmpty: Bool { apple == nil && google == nil }
}

import Foundation
import PunchcardStatements
import PunchcardSupport

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

    public var locale: String { member.locale ?? content.program.defaultLocale }

    /// The page around the statement for members of one locale: the layout's header and footer.
    /// It is the same for every such member, so it is rendered once per build and per locale.
    /// The article is written for the period's copy at `/m/<token>/<YYYY-MM>/`; the latest copy at
    /// `/m/<token>/` gets `<base href="YYYY-MM/">`, so the same article's links work in both.
    public static func layout(content: SiteContent, locale: String, period: Period, templates: TemplateSet)
        -> (archiveHead: String, latestHead: String, tail: String) {
        let labels = Labels.forLocale(locale)
        var context = PageChrome(locale: locale, depth: 3).context(
            content: content, title: "\(labels["statement_title"]!) · \(content.program.name)",
            description: nil, current: nil, noindex: true)
        let marker = "\u{1}statement\u{1}"
        context["content_html"] = marker
        let archive = templates.render(context, template: "base")
        context["base_href"] = "\(period)/"
        let latest = templates.render(context, template: "base")
        func split(_ page: String) -> (String, String) {
            guard let range = page.range(of: marker) else { return (page, "") }
            return (String(page[..<range.lowerBound]), String(page[range.upperBound...]))
        }
        let (archiveHead, tail) = split(archive)
        return (archiveHead, split(latest).0, tail)
    }

    /// Values that are the same for every member of a locale: the statement template is
    /// specialised with them once (see `TemplateSet.specialized`).
    public static func constants(content: SiteContent, locale: String) -> [String: String] {
        var constants: [String: String] = [
            "lang": locale, "dir": LocaleTag.isRightToLeft(locale) ? "rtl" : "ltr",
            "content_lang": content.program.defaultLocale,
            "content_dir": LocaleTag.isRightToLeft(content.program.defaultLocale) ? "rtl" : "ltr",
            "points_name": content.program.pointsName, "latest_href": "../index.html",
        ]
        for (key, value) in Labels.forLocale(locale) { constants["t.\(key)"] = value }
        return constants
    }

    /// The statement article's template context. `shared` holds the HTML that many members share
    /// (tier benefits), rendered once per build.
    public func context(formatter: LocaleFormatter, shared: SharedFragments) -> [String: Any] {
        let program = content.program
        let labels = Labels.forLocale(locale)
        var context: [String: Any] = [
            "lang": locale, "dir": LocaleTag.isRightToLeft(locale) ? "rtl" : "ltr", "t": labels,
            "content_lang": program.defaultLocale,
            "content_dir": LocaleTag.isRightToLeft(program.defaultLocale) ? "rtl" : "ltr",
        ]
        let s = statement
        context["member_name"] = member.name
        context["member_since"] = formatter.date(member.joinedOn)
        context["period_start"] = formatter.date(s.period.start)
        context["period_end"] = formatter.date(s.period.end)
        context["statement_date"] = formatter.date(s.period.end)
        context["period_start_iso"] = s.period.start.description
        context["period_end_iso"] = s.period.end.description
        context["closing_balance"] = formatter.number(s.closingBalance)
        context["points_name"] = program.pointsName
        // The summary's lines, in the order that adds up to the closing balance.
        context["opening_balance"] = formatter.number(s.openingBalance)
        context["earned"] = formatter.number(s.earned)
        context["bonus"] = formatter.number(s.bonus)
        context["redeemed"] = formatter.number(s.redeemed)
        context["expired"] = formatter.number(s.expired)
        context["adjusted"] = formatter.number(s.adjusted.saturatingMagnitude)
        context["adjusted_sign"] = s.adjusted < 0 ? "−" : "+"
        context["adjusted_class"] = s.adjusted < 0 ? "minus" : "plus"
        context["activity"] = activity.map { entry -> [String: Any] in
            [
                "date": formatter.date(entry.postedOn),
                "iso": entry.postedOn.description,
                "description": entry.description ?? labels["kind_\(entry.kind.rawValue)"]!,
                "kind": labels["kind_\(entry.kind.rawValue)"]!,
                "points": formatter.signedNumber(entry.points),
                "negative": entry.points < 0,
            ]
        }
        context["has_activity"] = !activity.isEmpty
        context["expiring"] = s.expiring.map {
            ["points": formatter.number($0.points), "date": formatter.date($0.on), "iso": $0.on.description]
        }
        context["has_expiring"] = !s.expiring.isEmpty

        // Tier and progress.
        context["tier"] = s.tier ?? ""
        context["has_tier"] = s.tier != nil
        context["tier_class"] = "tier-" + (s.tier.map(Self.cssName) ?? "none")
        context["qualifying_points"] = formatter.number(s.qualifyingPoints)
        if let next = s.nextTier, let needed = s.pointsToNextTier,
           let threshold = program.tiers.first(where: { $0.name == next })?.threshold {
            let fraction = threshold > 0 ? min(1, Double(s.qualifyingPoints) / Double(threshold)) : 1
            context["progress"] = [
                "value": s.qualifyingPoints, "max": threshold,
                "percent": formatter.percentage(fraction),
                "text": labels["to_next"]!.fillingPlaceholders(["points": formatter.number(needed), "tier": next]),
            ] as [String: Any]
        } else {
            context["top_tier"] = true
        }
        context["benefits_html"] = s.tier.flatMap { shared.benefitsHTML[$0] } ?? ""
        context["has_benefits"] = !(context["benefits_html"] as! String).isEmpty

        // Offers for the member's tier: the same for every member of the tier and language.
        context["offers_html"] = isClosed ? "" : shared.offersHTML(tier: s.tier, locale: locale, formatter: formatter)
        context["provisional"] = provisional
        context["closed"] = isClosed
        context["show_referral"] = !isClosed

        // Referral.
        context["referral_code"] = s.referral.code
        context["referral_link"] = s.referral.link
        context["friends_joined"] = formatter.number(s.referral.referredCount)
        context["referral_points"] = formatter.number(s.referral.pointsEarned)

        // Earlier statements, relative to the period's copy.
        context["earlier"] = earlierPeriods.map { period -> [String: Any] in
            ["label": formatter.date(period.end), "href": "../\(period)/index.html"]
        }
        context["has_earlier"] = !earlierPeriods.isEmpty
        context["latest_href"] = "../index.html"
        return context
    }

    /// A tier name as a CSS class fragment: lowercase ASCII letters and digits.
    static func cssName(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return kept.isEmpty ? "custom" : String(String.UnicodeScalarView(kept))
    }
}

/// HTML that many pages share, rendered once per build (and per tier and language).
public final class SharedFragments: @unchecked Sendable {
    /// Tier name → its benefits as HTML.
    public let benefitsHTML: [String: String]
    let content: SiteContent
    let templates: TemplateSet?
    let period: Period?
    private let lock = NSLock()
    private var offers: [String: String] = [:]

    public init(content: SiteContent, templates: TemplateSet? = nil, period: Period? = nil) {
        var benefits: [String: String] = [:]
        for tier in content.program.tiers { benefits[tier.name] = content.markdown.html(tier.benefits) }
        benefitsHTML = benefits
        self.content = content
        self.templates = templates
        self.period = period
    }

    /// The offers section of a statement for members of `tier` reading in `locale`.
    public func offersHTML(tier: String?, locale: String, formatter: LocaleFormatter) -> String {
        guard let templates, let period else { return "" }
        let key = "\(tier ?? "")\u{0}\(locale)"
        if let cached = lock.withLock({ offers[key] }) { return cached }
        let shown = content.offers.filter { $0.isShownOnStatement(forTier: tier, periodEnd: period.end) }
        var context = StatementView.constants(content: content, locale: locale) as [String: Any]
        context["t"] = Labels.forLocale(locale)
        context["has_offers"] = !shown.isEmpty
        context["offers"] = shown.map { offer -> [String: Any] in
            [
                "title": offer.title, "summary_html": offer.summaryHTML, "body_html": offer.bodyHTML,
                "early_access": formatter.date(offer.earlyAccessFrom), "goes_public": formatter.date(offer.publicFrom),
                "ends": formatter.date(offer.ends), "code": offer.code ?? "", "has_code": offer.code != nil,
                "has_early_access": offer.earlyAccessFrom < offer.publicFrom,
                "early_access_iso": offer.earlyAccessFrom.description, "goes_public_iso": offer.publicFrom.description,
                "ends_iso": offer.ends.description,
            ]
        }
        let html = templates.render(context, template: "partials/statement-offers")
        lock.withLock { offers[key] = html }
        return html
    }
}

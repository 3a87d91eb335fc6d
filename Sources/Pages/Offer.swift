import PunchcardCalendars
import PunchcardLocalization
import PunchcardMarkdown
import PunchcardStatements
import PunchcardSupport

/// An offer from `content/offers/*.md`: early access for some tiers, then public, until it ends.
public struct Offer: Sendable, Hashable {
    public var slug: String
    public var title: String
    /// Markdown, rendered inline.
    public var summaryHTML: String
    /// The tiers that get early access.
    public var tiers: [String]
    public var earlyAccessFrom: CalendarDate
    public var publicFrom: CalendarDate
    /// The last day of the offer.
    public var ends: CalendarDate
    /// The early-access code, shown only on statements.
    public var code: String?
    /// The partner (`partners:` id) the offer comes from, if any.
    public var partner: String?
    /// `coupon: required`: only members holding a code for it (coupons.csv) see it, on their
    /// statements; it is never on a public page.
    public var couponRequired = false
    /// `audience:`: who the offer is for (nil: members of `tiers`, as before audiences). An offer
    /// with an audience is shown on the statements of members in it and on no public page.
    public var audience: OfferAudience?
    /// Where each of the audience's `attributes` is written, for the build's check that the
    /// members have such a column.
    public var audienceAttributeLocations: [String: SourceLocation] = [:]
    public var bodyHTML: String
    public var source: String
    /// The language of the texts above (the program's first).
    public var language: String = ""
    /// Title, summary and body in other languages, from `<slug>.<language>.md` beside the offer.
    public var translations: [String: Text] = [:]

    /// What a translation of an offer changes: its words, never its dates, tiers or code.
    public struct Text: Sendable, Hashable {
        public var title: String
        public var summaryHTML: String
        public var bodyHTML: String
        public var language: String
        public var source: String
    }

    /// The offer's words for a reader of `language`: theirs, or the default language's.
    public func text(in language: String) -> Text {
        translations[Language.code(of: language)]
            ?? Text(title: title, summaryHTML: summaryHTML, bodyHTML: bodyHTML, language: self.language, source: source)
    }

    /// The statement rule: for a period ending on `end`, a member in `tier` sees the offer when the
    /// tier has early access, the offer is still running after `end`, and early access opens by the
    /// end of the month after `end` (statements are read in that month).
    public func isShownOnStatement(forTier tier: String?, period: Period) -> Bool {
        guard !couponRequired, audience == nil, let tier, tiers.contains(tier) else { return false }
        return isRunningOnStatements(period: period)
    }

    /// The statement rule for one member: a code they hold shows the offer whatever their tier
    /// while it runs (from the month its early access or public date comes); else an offer with an
    /// audience shows to members in it, one without to members of its tiers.
    public func isShown(to member: Member, statement: Statement, holdingCoupon: Bool, period: Period) -> Bool {
        if holdingCoupon { return isRunningOnStatements(period: period) }
        guard let audience else { return isShownOnStatement(forTier: statement.tier, period: period) }
        return !couponRequired && isRunningOnStatements(period: period)
            && audience.includes(member, statement: statement, period: period)
    }

    public func isRunningOnStatements(period: Period) -> Bool {
        ends > period.end && earlyAccessFrom <= Offer.horizon(after: period.end, calendar: period.calendar)
    }

    /// The public offers page lists offers that go public by the end of the month after `end`
    /// and are still running after `end`; never an offer for coupon holders only.
    public func isPublic(period: Period) -> Bool {
        !couponRequired && audience == nil && ends > period.end && publicFrom <= Offer.horizon(after: period.end, calendar: period.calendar)
    }

    /// The end of the billing month after the one ending on `end`.
    static func horizon(after end: CalendarDate, calendar: BillingCalendar) -> CalendarDate {
        calendar.endOfMonth(end.adding(days: 1))
    }

    /// A translation file: `title`, `summary` and the body; everything else comes from the offer.
    public static func parseTranslation(_ text: String, source: String, language: String,
                                        markdown: Markdown) throws(Diagnostic) -> Text {
        var front = try FrontMatter.split(text, file: source)
        let title = try front.fields.requiredString("title")
        let summary = try front.fields.string("summary") ?? ""
        for key in front.fields.keys where !["title", "summary"].contains(key) {
            throw front.fields.problem(key: key, "a translation sets only title, summary and the text; \(key) is set in the offer's own file")
        }
        return Text(title: title, summaryHTML: markdown.inlineHTML(summary), bodyHTML: markdown.html(front.body),
                    language: language, source: source)
    }

    public static func parse(_ text: String, source: String, slug: String, program: Program,
                             markdown: Markdown) throws(Diagnostic) -> Offer {
        var front = try FrontMatter.split(text, file: source)
        let title = try front.fields.requiredString("title")
        let summary = try front.fields.string("summary") ?? ""
        let tiers = try front.fields.strings("tiers") ?? []
        for tier in tiers where !program.tiers.contains(where: { $0.name == tier }) {
            throw front.fields.problem(key: "tiers",
                "\"\(tier)\" is not a tier of the program (tiers: \(program.tiers.map(\.name).joined(separator: ", ")))")
        }
        guard let publicFrom = try front.fields.date("public_from") else { throw front.fields.missing("public_from") }
        let earlyAccessFrom = try front.fields.date("early_access_from") ?? publicFrom
        guard let ends = try front.fields.date("ends") else { throw front.fields.missing("ends") }
        if earlyAccessFrom > publicFrom {
            throw front.fields.problem(key: "early_access_from", "\(earlyAccessFrom) is after public_from (\(publicFrom))")
        }
        if ends < publicFrom {
            throw front.fields.problem(key: "ends", "\(ends) is before public_from (\(publicFrom))")
        }
        let code = try front.fields.string("code")
        let partner = try front.fields.string("partner")
        if let partner, !program.partners.contains(where: { $0.id == partner }) {
            throw front.fields.problem(key: "partner", "\(Diagnostic.quote(partner)) is not a partner of the program (partners: in program.yml)")
        }
        let coupon = try front.fields.string("coupon")
        if let coupon, coupon != "required" && coupon != "optional" {
            throw front.fields.problem(key: "coupon", "\(Diagnostic.quote(coupon)) is not required or optional (required: only members holding a code from coupons.csv see the offer)")
        }
        var audienceLocations: [String: SourceLocation] = [:]
        let audience = try front.fields.fields("audience").map { fields throws(Diagnostic) in
            var fields = fields
            return try readAudience(&fields, program: program, attributeLocations: &audienceLocations)
        }
        try front.fields.rejectUnknownKeys()
        var offer = Offer(slug: slug, title: title, summaryHTML: markdown.inlineHTML(summary), tiers: tiers,
                          earlyAccessFrom: earlyAccessFrom, publicFrom: publicFrom, ends: ends, code: code,
                          bodyHTML: markdown.html(front.body), source: source, language: program.defaultLocale)
        offer.partner = partner
        offer.couponRequired = coupon == "required"
        offer.audience = audience
        offer.audienceAttributeLocations = audienceLocations
        return offer
    }

    /// Reads `audience:`, checking each condition against the program.
    static func readAudience(_ fields: inout YAMLFields, program: Program,
                             attributeLocations: inout [String: SourceLocation]) throws(Diagnostic) -> OfferAudience {
        var audience = OfferAudience()
        func names(_ key: String, known: [String], what: String) throws(Diagnostic) -> [String] {
            let values = try fields.strings(key) ?? []
            for value in values where !known.contains(value) {
                let list = known.isEmpty ? "the program has none" : known.prefix(10).joined(separator: ", ")
                throw fields.problem(key: key, "\(Diagnostic.quote(value)) is not \(what) of the program (\(list))")
            }
            return values
        }
        audience.tiers = try names("tiers", known: program.tiers.map(\.name), what: "a tier")
        audience.plans = try names("plans", known: program.memberships.map(\.id), what: "a paid plan")
        audience.sources = try names("sources", known: program.sources.map(\.id) + PointSource.implicitIDs.sorted(),
                                     what: "a source")
        func days(_ key: String) throws(Diagnostic) -> Int? {
            guard let value = try fields.int(key) else { return nil }
            guard (1...OfferAudience.maxDays).contains(value) else {
                throw fields.problem(key: key, "\(value) is not a number of days from 1 to \(OfferAudience.maxDays)")
            }
            return value
        }
        audience.joinedWithinDays = try days("joined_within_days")
        audience.inactiveDays = try days("inactive_days")
        if let minimum = try fields.int("min_balance") {
            guard (0...1_000_000_000_000).contains(minimum) else {
                throw fields.problem(key: "min_balance", "\(minimum) is not a number of points from 0 to 1,000,000,000,000")
            }
            audience.minBalance = minimum
        }
        audience.birthday = try fields.bool("birthday") ?? false
        audience.anniversary = try fields.bool("anniversary") ?? false
        if var attributes = try fields.fields("attributes") {
            for key in attributes.keys {
                guard let value = try attributes.string(key) else { continue }
                audience.attributes[key] = value
                attributeLocations[key] = attributes.problem(key: key, "").location
            }
            try attributes.rejectUnknownKeys()
        }
        try fields.rejectUnknownKeys()
        if audience.isEmpty {
            throw fields.problem(key: "tiers", "an audience needs at least one condition (tiers, plans, sources, joined_within_days, inactive_days, min_balance, birthday, anniversary, attributes)")
        }
        return audience
    }
}

import Foundation
import PunchcardCalendars
import PunchcardLocalization
import PunchcardSupport

extension Program {
    /// The largest point figure a program may name (thresholds, bonuses), as for ledger rows.
    public static let maxPoints = 1_000_000_000_000

    /// Reads and checks `program.yml`. Unknown keys and bad values are errors naming the key and line.
    public static func load(from url: URL, displayPath: String? = nil) throws(Diagnostic) -> Program {
        let path = displayPath ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(SourceLocation(file: path), "cannot read the program definition: \(FileProblem.reason(error))")
        }
        return try parse(try TextFile.decode(data, file: path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(Diagnostic) -> Program {
        var root = try YAMLFields.parse(text, file: file)

        let languages = try readLanguages(&root)
        let name = try root.requiredLocalizedText("name", languages: languages)

        let baseURL = try root.requiredString("base_url")
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false
        else { throw root.problem(key: "base_url", "\(Diagnostic.quote(baseURL)) is not an http(s) address") }

        let currency = try root.requiredString("currency")
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw root.problem(key: "currency", "\(Diagnostic.quote(currency)) is not an ISO 4217 code such as IRR or USD")
        }

        let pointsName = try root.localizedText("points_name", languages: languages) ?? LocalizedText("points")

        let cycleText = try root.string("billing_cycle") ?? BillingCycle.monthly.rawValue
        guard let billingCycle = BillingCycle(rawValue: cycleText) else {
            throw root.problem(key: "billing_cycle", "\(Diagnostic.quote(cycleText)) is not supported (supported: monthly)")
        }
        let calendarText = try root.string("calendar") ?? BillingCalendar.Kind.gregorian.rawValue
        guard let calendarKind = BillingCalendar.Kind(rawValue: calendarText) else {
            throw root.problem(key: "calendar", "\(Diagnostic.quote(calendarText)) is not a calendar Punchcard bills on " +
                "(calendars: \(BillingCalendar.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }

        guard let tierFields = try root.list("tiers"), !tierFields.isEmpty else { throw root.missing("tiers") }
        var tiers: [Tier] = []
        for var fields in tierFields {
            let title = try fields.requiredLocalizedText("name", languages: languages)
            let tierName = title.defaultText
            let threshold = try fields.requiredInt("threshold")
            if threshold < 0 { throw fields.problem(key: "threshold", "must not be negative") }
            if threshold > Self.maxPoints {
                throw fields.problem(key: "threshold", "\(threshold) is too large (at most \(Self.maxPoints))")
            }
            if let previous = tiers.last, threshold <= previous.threshold {
                throw fields.problem(key: "threshold",
                    "\(threshold) must be above the previous tier's (\(previous.name): \(previous.threshold)); list tiers from lowest to highest")
            }
            if tiers.contains(where: { $0.name == tierName }) {
                throw fields.problem(key: "name", "\(Diagnostic.quote(tierName)) is used by another tier")
            }
            let benefits = try fields.localizedText("benefits", languages: languages) ?? LocalizedText("")
            try fields.rejectUnknownKeys()
            tiers.append(Tier(name: tierName, title: title, threshold: threshold, benefits: benefits))
        }

        var expiryFields = try root.requiredFields("expiry")
        let months = try expiryFields.requiredInt("months")
        if !(1...1200).contains(months) {
            throw expiryFields.problem(key: "months", "\(months) is not between 1 and 1200 (100 years)")
        }
        let warningDays = try expiryFields.int("warning_days") ?? 90
        if !(0...3660).contains(warningDays) {
            throw expiryFields.problem(key: "warning_days", "\(warningDays) is not between 0 and 3660 (10 years)")
        }
        try expiryFields.rejectUnknownKeys()

        var referralFields = try root.requiredFields("referral")
        let bonusPoints = try referralFields.int("bonus_points") ?? 0
        if !(0...Self.maxPoints).contains(bonusPoints) {
            throw referralFields.problem(key: "bonus_points", "\(bonusPoints) is not between 0 and \(Self.maxPoints)")
        }
        let link = try referralFields.requiredString("link")
        guard link.contains("{code}") else {
            throw referralFields.problem(key: "link", "must contain {code}, where the member's referral code goes")
        }
        // Shown as a link on every statement: only web addresses, never javascript: or data:.
        guard let linkURL = URL(string: link.replacingOccurrences(of: "{code}", with: "CODE")),
              ["http", "https"].contains(linkURL.scheme?.lowercased() ?? ""), linkURL.host?.isEmpty == false
        else {
            throw referralFields.problem(key: "link", "\(Diagnostic.quote(link)) is not an http(s) address")
        }
        let referralText = try referralFields.localizedText("text", languages: languages)
        try referralFields.rejectUnknownKeys()

        let rewards = try readRewards(&root, languages: languages, tiers: tiers)
        let sources = try readSources(&root, languages: languages)
        let memberships = try readMemberships(&root, languages: languages)
        let partners = try readPartners(&root, languages: languages)
        for source in sources {
            if let partner = source.partner, !partners.contains(where: { $0.id == partner }) {
                throw root.problem(key: "sources", "source \(Diagnostic.quote(source.id)) names partner \(Diagnostic.quote(partner)), which partners: does not declare")
            }
            if let plan = source.plan, !memberships.contains(where: { $0.id == plan }) {
                throw root.problem(key: "sources", "source \(Diagnostic.quote(source.id)) names plan \(Diagnostic.quote(plan)), which memberships: does not declare")
            }
        }
        let currencySymbol = try root.localizedText("currency_symbol", languages: languages)
        var pointValue: Double?
        if let text = try root.string("point_value") {
            guard let value = Double(text), value > 0, value <= 1_000_000 else {
                throw root.problem(key: "point_value", "\(Diagnostic.quote(text)) is not an amount above 0 and at most 1,000,000 (such as 0.01)")
            }
            pointValue = value
        }
        let showsTomans = try root.bool("show_in_tomans") ?? false
        if showsTomans, currency != "IRR" {
            throw root.problem(key: "show_in_tomans", "tomans are Iranian amounts: the currency must be IRR, not \(currency)")
        }
        let closedAccounts = try root.localizedText("closed_accounts", languages: languages)
        let allowRawHTML = try root.bool("allow_raw_html") ?? false
        var report = ReportSettings()
        if var reportFields = try root.fields("report") {
            if let months = try reportFields.int("active_months") {
                guard ReportSettings.activeMonthsRange.contains(months) else {
                    throw reportFields.problem(key: "active_months", "\(months) is not between 1 and 120 (months without an earn row before a member counts as inactive)")
                }
                report.activeMonths = months
            }
            try reportFields.rejectUnknownKeys()
        }

        let mail = try readMail(&root, languages: languages)
        let wallet = try readWallet(&root, languages: languages)
        // The operator's own members.csv columns an offer's audience may name before any member
        // has one: a column neither declared nor held by a member is a mistake the build stops at.
        let memberColumns = try root.strings("member_columns") ?? []
        for column in memberColumns where column.isEmpty || column.count > 64 || column.containsControlCharacter() {
            throw root.problem(key: "member_columns", "\(Diagnostic.quote(column)) is not a column name")
        }
        try root.rejectUnknownKeys()

        var program = Program(
            name: name,
            baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/",
            languages: languages,
            currency: currency,
            pointsName: pointsName,
            billingCycle: billingCycle,
            calendar: BillingCalendar(calendarKind),
            tiers: tiers,
            expiry: ExpiryRule(months: months, warningDays: warningDays),
            referral: ReferralRule(bonusPoints: bonusPoints, linkTemplate: link, text: referralText))
        program.allowRawHTML = allowRawHTML
        program.memberColumns = memberColumns
        program.rewards = rewards
        program.sources = sources
        program.memberships = memberships
        program.partners = partners
        program.pointValue = pointValue
        program.report = report
        program.currencySymbol = currencySymbol
        program.showsTomans = showsTomans
        program.closedAccounts = closedAccounts
        program.mail = mail
        program.wallet = wallet
        return program
    }

    /// `languages:` (the default first), or the older `default_locale:` alone.
    static func readLanguages(_ root: inout YAMLFields) throws(Diagnostic) -> [String] {
        let defaultLocale = try root.string("default_locale")
        guard let languages = try root.strings("languages") else {
            guard let defaultLocale, !defaultLocale.isEmpty else { throw root.missing("languages") }
            guard Language.isValid(defaultLocale) else {
                throw root.problem(key: "default_locale", "\(Diagnostic.quote(defaultLocale)) is not a BCP 47 language tag such as fa-IR")
            }
            return [defaultLocale]
        }
        guard !languages.isEmpty else { throw root.missing("languages") }
        var codes: [String: String] = [:]
        for tag in languages {
            guard Language.isValid(tag) else {
                throw root.problem(key: "languages", "\(Diagnostic.quote(tag)) is not a BCP 47 language tag such as fa-IR, ar or en-US")
            }
            if let other = codes[Language.code(of: tag)] {
                throw root.problem(key: "languages",
                    "\(tag) and \(other) are the same language; a program publishes one site per language")
            }
            codes[Language.code(of: tag)] = tag
        }
        if let defaultLocale, defaultLocale != languages[0] {
            throw root.problem(key: "default_locale",
                "\(Diagnostic.quote(defaultLocale)) is not the first of `languages` (\(languages[0])); remove default_locale")
        }
        return languages
    }
}

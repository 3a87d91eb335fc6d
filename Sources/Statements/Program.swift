import Foundation
import PunchcardCalendars
import PunchcardLocalization
import PunchcardSupport

/// A loyalty program's definition, read from `content/program.yml`.
public struct Program: Sendable, Hashable {
    public var name: LocalizedText
    /// The site's public address, always ending in `/`.
    public var baseURL: String
    /// The program's languages as BCP 47 tags, the default first: the public site is published in
    /// each (the default at the root, the others under `/<language>/`).
    public var languages: [String]
    /// The first language: for public pages and for members without a locale of their own.
    public var defaultLocale: String { languages[0] }
    /// The calendar whose months are the billing periods.
    public var calendar: BillingCalendar = .gregorian
    /// ISO 4217 code (`IRR`, `SAR`, `USD`).
    public var currency: String
    /// What members call points ("points", "stars", "امتیاز"), with plural forms where given.
    /// `member_columns:`: the operator's own members.csv columns, declared so that an offer's
    /// audience may name one before any member has it.
    public var memberColumns: [String] = []
    public var pointsName: LocalizedText
    public var billingCycle: BillingCycle
    /// Ordered by threshold, lowest first.
    public var tiers: [Tier]
    public var expiry: ExpiryRule
    public var referral: ReferralRule
    /// How pages write the currency in each language (`$`, `دلار`); by default the locale's symbol.
    public var currencySymbol: LocalizedText?
    /// What one point is worth in `currency`, for showing a balance's cash value; nil: not shown.
    public var pointValue: Double?
    /// `show_in_tomans:` amounts kept in rials (IRR) are shown in tomans (one toman is ten rials),
    /// as Iranians write prices.
    public var showsTomans = false
    /// `closed_accounts:` what became of a closed account's points, shown on its final statement
    /// and in its e-mail (Markdown, in each language); nil: the theme's words alone.
    public var closedAccounts: LocalizedText?
    /// The rewards catalog, cheapest first (ties by id).
    public var rewards: [Reward] = []
    /// Where points come from (`sources:`), in the file's order.
    public var sources: [PointSource] = []
    /// Paid plans (`memberships:`), in the file's order.
    public var memberships: [MembershipPlan] = []
    /// Partners (`partners:`), in the file's order.
    public var partners: [Partner] = []
    /// The operator's report: a member is active on a day with an earn row in the months before it.
    public var report = ReportSettings()
    /// `mail:`: who statement e-mails come from, and their subject; nil when the program sends none.
    public var mail: MailSettings?
    /// `wallet:` the member card in Apple Wallet and Google Wallet; nil: no passes.
    public var wallet: WalletSettings?
    /// Lets raw HTML in content Markdown through. Off by default: only for operators who write
    /// their own HTML and trust everyone who edits `content/`.
    public var allowRawHTML: Bool = false

    public init(name: LocalizedText, baseURL: String, languages: [String], currency: String, pointsName: LocalizedText,
                billingCycle: BillingCycle = .monthly, calendar: BillingCalendar = .gregorian, tiers: [Tier],
                expiry: ExpiryRule, referral: ReferralRule) {
        self.name = name
        self.baseURL = baseURL
        self.languages = languages.isEmpty ? ["en"] : languages
        self.currency = currency
        self.pointsName = pointsName
        self.calendar = calendar
        self.billingCycle = billingCycle
        self.tiers = tiers
        self.expiry = expiry
        self.referral = referral
    }

    /// `report:` in program.yml.
    public struct ReportSettings: Sendable, Hashable {
        /// k in "active on D: joined by D and an earn row in (D − k months, D]".
        public var activeMonths: Int
        public static let activeMonthsRange = 1...120

        public init(activeMonths: Int = 6) { self.activeMonths = activeMonths }
    }

    public enum BillingCycle: String, Sendable, Hashable, CaseIterable {
        case monthly
    }

    public struct Tier: Sendable, Hashable {
        /// The name in the default language: the tier's key (offers' `tiers:`, `statement --json`).
        public var name: String
        /// The name in each language.
        public var title: LocalizedText
        /// Qualifying points needed to reach the tier.
        public var threshold: Int
        /// Markdown, in each language.
        public var benefits: LocalizedText

        public init(name: String, title: LocalizedText? = nil, threshold: Int, benefits: LocalizedText = LocalizedText("")) {
            self.name = name
            self.title = title ?? LocalizedText(name)
            self.threshold = threshold
            self.benefits = benefits
        }
    }

    public struct ExpiryRule: Sendable, Hashable {
        /// A lot expires at the end of the month in which its posting day plus this many months falls.
        public var months: Int
        /// How far ahead of the period's end a statement warns about expiring points.
        public var warningDays: Int

        public init(months: Int, warningDays: Int) {
            self.months = months
            self.warningDays = warningDays
        }
    }

    public struct ReferralRule: Sendable, Hashable {
        public var bonusPoints: Int
        /// A URL with `{code}` where the member's referral code goes.
        public var linkTemplate: String
        /// Markdown shown above the member's code and link, in each language.
        public var text: LocalizedText?

        public init(bonusPoints: Int, linkTemplate: String, text: LocalizedText? = nil) {
            self.bonusPoints = bonusPoints
            self.linkTemplate = linkTemplate
            self.text = text
        }

        /// The link with every `{code}` replaced by `code`. (Scanned as bytes rather than with
        /// Foundation's `replacingOccurrences`, which goes through NSString on Linux, or the standard
        /// library's `split`: this runs for every statement, and both were 3 % of a build.)
        public func link(for code: String) -> String {
            let placeholder = Array("{code}".utf8)
            var result: [UInt8] = []
            var template = linkTemplate
            template.withUTF8 { bytes in
                result.reserveCapacity(bytes.count + code.utf8.count)
                var index = 0
                while index < bytes.count {
                    if bytes[index] == placeholder[0], index + placeholder.count <= bytes.count,
                       (1..<placeholder.count).allSatisfy({ bytes[index + $0] == placeholder[$0] }) {
                        result.append(contentsOf: code.utf8)
                        index += placeholder.count
                    } else {
                        result.append(bytes[index])
                        index += 1
                    }
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// An amount in `currency` as members read it: in tomans when the program shows them.
    public func shownAmount(_ amount: Double) -> Double { showsTomans ? amount / 10 : amount }

    /// The tier a member holds with `qualifyingPoints`: the highest whose threshold is reached.
    public func tierIndex(forQualifyingPoints points: Int) -> Int? {
        tiers.lastIndex { $0.threshold <= points }
    }
}

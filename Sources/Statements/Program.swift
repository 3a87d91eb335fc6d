import Foundation
import PunchcardSupport

/// A loyalty program's definition, read from `content/program.yml`.
public struct Program: Sendable, Hashable {
    public var name: String
    /// The site's public address, always ending in `/`.
    public var baseURL: String
    /// BCP 47 tag used for public pages and for members without a locale of their own.
    public var defaultLocale: String
    /// ISO 4217 code (`IRR`, `SAR`, `USD`).
    public var currency: String
    /// What members call points ("points", "stars", "امتیاز").
    public var pointsName: String
    public var billingCycle: BillingCycle
    /// Ordered by threshold, lowest first.
    public var tiers: [Tier]
    public var expiry: ExpiryRule
    public var referral: ReferralRule
    /// Lets raw HTML in content Markdown through. Off by default: only for operators who write
    /// their own HTML and trust everyone who edits `content/`.
    public var allowRawHTML: Bool = false

    public init(name: String, baseURL: String, defaultLocale: String, currency: String, pointsName: String,
                billingCycle: BillingCycle = .monthly, tiers: [Tier], expiry: ExpiryRule, referral: ReferralRule) {
        self.name = name
        self.baseURL = baseURL
        self.defaultLocale = defaultLocale
        self.currency = currency
        self.pointsName = pointsName
        self.billingCycle = billingCycle
        self.tiers = tiers
        self.expiry = expiry
        self.referral = referral
    }

    public enum BillingCycle: String, Sendable, Hashable, CaseIterable {
        case monthly
    }

    public struct Tier: Sendable, Hashable {
        public var name: String
        /// Qualifying points needed to reach the tier.
        public var threshold: Int
        /// Markdown.
        public var benefits: String

        public init(name: String, threshold: Int, benefits: String = "") {
            self.name = name
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

        public init(bonusPoints: Int, linkTemplate: String) {
            self.bonusPoints = bonusPoints
            self.linkTemplate = linkTemplate
        }

        public func link(for code: String) -> String {
            linkTemplate.replacingOccurrences(of: "{code}", with: code)
        }
    }

    /// The tier a member holds with `qualifyingPoints`: the highest whose threshold is reached.
    public func tierIndex(forQualifyingPoints points: Int) -> Int? {
        tiers.lastIndex { $0.threshold <= points }
    }
}

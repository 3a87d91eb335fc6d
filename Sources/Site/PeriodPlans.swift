import Foundation
import PunchcardPages
import PunchcardStatements

/// What every statement page of one period shares: the HTML fragments many members share, and
/// the fingerprints of the shared inputs and of each tier's offers. A build mostly needs the
/// period it builds; members whose ledger changed also get their other published periods
/// refreshed, so plans for those are made on demand, once, by whichever thread asks first.
final class PeriodPlans: @unchecked Sendable {
    struct Plan {
        var period: Period
        var shared: SharedFragments
        var sharedPrint: Data
        var offerPrints: [String: Data]
        /// Offer slug → its fingerprint, for members holding a coupon for it.
        var couponOfferPrints: [String: Data]
        /// The period had not ended on the day of the build: its pages say so.
        var provisional: Bool
    }

    private let content: SiteContent
    private let templates: TemplateSet
    private let root: URL
    private let codeVersion: String
    /// What every wallet card shares (`Wallet.fingerprint`); empty without `wallet:`.
    private let walletPrint: String
    private let isProvisional: ProvisionalTest
    /// Texts shown untranslated, over every period of the build.
    let log = TranslationLog()
    private let lock = NSLock()
    private var plans: [Period: Plan] = [:]

    typealias ProvisionalTest = @Sendable (Period) -> Bool

    /// - Parameter isProvisional: whether a period's pages are provisional (it has not ended).
    init(content: SiteContent, templates: TemplateSet, root: URL, codeVersion: String, walletPrint: String = "",
         isProvisional: @escaping ProvisionalTest) {
        self.walletPrint = walletPrint
        self.content = content
        self.templates = templates
        self.root = root
        self.codeVersion = codeVersion
        self.isProvisional = isProvisional
    }

    func plan(for period: Period) -> Plan {
        if let plan = lock.withLock({ plans[period] }) { return plan }
        let provisional = isProvisional(period)
        let plan = Plan(
            period: period,
            shared: SharedFragments(content: content, templates: templates, period: period, log: log),
            sharedPrint: PageFingerprint.shared(content: content, templates: templates, root: root, period: period,
                                                provisional: provisional, codeVersion: codeVersion, walletPrint: walletPrint),
            offerPrints: PageFingerprint.offers(content: content, period: period),
            couponOfferPrints: PageFingerprint.offersBySlug(content: content),
            provisional: provisional)
        lock.withLock { plans[period] = plan }
        return plan
    }
}

import Crypto
import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// A hash of everything that goes into a page, so that a build can tell an unchanged page
/// without rendering it. Fields are fed with separators, so that ("ab", "c") ≠ ("a", "bc").
struct PageFingerprint {
    /// The fields, gathered and hashed once at the end: a member's fingerprint is a dozen short
    /// fields, and an SHA-256 update call per field cost more than the hashing.
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func add(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x1F)
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { bytes.append(0x1E) }
    }

    /// A day as `YYYY-MM-DD`, the same bytes as `add(day.description)`, without making the string.
    mutating func add(_ day: CalendarDate) {
        for (value, digits) in [(day.year, 4), (day.month, 2), (day.day, 2)] {
            if digits == 2 { bytes.append(UInt8(ascii: "-")) }
            var divisor = digits == 4 ? 1000 : 10
            while divisor > 0 {
                bytes.append(UInt8(48 + (value / divisor) % 10))
                divisor /= 10
            }
        }
        bytes.append(0x1F)
    }

    mutating func add(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ data: Data) {
        bytes.append(contentsOf: data)
    }

    func finish() -> Data {
        Data(SHA256.hash(data: bytes).prefix(16))
    }

    /// What every statement page of the build shares: templates, program, the menu, the words,
    /// the period. A change to any of them changes every statement's fingerprint.
    /// `codeVersion`: what renders the pages (`CodeVersion`), so that new code re-renders them.
    static func shared(content: SiteContent, templates: TemplateSet, root: URL, period: Period, provisional: Bool,
                       codeVersion: String, walletPrint: String = "") -> Data {
        var print = PageFingerprint()
        print.add(codeVersion)
        // The wallet cards' certificates, keys and images (the settings are in the program's source).
        if !walletPrint.isEmpty { print.add(walletPrint) }
        print.add(period.description)
        print.add(provisional ? 1 : 0)
        for (name, source) in templates.sources.sorted(by: { $0.key < $1.key })
        where !GeneratedPage.publicTemplates.contains(name) && name != ReportPageValues.template {
            print.add(name)
            print.add(source)
        }
        print.add(content.programSource)
        // The menu in every language, the tiers page's title, the descriptions' translations.
        for page in content.pages {
            for language in content.program.languages {
                let shown = content.page(page, in: language)
                print.add(shown.slug)
                print.add(shown.title)
                print.add(shown.weight ?? page.weight ?? Int.min)
            }
        }
        for (code, intro) in content.tiersIntro.sorted(by: { $0.key < $1.key }) {
            print.add(code)
            print.add(intro.title)
        }
        print.add(content.descriptions.source)
        // Offers with an audience may show to any member: a change to one rebuilds every page.
        for offer in content.offers where offer.isRunningOnStatements(period: period) {
            guard let audience = offer.audience else { continue }
            print.add(offer)
            print.add(audience)
        }
        // The theme's words.
        for (tag, table) in content.strings.tables.sorted(by: { $0.key < $1.key }) {
            print.add(tag)
            for (key, forms) in table.entries.sorted(by: { $0.key < $1.key }) {
                print.add(key)
                for (category, text) in forms.sorted(by: { $0.key < $1.key }) {
                    print.add(category)
                    print.add(text)
                }
            }
        }
        return print.finish()
    }

    /// The offers a statement shows, per tier: a change to an offer changes only the statements
    /// that show it.
    static func offers(content: SiteContent, period: Period) -> [String: Data] {
        var byTier: [String: Data] = [:]
        for tier in content.program.tiers.map(\.name) {
            var print = PageFingerprint()
            for offer in content.offers where offer.isShownOnStatement(forTier: tier, period: period) { print.add(offer) }
            byTier[tier] = print.finish()
        }
        return byTier
    }

    /// Each offer by slug, for the statements of members who hold a coupon for it.
    static func offersBySlug(content: SiteContent) -> [String: Data] {
        var bySlug: [String: Data] = [:]
        for offer in content.offers {
            var print = PageFingerprint()
            print.add(offer)
            bySlug[offer.slug] = print.finish()
        }
        return bySlug
    }

    /// Who an offer is for, field by field (its attributes in key order: a dictionary's own order
    /// changes from run to run).
    mutating func add(_ audience: OfferAudience) {
        add(audience.tiers.joined(separator: "\u{1}"))
        add(audience.plans.joined(separator: "\u{1}"))
        add(audience.sources.joined(separator: "\u{1}"))
        add("\(audience.joinedWithinDays ?? -1) \(audience.inactiveDays ?? -1) \(audience.minBalance ?? -1)")
        add("\(audience.birthday) \(audience.anniversary)")
        for (name, value) in audience.attributes.sorted(by: { $0.key < $1.key }) {
            add(name)
            add(value)
        }
    }

    /// Everything about an offer a statement shows.
    mutating func add(_ offer: Offer) {
        add(offer.slug)
        add(offer.title)
        add(offer.summaryHTML)
        add(offer.bodyHTML)
        add(offer.tiers.joined(separator: ","))
        add("\(offer.earlyAccessFrom) \(offer.publicFrom) \(offer.ends)")
        add(offer.code)
        add(offer.partner)
        add(offer.couponRequired ? "coupon required" : "")
        for (code, text) in offer.translations.sorted(by: { $0.key < $1.key }) {
            add(code)
            add(text.title)
            add(text.summaryHTML)
            add(text.bodyHTML)
        }
    }

    /// What goes into a member's pages besides the offers, known before their ledger is read: the
    /// shared part, the member's fields, their ledger's revision (rows are only ever added, so an
    /// unchanged revision is an unchanged ledger), the friends they referred, the earlier
    /// statements linked. (Whether the page is also the member's latest does not change its bytes:
    /// the latest page is the same file under a second name.)
    static func statementInputs(shared: Data, member stored: StoredMember, earlier: [Period]) -> PageFingerprint {
        var print = PageFingerprint()
        print.add(shared)
        let member = stored.member
        print.add(member.memberID)
        print.add(member.token)
        print.add(member.name)
        print.add(member.locale)
        print.add(member.joinedOn)
        print.add(member.status.rawValue)
        print.add(member.referralCode)
        // The member's own columns: templates and offers' audiences read them.
        for (name, value) in member.attributes.sorted(by: { $0.key < $1.key }) {
            print.add(name)
            print.add(value)
        }
        print.add(stored.ledgerRevision)
        print.add(stored.referredCount)
        for period in earlier { print.add(period.description) }
        return print
    }

    /// The fingerprint of a member's pages: their inputs and the offers shown to their tier. The
    /// tier follows from the inputs, so with unchanged inputs the previous build's tier tells which
    /// offers to compare.
    static func statement(inputs: PageFingerprint, offers: Data?, coupons: [Coupon] = [], couponOffers: [String: Data] = [:]) -> Data {
        var print = inputs
        print.add(offers ?? Data([0x1D]))
        // The member's codes, and the offers they are for (shown whatever the tier).
        for coupon in coupons {
            print.add(coupon.offer)
            print.add(coupon.code)
            print.add(coupon.expiresOn)
            print.add(couponOffers[coupon.offer] ?? Data([0x1D]))
        }
        return print.finish()
    }
}

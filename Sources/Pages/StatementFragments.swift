import PunchcardSupport
import PunchcardTemplating

/// `partials/statement-rewards.mustache`: the rewards a member can redeem now. Many members can
/// afford the same rewards, so it is rendered once per language and list of rewards and placed in
/// the statement as `available_rewards_html`.
public final class StatementRewards: TemplateValues {
    let available: [RewardCard]

    init(available: [RewardCard]) { self.available = available }

    public static let template = "partials/statement-rewards"

    public static let schema = TemplateSchema<StatementRewards>("rewards a member can redeem", [
        .flag("has_available", "The member can redeem some reward now") { !$0.available.isEmpty },
        .list("available", "Those rewards, cheapest first") { $0.available },
    ])
}

/// `partials/statement-offers.mustache`: the offers a statement shows. They depend only on the
/// member's tier, so it is rendered once per tier and language and placed in the statement as
/// `offers_html`; a member holding coupon codes gets their own.
public final class StatementOffers: TemplateValues {
    let offers: [OfferCard]

    init(offers: [OfferCard]) { self.offers = offers }

    public static let template = "partials/statement-offers"

    public static let schema = TemplateSchema<StatementOffers>("offers on a statement", [
        .flag("has_offers", "Some offer is shown to the member this period, besides those they hold a code for") {
            $0.offers.contains { $0.coupon == nil }
        },
        .list("offers", "Those offers, each with its early access and code for the tier") { $0.offers.filter { $0.coupon == nil } },
        .flag("has_coupons", "The member holds their own code (coupons.csv) for some offer shown") { $0.offers.contains { $0.coupon != nil } },
        .list("coupon_offers", "The offers the member holds a code for, each with the code (coupon_code, coupon_qr)") {
            $0.offers.filter { $0.coupon != nil }
        },
    ])
}

extension TypedTemplate {
    /// A statement fragment's template for `locale`, with the statement's constants written in.
    static func statementFragment(_ name: String, templates: TemplateSet, content: SiteContent,
                                  locale: String) throws(Diagnostic) -> TypedTemplate<Root> {
        try TypedTemplate<Root>(
            templates.sources[name] ?? "", file: "templates/\(name).mustache",
            constants: StatementView.constants(content: content, locale: locale),
            partials: { partial in templates.sources[partial].map { ($0, "templates/\(partial).mustache") } })
    }
}

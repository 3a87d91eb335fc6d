import PunchcardTemplating

/// Everything `templates/report.mustache` can name: the operator's report page, formatted for the
/// program's language, digits and calendar (`punchcard report` fills it from its figures). The
/// theme's words (`t.report_…`), `lang` and `dir` are written into the template when it is compiled.
///
/// The report is made once per run, so its values are plain settable properties (filled by
/// `ReportPage`), not the statement's constructor-built rows.
public final class ReportPageValues: TemplateValues {
    public var programName = ""
    public var periodName = ""
    public var periodStart = ""
    public var periodEnd = ""
    public var periodStartISO = ""
    public var periodEndISO = ""
    public var provisional = false
    public var shardNotice: String?
    public var figures: [ReportFigure] = []
    public var redemptionRate = ""
    public var breakageRate = ""
    public var expired = ""
    public var adjusted = ""
    public var charts: [ReportChartCard] = []
    public var tiers: [ReportTierRow] = []
    public var tierMoves: [ReportTierMove] = []
    public var partners: [ReportPartnerRow] = []
    public var plans: [ReportPlanRow] = []
    public var planGroups: [ReportPlanGroup] = []
    public var upgrades = ""
    public var downgrades = ""
    public var referredMembers = ""
    public var referralPoints = ""
    public var clv: ReportLifetimeValue?
    public var nps: ReportPromoterScore?
    public var howActive = ""

    public init() {}

    /// The template it fills: `templates/report.mustache`.
    public static let template = "report"

    public static let schema = TemplateSchema<ReportPageValues>("report page", [
        .text("program_name", "The program's name in the report's language") { $0.programName },
        .text("period_name", "The period, named as the string table's period_format says") { $0.periodName },
        .text("period_start", "The period's first day") { $0.periodStart },
        .text("period_end", "The period's last day") { $0.periodEnd },
        .text("period_start_iso", "The first day as YYYY-MM-DD (for <time datetime>)") { $0.periodStartISO },
        .text("period_end_iso", "The last day as YYYY-MM-DD") { $0.periodEndISO },
        .flag("provisional", "The period had not ended when the report was made: its figures will change") { $0.provisional },
        .optionalText("shard_notice", "With --shard: which part of the members the figures count (report_shard)") { $0.shardNotice },
        .list("figures", "The headline figures, each with its change from the previous period") { $0.figures },
        .text("redemption_rate", "Points redeemed ÷ issued over 12 months, as a percentage") { $0.redemptionRate },
        .text("breakage_rate", "Points expired ÷ issued over 12 months, as a percentage") { $0.breakageRate },
        .text("expired", "Points expired in the period") { $0.expired },
        .text("adjusted", "Points adjusted in the period, with sign") { $0.adjusted },
        .list("charts", "The 12-month charts, each with its numbers") { $0.charts },
        .list("tiers", "Members per tier at the period's end (members without a tier last, when any)") { $0.tiers },
        .flag("has_tier_moves", "Some member changed tier since the previous period") { !$0.tierMoves.isEmpty },
        .list("tier_moves", "Members who changed tier since the previous period, by move") { $0.tierMoves },
        .flag("has_partners", "The program has partners (partners: in program.yml)") { !$0.partners.isEmpty },
        .list("partners", "Points issued and redeemed through each partner: the settlement table") { $0.partners },
        .flag("has_plans", "The program has paid plans (memberships: in program.yml)") { !$0.plans.isEmpty },
        .list("plans", "Each plan's members, starts, ends, renewal rate and fees this period") { $0.plans },
        .list("plan_groups", "Members on a plan at the end, then members on none: retention and lifetime value") { $0.planGroups },
        .text("upgrades", "Members who moved up a tier") { $0.upgrades },
        .text("downgrades", "Members who moved down a tier") { $0.downgrades },
        .text("referred_members", "New members who were referred") { $0.referredMembers },
        .text("referral_points", "Referral points issued") { $0.referralPoints },
        .object("clv", "Customer lifetime value and its parts (absent: no purchase amounts in 12 months)") { $0.clv },
        .object("nps", "Net Promoter Score and its parts (absent: no survey answers in 12 months)") { $0.nps },
        .text("how_active", "How active members are counted (report_how_active, with the program's months)") { $0.howActive },
    ])
}

/// A headline figure.
public final class ReportFigure: TemplateValues {
    public let label: String, value: String, change: String?, note: String?

    public init(label: String, value: String, change: String?, note: String?) {
        self.label = label
        self.value = value
        self.change = change
        self.note = note
    }

    public static let schema = TemplateSchema<ReportFigure>("headline figure", [
        .text("label", "What the figure is (a report_ word)") { $0.label },
        .text("value", "The figure") { $0.value },
        .optionalText("change", "Its change from the previous period (absent for the first period)") { $0.change },
        .optionalText("note", "A line below it (members in all, liability, responses)") { $0.note },
    ])
}

/// One 12-month chart: an inline SVG drawn by Punchcard, and the same numbers as a table.
public final class ReportChartCard: TemplateValues {
    public let title: String, svg: String, table: String

    public init(title: String, svg: String, table: String) {
        self.title = title
        self.svg = svg
        self.table = table
    }

    public static let schema = TemplateSchema<ReportChartCard>("chart", [
        .text("title", "The chart's title") { $0.title },
        .html("svg", "The chart, as inline SVG with a text alternative") { $0.svg },
        .html("table", "Its numbers, month by month, as a table") { $0.table },
    ])
}

/// Members in one tier.
public final class ReportTierRow: TemplateValues {
    public let title: String, members: String, share: String

    public init(title: String, members: String, share: String) {
        self.title = title
        self.members = members
        self.share = share
    }

    public static let schema = TemplateSchema<ReportTierRow>("tier", [
        .text("title", "The tier's name in the report's language (report_no_tier for members without one)") { $0.title },
        .text("members", "Its members at the period's end") { $0.members },
        .text("share", "Their share of all members, as a percentage") { $0.share },
    ])
}

/// Points through one partner, this period and over 12 months.
public final class ReportPartnerRow: TemplateValues {
    public let name: String, issued: String, redeemed: String, issued12m: String, redeemed12m: String
    public let value: String?, value12m: String?

    public init(name: String, issued: String, redeemed: String, issued12m: String, redeemed12m: String,
                value: String?, value12m: String?) {
        self.name = name
        self.issued = issued
        self.redeemed = redeemed
        self.issued12m = issued12m
        self.redeemed12m = redeemed12m
        self.value = value
        self.value12m = value12m
    }

    public static let schema = TemplateSchema<ReportPartnerRow>("partner's points", [
        .text("name", "The partner's name in the report's language") { $0.name },
        .text("issued", "Points issued through it this period") { $0.issued },
        .text("redeemed", "Points redeemed through it this period") { $0.redeemed },
        .text("issued_12m", "Points issued through it in 12 months") { $0.issued12m },
        .text("redeemed_12m", "Points redeemed through it in 12 months") { $0.redeemed12m },
        .optionalText("value", "Issued less redeemed this period, in money (with point_value)") { $0.value },
        .optionalText("value_12m", "The same over 12 months") { $0.value12m },
    ])
}

/// One paid plan's figures for the period.
public final class ReportPlanRow: TemplateValues {
    public let name: String, members: String, new: String, cancelled: String, lapsed: String
    public let renewalRate: String, feeRevenue: String

    public init(name: String, members: String, new: String, cancelled: String, lapsed: String, renewalRate: String,
                feeRevenue: String) {
        self.name = name
        self.members = members
        self.new = new
        self.cancelled = cancelled
        self.lapsed = lapsed
        self.renewalRate = renewalRate
        self.feeRevenue = feeRevenue
    }

    public static let schema = TemplateSchema<ReportPlanRow>("plan", [
        .text("name", "The plan's name in the report's language") { $0.name },
        .text("members", "Members on it at the period's end") { $0.members },
        .text("new", "Members who started it in the period") { $0.new },
        .text("cancelled", "Cancelled places that ended in the period") { $0.cancelled },
        .text("lapsed", "Places not renewed that ended in the period") { $0.lapsed },
        .text("renewal_rate", "Renewals ÷ renewals due in the period, as a percentage (report_none when none was due)") { $0.renewalRate },
        .text("fee_revenue", "The fees charged in the period") { $0.feeRevenue },
    ])
}

/// Retention and lifetime value of members on a plan, or on none.
public final class ReportPlanGroup: TemplateValues {
    public let label: String, members: String, crr: String, clv: String

    public init(label: String, members: String, crr: String, clv: String) {
        self.label = label
        self.members = members
        self.crr = crr
        self.clv = clv
    }

    public static let schema = TemplateSchema<ReportPlanGroup>("members on a plan or on none", [
        .text("label", "Which members (report_on_plan, report_no_plan)") { $0.label },
        .text("members", "How many, at the period's end") { $0.members },
        .text("crr", "Their retention (CRR), as a percentage") { $0.crr },
        .text("clv", "Their customer lifetime value") { $0.clv },
    ])
}

/// Members who moved from one tier to another.
public final class ReportTierMove: TemplateValues {
    public let from: String, to: String, members: String

    public init(from: String, to: String, members: String) {
        self.from = from
        self.to = to
        self.members = members
    }

    public static let schema = TemplateSchema<ReportTierMove>("tier move", [
        .text("from", "The tier they were in") { $0.from },
        .text("to", "The tier they are in") { $0.to },
        .text("members", "How many") { $0.members },
    ])
}

/// Customer lifetime value, as the product of its parts.
public final class ReportLifetimeValue: TemplateValues {
    public let averagePurchase: String, frequency: String, lifespan: String, value: String

    public init(averagePurchase: String, frequency: String, lifespan: String, value: String) {
        self.averagePurchase = averagePurchase
        self.frequency = frequency
        self.lifespan = lifespan
        self.value = value
    }

    public static let schema = TemplateSchema<ReportLifetimeValue>("lifetime value", [
        .text("average_purchase", "The average purchase amount, in the program's currency") { $0.averagePurchase },
        .text("frequency", "Purchases per customer over 12 months") { $0.frequency },
        .text("lifespan", "The average years active members have been members") { $0.lifespan },
        .text("value", "Their product: the lifetime value") { $0.value },
    ])
}

/// Net Promoter Score and its parts.
public final class ReportPromoterScore: TemplateValues {
    public let score: String, responses: String, promoters: String, passives: String, detractors: String
    public let byTier: [ReportTierScore]

    public init(score: String, responses: String, promoters: String, passives: String, detractors: String, byTier: [ReportTierScore]) {
        self.score = score
        self.responses = responses
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
        self.byTier = byTier
    }

    public static let schema = TemplateSchema<ReportPromoterScore>("net promoter score", [
        .text("score", "The score, −100 to 100") { $0.score },
        .text("responses", "Members whose latest answer in 12 months counts") { $0.responses },
        .text("promoters", "Of them, answers 9–10") { $0.promoters },
        .text("passives", "Answers 7–8") { $0.passives },
        .text("detractors", "Answers 0–6") { $0.detractors },
        .flag("has_by_tier", "There are scores per tier") { !$0.byTier.isEmpty },
        .list("by_tier", "The score per tier") { $0.byTier },
    ])
}

/// Net Promoter Score within one tier.
public final class ReportTierScore: TemplateValues {
    public let tier: String, score: String, responses: String

    public init(tier: String, score: String, responses: String) {
        self.tier = tier
        self.score = score
        self.responses = responses
    }

    public static let schema = TemplateSchema<ReportTierScore>("tier's score", [
        .text("tier", "The tier's name (report_no_tier for members without one)") { $0.tier },
        .text("score", "Its score") { $0.score },
        .text("responses", "Its responses") { $0.responses },
    ])
}

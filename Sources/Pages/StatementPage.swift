import PunchcardTemplating

/// Everything `templates/statement.mustache` can name, formatted for the member's language, digits
/// and calendar: the statement page's typed context. Values a template names but no member differs
/// in (the theme's words `t.…`, `lang`, `dir`, `latest_href`) are constants compiled into the
/// template once per language (`StatementTemplates`).
///
/// To add a value: a stored property here, its line in `schema` (which is also its entry in
/// docs/theme-reference.md), and where `StatementPage.make` fills it.
public final class StatementPage: TemplateValues {
    /// The member's own members.csv columns (`member.attributes.<column>`).
    public var memberAttributes: [String: String] = [:]
    /// The member card in Apple Wallet and Google Wallet (none without `wallet:`, or when closed).
    public var walletLinks = WalletLinks()
    public let memberName: String
    public let memberSince: String
    public let memberID: String
    public let memberQR: [UInt8]
    public let periodName: String
    public let periodStart: String
    public let periodEnd: String
    public let periodStartISO: String
    public let periodEndISO: String
    public let statementDate: String
    public let provisional: Bool
    public let closed: Bool
    // The balance and the summary that adds up to it.
    public let closingBalance: String
    public let pointsName: String
    public let balanceValue: String?
    public let balanceChange: String
    public let openingBalance: String
    public let earned: String
    public let bonus: String
    public let redeemed: String
    public let expired: String
    public let adjusted: String
    public let adjustedSign: String
    public let adjustedClass: String
    /// The summary's lines with their signs (`+120`, `−500`, a bare `0`).
    public let signedLines: SignedLines
    /// Where the points came from: this period and the last 12 months, biggest first.
    public let sources: [SourceRow]
    /// The paid plan the member is on, if any.
    public let plan: PlanCard?
    public let activity: [ActivityRow]
    /// The words for the folded rest of the activity ("Show 12 more rows").
    public let activityMore: String
    public let expiring: [ExpiringRow]
    // Tier.
    public let tier: TierTexts
    public let hasTier: Bool
    public let qualifyingPoints: String
    public let earnedThisYear: String
    public let progress: ProgressBar?
    public let topTier: Bool
    public let keepTier: String?
    public let keepTierHTML: String?
    // Rewards and offers.
    public let showRewards: Bool
    public let availableRewardsHTML: String
    public let nextReward: ProgressBar?
    public let offersHTML: String
    // Referral.
    public let showReferral: Bool
    public let referralCode: String
    public let referralLink: String
    public let referralQR: [UInt8]
    public let friendsJoined: String
    public let referralPoints: String
    // The year at a glance, and earlier statements.
    public let historyChart: [UInt8]
    public let historyTable: [UInt8]
    public let hasHistory: Bool
    public let earlier: [EarlierStatement]

    init(memberName: String, memberSince: String, memberID: String, memberQR: [UInt8], periodName: String,
         periodStart: String, periodEnd: String, periodStartISO: String, periodEndISO: String, statementDate: String,
         provisional: Bool, closed: Bool, closingBalance: String, pointsName: String, balanceValue: String?,
         balanceChange: String, openingBalance: String, earned: String, bonus: String, redeemed: String, expired: String, adjusted: String,
         adjustedSign: String, adjustedClass: String, signedLines: SignedLines, sources: [SourceRow], plan: PlanCard?,
         activity: [ActivityRow],
         activityMore: String,
         expiring: [ExpiringRow], tier: TierTexts,
         hasTier: Bool, qualifyingPoints: String, earnedThisYear: String, progress: ProgressBar?, topTier: Bool, keepTier: String?, keepTierHTML: String?,
         showRewards: Bool, availableRewardsHTML: String, nextReward: ProgressBar?, offersHTML: String,
         showReferral: Bool, referralCode: String, referralLink: String, referralQR: [UInt8], friendsJoined: String,
         referralPoints: String, historyChart: [UInt8], historyTable: [UInt8], hasHistory: Bool, earlier: [EarlierStatement]) {
        self.memberName = memberName
        self.memberSince = memberSince
        self.memberID = memberID
        self.memberQR = memberQR
        self.periodName = periodName
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.periodStartISO = periodStartISO
        self.periodEndISO = periodEndISO
        self.statementDate = statementDate
        self.provisional = provisional
        self.closed = closed
        self.closingBalance = closingBalance
        self.pointsName = pointsName
        self.balanceValue = balanceValue
        self.balanceChange = balanceChange
        self.openingBalance = openingBalance
        self.earned = earned
        self.bonus = bonus
        self.redeemed = redeemed
        self.expired = expired
        self.adjusted = adjusted
        self.adjustedSign = adjustedSign
        self.adjustedClass = adjustedClass
        self.signedLines = signedLines
        self.sources = sources
        self.plan = plan
        self.activity = activity
        self.activityMore = activityMore
        self.expiring = expiring
        self.tier = tier
        self.hasTier = hasTier
        self.qualifyingPoints = qualifyingPoints
        self.earnedThisYear = earnedThisYear
        self.progress = progress
        self.topTier = topTier
        self.keepTier = keepTier
        self.keepTierHTML = keepTierHTML
        self.showRewards = showRewards
        self.availableRewardsHTML = availableRewardsHTML
        self.nextReward = nextReward
        self.offersHTML = offersHTML
        self.showReferral = showReferral
        self.referralCode = referralCode
        self.referralLink = referralLink
        self.referralQR = referralQR
        self.friendsJoined = friendsJoined
        self.referralPoints = referralPoints
        self.historyChart = historyChart
        self.historyTable = historyTable
        self.hasHistory = hasHistory
        self.earlier = earlier
    }

    /// Activity rows shown before the rest fold.
    public static let activityShown = 5

    public static let schema = TemplateSchema<StatementPage>("statement page", [
        .text("member_name", "The member's name, as imported") { $0.memberName },
        .text("member_since", "The day the member joined, in the page's calendar and digits") { $0.memberSince },
        .text("member_id", "The member's id (also in the member card's code)") { $0.memberID },
        .keyed("member.attributes", "The member's own members.csv columns by name (member.attributes.favourite): escaped; absent when empty") {
            $0.memberAttributes[$1]
        },
        .html("member_qr", "The member card: an SVG code of the member's id that a till scans") { $0.memberQR },
        .flag("has_wallet", "The member card can be added to a phone's wallet (wallet: in program.yml)") { !$0.walletLinks.isEmpty },
        .optionalText("wallet_apple_href", "The member's Apple Wallet pass, relative to the page (card.pkpass; absent without wallet.apple)") { $0.walletLinks.apple },
        .optionalText("wallet_google_href", "The member's \"Save to Google Wallet\" link (absent without wallet.google)") { $0.walletLinks.google },
        .text("period_name", "The statement's month, named as the string table's period_format says") { $0.periodName },
        .text("period_start", "The period's first day") { $0.periodStart },
        .text("period_end", "The period's last day") { $0.periodEnd },
        .text("period_start_iso", "The period's first day as YYYY-MM-DD (for datetime attributes)") { $0.periodStartISO },
        .text("period_end_iso", "The period's last day as YYYY-MM-DD") { $0.periodEndISO },
        .text("statement_date", "The statement's date (the period's last day)") { $0.statementDate },
        .flag("provisional", "The period had not ended when the page was built: figures may change") { $0.provisional },
        .flag("closed", "The account is closed: a final statement, its figures and what became of its points, nothing that invites earning, redeeming or keeping a tier") { $0.closed },
        .html("closed_accounts_html", "What became of a closed account's points (program.yml closed_accounts, Markdown; empty without)") { $0.tier.closedAccountsHTML },
        .text("closed_accounts_lang", "The language that text is written in") { $0.tier.closedAccountsLang },
        .text("closed_accounts_dir", "Its direction") { $0.tier.closedAccountsDir },
        .text("closing_balance", "Points at the end of the period") { $0.closingBalance },
        .text("points_name", "The program's name for points, in the plural form the closing balance takes") { $0.pointsName },
        .text("points_name_lang", "The language the points name is written in") { $0.tier.pointsNameLang },
        .text("points_name_dir", "Its direction (ltr or rtl)") { $0.tier.pointsNameDir },
        .optionalText("balance_value", "What the balance is worth in money, when the program gives a point value (absent on a closed account)") { $0.balanceValue },
        .text("balance_change", "The period's change to the balance, as a sentence (balance_change, no_change)") { $0.balanceChange },
        .text("opening_balance", "Points at the start of the period") { $0.openingBalance },
        .text("earned", "Points earned in the period") { $0.earned },
        .text("bonus", "Bonus and referral points in the period") { $0.bonus },
        .text("redeemed", "Points redeemed in the period (without sign)") { $0.redeemed },
        .text("expired", "Points expired in the period (without sign)") { $0.expired },
        .text("adjusted", "Adjustments in the period (without sign)") { $0.adjusted },
        .text("adjusted_sign", "The adjustments' sign: + or −") { $0.adjustedSign },
        .text("adjusted_class", "plus or minus, for styling") { $0.adjustedClass },
        .text("earned_signed", "Points earned, with their sign: +120, or 0 without one") { $0.signedLines.earned },
        .text("bonus_signed", "Bonus and referral points, with their sign") { $0.signedLines.bonus },
        .text("redeemed_signed", "Points redeemed, as the line subtracts them: −500, or 0") { $0.signedLines.redeemed },
        .text("expired_signed", "Points expired, as the line subtracts them") { $0.signedLines.expired },
        .text("adjusted_signed", "Adjustments with their sign: +55, −120, or 0") { $0.signedLines.adjusted },
        .text("earned_this_year", "Points earned from the first day of the period's calendar year to its end (earn, bonus and referral)") { $0.earnedThisYear },
        .flag("has_sources", "Points were earned in the last 12 months") { !$0.sources.isEmpty },
        .object("plan", "The paid plan the member is on at the period's end (absent: none; memberships: in program.yml)") { $0.plan },
        .list("sources", "Where the points came from (purchases, referrals, bonuses, and the program's sources:), biggest first over 12 months") { $0.sources },
        .flag("has_activity", "The period has ledger rows") { !$0.activity.isEmpty },
        .list("activity", "The period's ledger rows, in posting order") { $0.activity },
        .list("activity_first", "The first few of them (shown; the rest fold)") { Array($0.activity.prefix(StatementPage.activityShown)) },
        .list("activity_rest", "The rest of them") { Array($0.activity.dropFirst(StatementPage.activityShown)) },
        .flag("has_more_activity", "There are more rows than the first few") { $0.activity.count > StatementPage.activityShown },
        .text("activity_more", "The words that unfold the rest (activity_more, with their count)") { $0.activityMore },
        .flag("has_expiring", "Points expire soon") { !$0.expiring.isEmpty },
        .list("expiring", "Points expiring soon, one row per expiry day") { $0.expiring },
        .object("next_expiry", "The first of them (absent when none)") { $0.expiring.first },
        .flag("has_tier", "The member has a tier") { $0.hasTier },
        .text("tier", "The member's tier, in the page's language") { $0.tier.name },
        .text("tier_lang", "The language the tier's name is written in") { $0.tier.nameLang },
        .text("tier_dir", "Its direction") { $0.tier.nameDir },
        .text("tier_class", "tier-<name> (tier-none without a tier), for styling") { $0.tier.cssClass },
        .text("qualifying_points", "Points that count toward the tier (earned in the last 12 months)") { $0.qualifyingPoints },
        .object("progress", "Progress to the next tier (absent on the top tier)") { $0.progress },
        .flag("top_tier", "The member is on the top tier") { $0.topTier },
        .optionalText("keep_tier", "What it takes to keep the tier, when it could be lost: one deadline, and the tier the member moves to otherwise (keep_tier, keep_tier_end)") { $0.keepTier },
        .html("keep_tier_html", "The same sentence as HTML: dates in <time>, the points in <bdi> (empty when keep_tier is absent)") { $0.keepTierHTML.map { Array($0.utf8) } ?? [] },
        .flag("has_benefits", "The tier has benefits to show") { !$0.tier.benefitsHTML.isEmpty },
        .html("benefits_html", "The tier's benefits (from program.yml, Markdown)") { $0.tier.benefitsHTML },
        .text("benefits_lang", "The language the benefits are written in") { $0.tier.benefitsLang },
        .text("benefits_dir", "Their direction") { $0.tier.benefitsDir },
        .flag("show_rewards", "The program has rewards and the account is open") { $0.showRewards },
        .html("available_rewards_html", "The rewards the balance buys now (partials/statement-rewards)") { $0.availableRewardsHTML },
        .object("next_reward", "Progress to the next reward within reach") { $0.nextReward },
        .text("rewards_href", "Link to the rewards catalog in the page's language") { $0.tier.rewardsHref },
        .html("offers_html", "Offers for the member's tier (partials/statement-offers)") { $0.offersHTML },
        .flag("show_referral", "The account is open: invite friends") { $0.showReferral },
        .html("referral_text_html", "The program's referral text (Markdown)") { $0.tier.referralTextHTML },
        .text("referral_text_lang", "The language the referral text is written in") { $0.tier.referralTextLang },
        .text("referral_text_dir", "Its direction") { $0.tier.referralTextDir },
        .text("referral_code", "The member's referral code") { $0.referralCode },
        .text("referral_link", "The member's referral link") { $0.referralLink },
        .html("referral_qr", "The referral link as an SVG code") { $0.referralQR },
        .text("friends_joined", "Friends who joined with the member's code") { $0.friendsJoined },
        .text("referral_points", "Points earned from referrals") { $0.referralPoints },
        .flag("has_history", "There is history to chart") { $0.hasHistory },
        .html("history_chart", "The last twelve months as an SVG chart") { $0.historyChart },
        .html("history_table", "The same months as a table") { $0.historyTable },
        .flag("has_earlier", "Earlier statements are kept for the member") { !$0.earlier.isEmpty },
        .list("earlier", "Earlier statements, newest first") { $0.earlier },
    ])
}

/// A ledger row of the period, as the statement shows it.
public final class ActivityRow: TemplateValues {
    let date: String, iso: String, kind: String, points: String, negative: Bool, amount: String
    let description: String, descriptionDir: String

    init(date: String, iso: String, kind: String, points: String, negative: Bool, amount: String,
         description: String, descriptionDir: String) {
        self.date = date
        self.iso = iso
        self.kind = kind
        self.points = points
        self.negative = negative
        self.amount = amount
        self.description = description
        self.descriptionDir = descriptionDir
    }

    public static let schema = TemplateSchema<ActivityRow>("activity row", [
        .text("date", "The day the row was posted") { $0.date },
        .text("iso", "The same day as YYYY-MM-DD") { $0.iso },
        .text("kind", "What kind of row it is (earned, redeemed, …), in the page's language") { $0.kind },
        .text("points", "Its points, with sign") { $0.points },
        .flag("negative", "The points are negative") { $0.negative },
        .text("amount", "The spend behind the row in the program's currency (empty when none)") { $0.amount },
        .text("description", "The row's description, translated when descriptions.yml has it; else the kind") { $0.description },
        .text("description_dir", "Its direction: the page's when translated, auto when shown as exported") { $0.descriptionDir },
    ])
}

/// A member's paid plan, as the statement shows it.
public final class PlanCard: TemplateValues {
    let name: String, nameLang: String, nameDir: String, since: String, state: String, renewsSoon: Bool
    let benefitsHTML: String, benefitsLang: String, benefitsDir: String, returned: String

    init(name: String, nameLang: String, nameDir: String, since: String, state: String, renewsSoon: Bool,
         benefitsHTML: String, benefitsLang: String, benefitsDir: String, returned: String) {
        self.name = name
        self.nameLang = nameLang
        self.nameDir = nameDir
        self.since = since
        self.state = state
        self.renewsSoon = renewsSoon
        self.benefitsHTML = benefitsHTML
        self.benefitsLang = benefitsLang
        self.benefitsDir = benefitsDir
        self.returned = returned
    }

    public static let schema = TemplateSchema<PlanCard>("paid plan", [
        .text("name", "The plan's name") { $0.name },
        .text("name_lang", "The language it is written in") { $0.nameLang },
        .text("name_dir", "Its direction") { $0.nameDir },
        .text("since", "Since when the member is on it, as a sentence (plan_since)") { $0.since },
        .text("state", "When it renews and for what fee, or when it ends or ended (plan_renews, plan_ends, plan_ended)") { $0.state },
        .flag("renews_soon", "It renews within the program's warning window") { $0.renewsSoon },
        .html("benefits_html", "Its benefits (Markdown)") { $0.benefitsHTML },
        .text("benefits_lang", "The language they are written in") { $0.benefitsLang },
        .text("benefits_dir", "Their direction") { $0.benefitsDir },
        .text("returned", "What it gave back in 12 months: its sources' points and their value (plan_returned, plan_returned_value)") { $0.returned },
    ])
}

/// Points from one source, this period and over the last 12 months.
public final class SourceRow: TemplateValues {
    let name: String, nameLang: String, nameDir: String, period: String, year: String

    init(name: String, nameLang: String, nameDir: String, period: String, year: String) {
        self.name = name
        self.nameLang = nameLang
        self.nameDir = nameDir
        self.period = period
        self.year = year
    }

    public static let schema = TemplateSchema<SourceRow>("source of points", [
        .text("name", "The source's name (sources: in program.yml, or the theme's source_purchases, source_referrals, source_bonuses)") { $0.name },
        .text("name_lang", "The language the name is written in") { $0.nameLang },
        .text("name_dir", "Its direction") { $0.nameDir },
        .text("period", "Points from it this period (0 when none)") { $0.period },
        .text("year", "Points from it in the last 12 months") { $0.year },
    ])
}

/// Points expiring on one day.
public final class ExpiringRow: TemplateValues {
    let html: String, points: String, date: String, iso: String

    init(html: String, points: String, date: String, iso: String) {
        self.html = html
        self.points = points
        self.date = date
        self.iso = iso
    }

    public static let schema = TemplateSchema<ExpiringRow>("expiring points", [
        .html("html", "The sentence (string table's expires_on), values marked up") { $0.html },
        .text("points", "How many points") { $0.points },
        .text("date", "The day they expire") { $0.date },
        .text("iso", "The same day as YYYY-MM-DD") { $0.iso },
    ])
}

/// A progress bar: to the next tier, or to the next reward.
public final class ProgressBar: TemplateValues {
    let text: String, value: Int, max: Int, percent: String

    init(text: String, value: Int, max: Int, percent: String) {
        self.text = text
        self.value = value
        self.max = max
        self.percent = percent
    }

    public static let schema = TemplateSchema<ProgressBar>("progress", [
        .text("text", "What is left to go, as a sentence") { $0.text },
        .number("value", "Points so far (for <progress value>)") { $0.value },
        .number("max", "Points needed (for <progress max>)") { $0.max },
        .text("percent", "The share done, as a percentage in the page's digits") { $0.percent },
    ])
}

/// A link to an earlier statement of the member's.
public final class EarlierStatement: TemplateValues {
    let label: String, dates: String, href: String

    init(label: String, dates: String, href: String) {
        self.label = label
        self.dates = dates
        self.href = href
    }

    public static let schema = TemplateSchema<EarlierStatement>("earlier statement", [
        .text("label", "The month's name") { $0.label },
        .text("dates", "Its first and last days") { $0.dates },
        .text("href", "The page's address, relative to this one") { $0.href },
    ])
}

/// The summary's lines as they are shown, each with its sign.
public struct SignedLines: Sendable {
    let earned: String, bonus: String, redeemed: String, expired: String, adjusted: String
}

/// What every statement of one language and tier shows alike: made once per build.
public final class TierTexts: @unchecked Sendable {
    let name: String, nameLang: String, nameDir: String, cssClass: String
    let benefitsHTML: String, benefitsLang: String, benefitsDir: String
    let referralTextHTML: String, referralTextLang: String, referralTextDir: String
    let pointsNameLang: String, pointsNameDir: String
    let rewardsHref: String
    let closedAccountsHTML: String, closedAccountsLang: String, closedAccountsDir: String

    init(content: SiteContent, locale: String, tier key: String?, shared: SharedFragments) {
        let program = content.program
        let tier = key.flatMap { key in program.tiers.first { $0.name == key } }
        func block(_ language: String?) -> (lang: String, dir: String) {
            PageChrome.block(language ?? content.defaultLanguage, page: locale)
        }
        name = tier?.title.text(in: locale) ?? ""
        (nameLang, nameDir) = block(tier?.title.sourceLanguage(for: locale))
        cssClass = "tier-" + (key.map(StatementView.cssName) ?? "none")
        benefitsHTML = key.map { shared.benefitsHTML(tier: $0, language: locale) } ?? ""
        (benefitsLang, benefitsDir) = block(tier?.benefits.sourceLanguage(for: locale))
        referralTextHTML = shared.referralHTML(language: locale)
        (referralTextLang, referralTextDir) = block(program.referral.text?.sourceLanguage(for: locale))
        (pointsNameLang, pointsNameDir) = block(program.pointsName.sourceLanguage(for: locale))
        rewardsHref = shared.rewardsHref(locale: locale)
        closedAccountsHTML = program.closedAccounts.map { content.markdown.html($0.text(in: locale)) } ?? ""
        (closedAccountsLang, closedAccountsDir) = block(program.closedAccounts?.sourceLanguage(for: locale))
    }
}

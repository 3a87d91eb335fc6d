import PunchcardTemplating

/// Everything the statement e-mail's templates (`templates/mail/statement.txt.mustache` and
/// `statement.html.mustache`) can name, in the member's language: every value plain text (the HTML
/// part escapes it, the text part does not). `t.<key>`, `lang`, `dir` and `align` are written into
/// the templates when they are compiled for a language.
public final class MailValues: TemplateValues {
    public var programName = ""
    public var memberName = ""
    public var periodName = ""
    public var greeting = ""
    public var intro = ""
    public var closingBalance = ""
    public var pointsName = ""
    public var balanceValue: String?
    public var change = ""
    public var expiring: [MailLine] = []
    public var tier: String?
    public var keepTier: String?
    public var toNext: String?
    public var topTier: String?
    public var rewards: [MailReward] = []
    public var nextReward: String?
    public var statementURL = ""
    public var footer = ""
    public var unsubscribeURL: String?
    public var walletAppleURL: String?
    public var walletGoogleURL: String?
    public var planRenewal: String?
    public var closed = false
    public var closedText: String?

    public init() {}

    public static let schema = TemplateSchema<MailValues>("statement e-mail", [
        .text("program_name", "The program's name") { $0.programName },
        .text("member_name", "The member's name (line breaks and controls removed)") { $0.memberName },
        .text("period_name", "The statement's month") { $0.periodName },
        .text("greeting", "The greeting with the member's name (mail_greeting)") { $0.greeting },
        .text("intro", "The first sentence, with the program and month (mail_intro)") { $0.intro },
        .text("closing_balance", "The balance at the period's end, in the member's digits") { $0.closingBalance },
        .text("points_name", "The program's name for points, in the form that goes with the balance") { $0.pointsName },
        .optionalText("balance_value", "What the balance is worth in money (balance_value; absent without a point value)") { $0.balanceValue },
        .text("change", "The period's change to the balance, as a sentence (mail_change, mail_no_change)") { $0.change },
        .flag("has_expiring", "Some points expire soon") { !$0.expiring.isEmpty },
        .list("expiring", "Each expiring lot, as a sentence (expires_on)") { $0.expiring },
        .flag("has_tier", "The member has a tier") { $0.tier != nil },
        .text("tier", "The tier's name (empty: none)") { $0.tier ?? "" },
        .optionalText("keep_tier", "What keeps the tier, as a sentence (keep_tier; absent when nothing is needed)") { $0.keepTier },
        .optionalText("to_next", "The points to the next tier, as a sentence (to_next)") { $0.toNext },
        .optionalText("top_tier", "Said at the top tier (top_tier)") { $0.topTier },
        .flag("has_rewards", "The member can redeem some reward now") { !$0.rewards.isEmpty },
        .list("rewards", "Those rewards") { $0.rewards },
        .optionalText("next_reward", "The points to the next reward, as a sentence (next_reward)") { $0.nextReward },
        .text("statement_url", "The member's statement page for the period (private: never shown to others)") { $0.statementURL },
        .text("footer", "Why the member receives this (mail_footer)") { $0.footer },
        .optionalText("plan_renewal", "The member's paid plan renews soon: its name, date and fee (absent otherwise)") { $0.planRenewal },
        .flag("closed", "The account is closed: the message gives its final figures, and invites nothing") { $0.closed },
        .optionalText("closed_text", "What became of a closed account's points (program.yml closed_accounts, as written)") { $0.closedText },
        .flag("has_wallet", "The member card can be added to a phone's wallet (wallet: in program.yml; never on a closed account)") {
            $0.walletAppleURL != nil || $0.walletGoogleURL != nil
        },
        .optionalText("wallet_apple_url", "The member's Apple Wallet pass (absent without wallet.apple)") { $0.walletAppleURL },
        .optionalText("wallet_google_url", "The member's \"Save to Google Wallet\" link (absent without wallet.google)") { $0.walletGoogleURL },
        .optionalText("unsubscribe_url", "The member's unsubscribe address (program.yml mail.unsubscribe; absent without)") { $0.unsubscribeURL },
    ])
}

/// A line of the e-mail's list (an expiring lot).
public final class MailLine: TemplateValues {
    let text: String
    public init(_ text: String) { self.text = text }
    public static let schema = TemplateSchema<MailLine>("line", [.text("text", "The sentence") { $0.text }])
}

/// A reward the member can redeem.
public final class MailReward: TemplateValues {
    let name: String, points: String
    public init(name: String, points: String) {
        self.name = name
        self.points = points
    }
    public static let schema = TemplateSchema<MailReward>("reward", [
        .text("name", "The reward's name") { $0.name },
        .text("points", "What it costs, as a sentence (reward_points)") { $0.points },
    ])
}

import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// Sentences a statement page and its e-mail both say, from the theme's words: one place, so the
/// two never say it differently.
public struct StatementSentences {
    public let program: Program
    public let words: Words
    public let formatter: LocaleFormatter

    public init(program: Program, words: Words, formatter: LocaleFormatter) {
        self.program = program
        self.words = words
        self.formatter = formatter
    }

    var locale: String { words.locale }

    func points(_ count: Int) -> String { program.pointsName.text(in: locale, count: count) }

    func tierTitle(_ name: String) -> String {
        program.tiers.first { $0.name == name }?.title.text(in: locale) ?? name
    }

    /// What keeps the tier, with one deadline and what happens otherwise: "Earn 8 more qualifying
    /// points by May 31, 2027 to stay Silver; otherwise you move to Bronze on June 1, 2027."
    /// (`keep_tier`, or `keep_tier_end` when the points left then reach no tier.)
    public func keepTier(_ keep: Statement.KeepTier) -> String {
        words.plural(keepTierKey(keep), count: keep.pointsNeeded).fillingPlaceholders([
            "points": formatter.number(keep.pointsNeeded), "points_name": points(keep.pointsNeeded),
            "by": formatter.date(keep.by), "tier": tierTitle(keep.tier),
            "lower": keep.fallsTo.map(tierTitle) ?? "", "changes_on": formatter.date(keep.changesOn),
            "through": formatter.date(keep.through), // what themes older than keep_tier_end named
        ])
    }

    /// `keep_tier_end` when the member would hold no tier, if the theme has it (older themes do not).
    func keepTierKey(_ keep: Statement.KeepTier) -> String {
        keep.fallsTo == nil && words.all["keep_tier_end"] != nil ? "keep_tier_end" : "keep_tier"
    }

    /// `keepTier(keep)` as HTML: the words escaped, the dates in `<time>` and the count in `<bdi>`,
    /// so that neither breaks across lines.
    public func keepTierHTML(_ keep: Statement.KeepTier) -> String {
        let key = keepTierKey(keep)
        func time(_ day: CalendarDate) -> String { "<time datetime=\"\(day)\">\(formatter.date(day).htmlEscaped)</time>" }
        return words.plural(key, count: keep.pointsNeeded).htmlEscaped.fillingPlaceholders([
            "points": "<strong><bdi>\(formatter.number(keep.pointsNeeded).htmlEscaped)</bdi></strong>",
            "points_name": points(keep.pointsNeeded).htmlEscaped,
            "by": time(keep.by), "tier": tierTitle(keep.tier).htmlEscaped,
            "lower": keep.fallsTo.map(tierTitle)?.htmlEscaped ?? "", "changes_on": time(keep.changesOn),
            "through": time(keep.through),
        ])
    }

    /// Where a paid plan stands: "Renews on December 14, 2026 for $4.99 a month", "Ends on …",
    /// "Ended on …".
    public func planState(_ summary: Statement.MembershipSummary, plan: MembershipPlan) -> String {
        let date = formatter.date(summary.renewsOn)
        switch summary.status {
        case .active:
            let fee = formatter.money(plan.fee, program: program, language: locale) ?? "\(plan.fee)"
            return words["plan_renews"].fillingPlaceholders([
                "date": date, "fee": words[plan.billing == .monthly ? "plan_fee_monthly" : "plan_fee_yearly"].fillingPlaceholders(["fee": fee])])
        case .cancelled: return words["plan_ends"].fillingPlaceholders(["date": date])
        case .lapsed: return words["plan_ended"].fillingPlaceholders(["date": date])
        }
    }

    /// The period's change to the balance: "+388 points this period", "No change this period".
    public func balanceChange(_ statement: Statement) -> String {
        let change = statement.closingBalance.subtractingSaturating(statement.openingBalance)
        // Themes older than balance_change have the e-mail's words for it.
        let (same, changed) = words.all["balance_change"] != nil ? ("no_change", "balance_change") : ("mail_no_change", "mail_change")
        if change == 0 { return words[same] }
        return words.plural(changed, count: change.saturatingMagnitude).fillingPlaceholders([
            "points": formatter.signedNumber(change), "points_name": points(change.saturatingMagnitude),
        ])
    }

    /// A count with its sign for a line of the summary: `+120`, `−500`, and `0` without a sign.
    public func signed(_ value: Int) -> String { formatter.signedNumber(value) }

    /// A count that the line subtracts, shown with its minus: `−500`, or `0`.
    public func subtracted(_ value: Int) -> String { formatter.signedNumber(0.subtractingSaturating(value)) }
}

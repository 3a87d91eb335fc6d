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
        let key = keep.fallsTo == nil ? "keep_tier_end" : "keep_tier"
        return words.plural(key, count: keep.pointsNeeded).fillingPlaceholders([
            "points": formatter.number(keep.pointsNeeded), "points_name": points(keep.pointsNeeded),
            "by": formatter.date(keep.by), "tier": tierTitle(keep.tier),
            "lower": keep.fallsTo.map(tierTitle) ?? "", "changes_on": formatter.date(keep.changesOn),
        ])
    }

    /// `keepTier(keep)` as HTML: the words escaped, the dates in `<time>` and the count in `<bdi>`,
    /// so that neither breaks across lines.
    public func keepTierHTML(_ keep: Statement.KeepTier) -> String {
        let key = keep.fallsTo == nil ? "keep_tier_end" : "keep_tier"
        func time(_ day: CalendarDate) -> String { "<time datetime=\"\(day)\">\(formatter.date(day).htmlEscaped)</time>" }
        return words.plural(key, count: keep.pointsNeeded).htmlEscaped.fillingPlaceholders([
            "points": "<strong><bdi>\(formatter.number(keep.pointsNeeded).htmlEscaped)</bdi></strong>",
            "points_name": points(keep.pointsNeeded).htmlEscaped,
            "by": time(keep.by), "tier": tierTitle(keep.tier).htmlEscaped,
            "lower": keep.fallsTo.map(tierTitle)?.htmlEscaped ?? "", "changes_on": time(keep.changesOn),
        ])
    }

    /// The period's change to the balance: "+388 points this period", "No change this period".
    public func balanceChange(_ statement: Statement) -> String {
        let change = statement.closingBalance.subtractingSaturating(statement.openingBalance)
        if change == 0 { return words["no_change"] }
        return words.plural("balance_change", count: change.saturatingMagnitude).fillingPlaceholders([
            "points": formatter.signedNumber(change), "points_name": points(change.saturatingMagnitude),
        ])
    }

    /// A count with its sign for a line of the summary: `+120`, `−500`, and `0` without a sign.
    public func signed(_ value: Int) -> String { formatter.signedNumber(value) }

    /// A count that the line subtracts, shown with its minus: `−500`, or `0`.
    public func subtracted(_ value: Int) -> String { formatter.signedNumber(0.subtractingSaturating(value)) }
}

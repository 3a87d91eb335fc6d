import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// A member's statement as one short text message, in their language and digits: the balance,
/// the next points to expire and when, and the link to their statement page. Counted as a
/// gateway counts it (`SMSEncoding`) and never longer than `maxSegments`: when the whole does not
/// fit, the program's name goes first, then the expiry; the link is never cut.
public struct StatementSMS: Sendable {
    public static let maxSegments = 2

    public var member: Member
    public var statement: Statement
    /// The address of the member's statement page for the period.
    public var statementURL: String

    public init(member: Member, statement: Statement, statementURL: String) {
        self.member = member
        self.statement = statement
        self.statementURL = statementURL
    }

    /// The message, longest first of those that fit, or nil when not even the link alone fits
    /// in `maxSegments` (a base URL hundreds of characters long).
    public func text(program: Program, words: Words, formatter: LocaleFormatter) -> String? {
        candidates(program: program, words: words, formatter: formatter)
            .first { SMSEncoding.segments($0) <= Self.maxSegments }
    }

    /// Every form of the message, from the whole to the link alone.
    func candidates(program: Program, words: Words, formatter: LocaleFormatter) -> [String] {
        let locale = words.locale
        let balance = statement.closingBalance
        let points = formatter.number(balance)
        let pointsName = program.pointsName.text(in: locale, count: balance)
        // One line: a gateway's CSV and a phone's preview both read better without line breaks.
        let programName = SMSText.oneLine(program.name.text(in: locale))
        let full = words["sms_balance"].fillingPlaceholders(["program": programName, "points": points, "points_name": pointsName])
        let short = words["sms_balance_short"].fillingPlaceholders(["points": points, "points_name": pointsName])
        let link = words["sms_link"].fillingPlaceholders(["link": statementURL])
        let expiry = statement.expiring.min { $0.on < $1.on }.map { lot in
            words.plural("sms_expiring", count: lot.points).fillingPlaceholders([
                "points": formatter.number(lot.points), "points_name": program.pointsName.text(in: locale, count: lot.points),
                "date": formatter.date(lot.on),
            ])
        }
        var forms: [[String]] = []
        if let expiry {
            forms.append([full, expiry, link])
            forms.append([short, expiry, link])
        }
        forms.append([full, link])
        forms.append([short, link])
        forms.append([link])
        forms.append([statementURL])
        return forms.map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
    }
}

enum SMSText {
    /// Line breaks and runs of spaces as one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }
}

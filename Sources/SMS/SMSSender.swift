import Crypto
import Foundation
import PunchcardMail
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// `punchcard sms`: one short message per member whose channel is `sms`, with a statement page
/// for the period, an active account and a phone number in E.164 form. Written as rows for a
/// gateway's upload, or handed to a command one at a time and recorded in the delivery record
/// e-mail uses (channel `sms`), exactly once per member and period.
public enum SMSSender {
    /// One message: to whom, in which language, how many segments, what it says.
    public struct Row: Sendable, Equatable {
        public var memberID: String
        public var phone: String
        public var language: String
        public var segments: Int
        public var message: String
    }

    /// Who gets a message, and why not: the rule, a pure function. The phone number as E.164.
    public static func eligibility(member: Member, period: Period) -> Result<String, Mailer.SkipReason> {
        guard member.joinedOn <= period.end, MemberToken.isWellFormed(member.token) else { return .failure(.init(.noPage)) }
        guard member.status == .active else { return .failure(.init(.closed)) }
        switch member.channel {
        case .sms: break
        case .email: return .failure(.init(.prefersEmail))
        case .none: return .failure(.init(.wantsNone))
        }
        guard let phone = member.phone?.trimmingWhitespace(), !phone.isEmpty else { return .failure(.init(.noPhone)) }
        guard let number = PhoneNumber.e164(phone) else { return .failure(.init(.unusablePhone)) }
        return .success(number)
    }

    /// Makes members' messages on one thread: the words and formatter of each language it meets, kept.
    final class MessageMaker {
        let content: SiteContent
        let period: Period
        let coverage: PeriodCoverage?
        private var languages: [String: (words: Words, formatter: LocaleFormatter)] = [:]

        init(content: SiteContent, period: Period, coverage: PeriodCoverage?) {
            self.content = content
            self.period = period
            self.coverage = coverage
        }

        func row(for ledger: MemberLedger) -> Result<Row, Mailer.SkipReason> {
            let member = ledger.member
            if let coverage, !coverage.contains(member.memberID) { return .failure(.init(.noPage)) }
            let phone: String
            switch eligibility(member: member, period: period) {
            case .failure(let reason): return .failure(reason)
            case .success(let number): phone = number
            }
            let program = content.program
            let locale = content.pageLocale(for: member.locale)
            let language = languages[locale] ?? {
                let words = content.words(for: locale)
                let made = (words, LocaleFormatter(locale: locale, periodPattern: words.all["period_format"]))
                languages[locale] = made
                return made
            }()
            let sms = StatementSMS(member: member, statement: ledger.statement(program: program, period: period),
                                   statementURL: program.baseURL + StatementAddress.page(token: member.token, period: period))
            guard let text = sms.text(program: program, words: language.words, formatter: language.formatter) else {
                return .failure(.init(.tooLong))
            }
            return .success(Row(memberID: member.memberID, phone: phone, language: locale,
                                segments: SMSEncoding.segments(text), message: text))
        }
    }

    /// The period's messages, each to `write`, in member_id order; the others counted by reason.
    public static func messages(_ options: Mailer.Options, store: MemberStore, write: (Row) throws -> Void) throws -> Mailer.Summary {
        let started = Date()
        let content = try SiteContent.load(root: options.root)
        let (total, forEachLedger) = try Mailer.members(options, store: store)
        let maker = MessageMaker(content: content, period: options.period, coverage: options.coverage)
        var summary = Mailer.Summary(period: options.period)
        var done = 0
        try forEachLedger { ledger in
            switch maker.row(for: ledger) {
            case .failure(let reason): summary.skipped[reason.skip, default: 0] += 1
            case .success(let row): try write(row); summary.delivered += 1
            }
            done += 1
            options.progress?(done, total)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Each message to `command`: the phone number on the first line of its standard input, the
    /// message on the second. Recorded as it is accepted; a run killed part-way is finished by
    /// the next, which repeats at most the messages that were in the command's hands.
    public static func send(_ options: Mailer.Options, with command: SendmailCommand, store: MemberStore) throws -> Mailer.Summary {
        let started = Date()
        let content = try SiteContent.load(root: options.root)
        let (total, forEachLedger) = try Mailer.members(options, store: store)
        let period = options.period
        var summary = try Mailer.deliver(on: .sms, with: command, options: options, total: total, forEachLedger: forEachLedger) {
            let maker = MessageMaker(content: content, period: period, coverage: options.coverage)
            return { ledger in
                maker.row(for: ledger).map { row in
                    Mailer.Outgoing(address: row.phone, messageID: messageID(memberID: row.memberID, period: period),
                                    bytes: Array("\(row.phone)\n\(row.message)\n".utf8))
                }
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The same for the same member and period on every run.
    static func messageID(memberID: String, period: Period) -> String {
        let hash = SHA256.hash(data: Data("punchcard-sms\u{0}\(memberID)\u{0}\(period)".utf8))
        return "sms.\(period)." + hash.prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}

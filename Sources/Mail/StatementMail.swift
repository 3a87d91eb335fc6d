import Crypto
import Foundation
import PunchcardDataRights
import PunchcardLocalization
import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// A member's statement e-mail: what it says (a template context, from the statement and the
/// theme's words in the member's language) and the message around it (headers, parts).
public struct StatementMail {
    public var member: Member
    public var statement: Statement
    /// The address of the member's statement page for the period.
    public var statementURL: String
    /// The member card in a wallet, absolute (none without `wallet:`).
    public var walletLinks = WalletLinks()

    public init(member: Member, statement: Statement, statementURL: String) {
        self.member = member
        self.statement = statement
        self.statementURL = statementURL
    }

    /// The same for the same member and period on every run, so that a message handed over twice
    /// (a crash between the handing over and the record) is one message to a mail system that
    /// drops duplicates.
    public static func messageID(memberID: String, period: Period, domain: String) -> String {
        "<\(period).\(digest(memberID: memberID, period: period))@\(domain)>" // as `message` writes it
    }

    static func digest(memberID: String, period: Period) -> String {
        let hash = SHA256.hash(data: Data("punchcard-mail\u{0}\(memberID)\u{0}\(period)".utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(24)
        for byte in hash.prefix(12) { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 15)]) }
        return String(decoding: hex, as: UTF8.self)
    }

    /// `List-Unsubscribe`'s address for the member: the template's `{unsubscribe_token}` filled in
    /// with the member's signed token (base64url: nothing to encode).
    public static func unsubscribeURL(_ template: String, member: Member, signer: UnsubscribeSigner) -> String {
        template.fillingPlaceholders(["unsubscribe_token": signer.token(for: member.memberID)])
    }

    /// What the mail templates show, in the member's language: every value plain text (the HTML
    /// template escapes it, the text template does not).
    public func values(program: Program, words: Words, formatter: LocaleFormatter, unsubscribeURL: String?) -> MailValues {
        let locale = words.locale
        let s = statement
        func points(_ count: Int) -> String { program.pointsName.text(in: locale, count: count) }
        let values = MailValues()
        values.programName = program.name.text(in: locale)
        values.memberName = MailHeaders.sanitized(member.name)
        values.periodName = formatter.periodName(s.period)
        values.greeting = words["mail_greeting"].fillingPlaceholders(["name": values.memberName])
        values.intro = words["mail_intro"].fillingPlaceholders(["program": values.programName, "period": values.periodName])
        values.closingBalance = formatter.number(s.closingBalance)
        values.pointsName = points(s.closingBalance)
        values.statementURL = statementURL
        values.walletAppleURL = walletLinks.apple
        values.walletGoogleURL = walletLinks.google
        values.footer = words["mail_footer"].fillingPlaceholders(["program": values.programName])
        let sentences = StatementSentences(program: program, words: words, formatter: formatter)
        // A closed account's final statement: its figures and what became of its points, nothing
        // that invites earning, redeeming or keeping a tier.
        let open = member.status != .closed
        values.closed = !open
        values.closedText = open ? nil : program.closedAccounts?.text(in: locale)
        if open, let value = program.pointValue, s.closingBalance > 0,
           let money = formatter.money(Double(s.closingBalance) * value, program: program, language: locale) {
            values.balanceValue = words["balance_value"].fillingPlaceholders(["value": money])
        }
        let change = s.closingBalance.subtractingSaturating(s.openingBalance)
        values.change = change == 0 ? words["mail_no_change"]
            : words.plural("mail_change", count: change.saturatingMagnitude).fillingPlaceholders([
                "points": formatter.signedNumber(change), "points_name": points(change.saturatingMagnitude),
            ])
        guard open else {
            values.unsubscribeURL = unsubscribeURL
            return values
        }
        if let summary = s.membership, summary.renewsSoon,
           let plan = program.memberships.first(where: { $0.id == summary.plan }) {
            values.planRenewal = "\(words["glance_plan"]): \(plan.name.text(in: locale)) — " + sentences.planState(summary, plan: plan)
        }
        values.expiring = s.expiring.map { lot in
            MailLine(words.plural("expires_on", count: lot.points).fillingPlaceholders([
                "points": formatter.number(lot.points), "points_name": points(lot.points), "date": formatter.date(lot.on),
            ]))
        }

        let tier = s.tier.flatMap { name in program.tiers.first { $0.name == name } }
        values.tier = tier?.title.text(in: locale)
        if let keep = s.keepTier, tier != nil { values.keepTier = sentences.keepTier(keep) }
        if let next = s.nextTier.flatMap({ name in program.tiers.first { $0.name == name } }), let needed = s.pointsToNextTier {
            values.toNext = words.plural("to_next", count: needed).fillingPlaceholders([
                "points": formatter.number(needed), "tier": next.title.text(in: locale), "points_name": points(needed),
            ])
        } else if tier != nil {
            values.topTier = words["top_tier"]
        }

        values.rewards = s.rewards.available.compactMap { id in program.rewards.first { $0.id == id } }.map { reward in
            MailReward(name: reward.name.text(in: locale),
                       points: words.plural("reward_points", count: reward.points).fillingPlaceholders([
                           "points": formatter.number(reward.points), "points_name": points(reward.points)]))
        }
        if let next = s.rewards.next, let reward = program.rewards.first(where: { $0.id == next.id }) {
            values.nextReward = words["next_reward"].fillingPlaceholders([
                "points": formatter.number(next.pointsToGo), "points_name": points(next.pointsToGo),
                "reward": reward.name.text(in: locale),
            ])
        }
        values.unsubscribeURL = unsubscribeURL
        return values
    }

    /// The subject line: the program's own for the member's language (`mail.subject`), or else the
    /// theme's in that language: a subject never mixes two languages.
    public func subject(program: Program, settings: Program.MailSettings, words: Words, formatter: LocaleFormatter) -> String {
        let locale = words.locale
        let template = settings.subject.flatMap { $0.isTranslated(to: locale) ? $0.text(in: locale) : nil } ?? words["mail_subject"]
        return template.fillingPlaceholders([
            "program": program.name.text(in: locale), "period": formatter.periodName(statement.period),
            "balance": formatter.number(statement.closingBalance),
            "points_name": program.pointsName.text(in: locale, count: statement.closingBalance),
            "name": MailHeaders.sanitized(member.name),
        ])
    }

    /// The whole message. `date` is when it is written (its `Date` header).
    public func message(program: Program, settings: Program.MailSettings, words: Words, formatter: LocaleFormatter,
                        templates: MailTemplates, to address: MailAddress, date: String, signer: UnsubscribeSigner?) -> MailMessage {
        let unsubscribe = settings.unsubscribe.flatMap { template in
            signer.map { Self.unsubscribeURL(template, member: member, signer: $0) }
        }
        let values = self.values(program: program, words: words, formatter: formatter, unsubscribeURL: unsubscribe)
        var headers = [MailHeaders.address("From", settings.from)]
        if let replyTo = settings.replyTo { headers.append(MailHeaders.address("Reply-To", replyTo)) }
        headers.append(MailHeaders.address("To", Mailbox(name: member.name, address: address)))
        headers.append(MailHeaders.unstructured("Subject", subject(program: program, settings: settings, words: words, formatter: formatter)))
        headers.append(MailHeaders.structured("Date", date))
        let digest = Self.digest(memberID: member.memberID, period: statement.period)
        let messageID = "<\(statement.period).\(digest)@\(settings.from.address.domain)>" // as `messageID(memberID:period:domain:)`
        headers.append(MailHeaders.structured("Message-ID", messageID))
        headers.append(MailHeaders.structured("Content-Language", words.locale))
        if let unsubscribe {
            headers.append(MailHeaders.structured("List-Unsubscribe", "<\(unsubscribe)>"))
            // One-click unsubscribing (RFC 8058) is a POST to an https address.
            if unsubscribe.prefix(8).lowercased() == "https://" {
                headers.append(MailHeaders.structured("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
            }
        }
        let parts = templates.parts(for: words)
        return MailMessage(headers: headers, text: parts.text.render(values), html: parts.html.render(values),
                           boundary: "=_punchcard_" + digest, messageID: messageID)
    }

    /// `Date`'s form (RFC 5322 section 3.3), in UTC.
    public static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

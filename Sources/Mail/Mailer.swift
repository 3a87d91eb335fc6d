import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// `punchcard mail`: one message per member with a statement page for the period, an e-mail
/// address and an active account, written to files or handed to a sendmail command.
public enum Mailer {
    public enum Destination: Sendable {
        /// `DIR/<member_id>.eml` per message.
        case files(URL)
        /// Handed to the command one at a time, each recorded as it is accepted.
        case send(SendmailCommand)
    }

    public struct Options: Sendable {
        public var root: URL
        public var period: Period
        public var destination: Destination
        /// Messages per second at most; nil: as fast as the command takes them.
        public var rate: Double?
        /// Only these members (by member_id); nil: everyone.
        public var only: [String]?
        /// Send again to members recorded as sent.
        public var resend = false
        /// Send again to members whose delivery failed.
        public var retryFailed = false
        /// Called after each member with (members done, members in all).
        public var progress: (@Sendable (Int, Int) -> Void)?

        public init(root: URL, period: Period, destination: Destination, rate: Double? = nil, only: [String]? = nil,
                    resend: Bool = false, retryFailed: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.root = root
            self.period = period
            self.destination = destination
            self.rate = rate
            self.only = only
            self.resend = resend
            self.retryFailed = retryFailed
            self.progress = progress
        }
    }

    /// Why a member gets no message.
    public enum Skip: String, Sendable, CaseIterable {
        case noPage = "no page"
        case closed = "closed"
        case noAddress = "no address"
        case unusableAddress = "unusable address"
        case alreadySent = "already sent"
        case failedBefore = "failed before"
    }

    public struct Summary: Sendable {
        public var period: Period
        /// Messages written (`--out`) or accepted by the command (`--send`).
        public var delivered = 0
        public var skipped: [Skip: Int] = [:]
        /// member_id and what went wrong, in member_id order.
        public var failures: [(memberID: String, detail: String)] = []
        public var seconds = 0.0

        public var skippedCount: Int { skipped.values.reduce(0, +) }
    }

    /// Who gets a message, and why not: the rule, a pure function.
    public static func eligibility(member: Member, period: Period) -> Result<MailAddress, SkipReason> {
        guard member.joinedOn <= period.end, MemberToken.isWellFormed(member.token) else { return .failure(SkipReason(.noPage)) }
        guard member.status == .active else { return .failure(SkipReason(.closed)) }
        guard let email = member.email?.trimmingWhitespace(), !email.isEmpty else { return .failure(SkipReason(.noAddress)) }
        guard let address = MailAddress(email) else { return .failure(SkipReason(.unusableAddress)) }
        return .success(address)
    }

    public struct SkipReason: Error, Equatable {
        public let skip: Skip
        init(_ skip: Skip) { self.skip = skip }
    }

    /// The period's messages, to `destination`. Refuses, before anything is written or sent, when
    /// the program has no `mail:` settings, a mail template is missing or broken, or `only` names
    /// a member the store does not have.
    public static func run(_ options: Options, store: MemberStore) throws -> Summary {
        let started = Date()
        let content = try SiteContent.load(root: options.root)
        let program = content.program
        guard let settings = program.mail else {
            throw MailError.refused("content/program.yml: mail: is missing: mail needs at least `mail: {from: \"Name <address>\"}`")
        }
        let templates = try MailTemplates.load(root: options.root)
        let period = options.period
        var summary = Summary(period: period)

        var ledgers: [MemberLedger]? = nil
        if let only = options.only {
            var found: [MemberLedger] = []
            var missing: [String] = []
            for id in only {
                if let ledger = try store.memberLedger(id, through: period.end) { found.append(ledger) } else { missing.append(id) }
            }
            guard missing.isEmpty else {
                throw MailError.refused("no member \(missing.map { Diagnostic.quote($0) }.joined(separator: ", ")) in the store")
            }
            ledgers = found
        }

        var record: DeliveryRecord?
        var recorded: [String: DeliveryRecord.Entry] = [:]
        var outputFolder: URL?
        switch options.destination {
        case .files(let folder):
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw MailError.cannotWrite(path: folder.path, reason: "cannot create the folder")
            }
            outputFolder = folder
        case .send:
            record = try DeliveryRecord(root: options.root)
            recorded = try record!.entries(period: period)
        }
        defer { record?.releaseLock() }

        var languages: [String: (words: Words, formatter: LocaleFormatter)] = [:]
        let total = try ledgers?.count ?? store.memberCount()
        var done = 0
        var lastSecond = -1
        var date = ""
        var nextSlot = Date()

        func handle(_ ledger: MemberLedger) throws {
            defer {
                done += 1
                options.progress?(done, total)
            }
            let member = ledger.member
            let address: MailAddress
            switch eligibility(member: member, period: period) {
            case .failure(let reason): summary.skipped[reason.skip, default: 0] += 1; return
            case .success(let found): address = found
            }
            if let entry = recorded[member.memberID] {
                if entry.state == .sent, !options.resend { summary.skipped[.alreadySent, default: 0] += 1; return }
                if entry.state == .failed, !options.resend, !options.retryFailed { summary.skipped[.failedBefore, default: 0] += 1; return }
            }
            let statement = ledger.statement(program: program, period: period)
            let locale = content.pageLocale(for: member.locale)
            let language = languages[locale] ?? {
                let words = content.words(for: locale)
                let made = (words, LocaleFormatter(locale: locale, periodPattern: words.all["period_format"]))
                languages[locale] = made
                return made
            }()
            let second = Int(Date().timeIntervalSince1970)
            if second != lastSecond { date = StatementMail.dateHeader(Date()); lastSecond = second }
            let mail = StatementMail(member: member, statement: statement,
                                     statementURL: program.baseURL + StatementAddress.page(token: member.token, period: period))
            let message = mail.message(program: program, settings: settings, words: language.words, formatter: language.formatter,
                                       templates: templates, to: address, date: date)
            switch options.destination {
            case .files:
                try write(message.bytes, to: outputFolder!.appendingPathComponent(fileName(memberID: member.memberID)))
                summary.delivered += 1
            case .send(let command):
                if let rate = options.rate {
                    let wait = nextSlot.timeIntervalSinceNow
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    nextSlot = max(nextSlot, Date()).addingTimeInterval(1 / rate)
                }
                let messageID = StatementMail.messageID(memberID: member.memberID, period: period, domain: settings.from.address.domain)
                switch command.send(message.unixBytes) {
                case .accepted:
                    try record!.record(period: period, memberID: member.memberID, state: .sent, messageID: messageID,
                                       address: address.address)
                    summary.delivered += 1
                case .failed(let detail):
                    try record!.record(period: period, memberID: member.memberID, state: .failed, messageID: messageID,
                                       address: address.address, detail: detail)
                    summary.failures.append((member.memberID, detail))
                }
            }
        }

        if let ledgers {
            for ledger in ledgers { try handle(ledger) }
        } else {
            try store.forEachMember(through: period.end, detailsFrom: period.start) { try handle($0) }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// A message's file name: the member_id, with every character but ASCII letters, digits,
    /// `-`, `_` and (not first) `.` written as `%XX` of its UTF-8 bytes: any member_id is one safe name.
    public static func fileName(memberID: String) -> String {
        var name = ""
        for (index, byte) in memberID.utf8.enumerated() {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || scalar == "-" || scalar == "_" || (scalar == "." && index > 0) {
                name.unicodeScalars.append(scalar)
            } else {
                name += String(format: "%%%02X", byte)
            }
        }
        return name + ".eml"
    }

    /// Written whole or not at all: to a temporary name, then renamed.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw MailError.cannotWrite(path: url.path, reason: reason)
            }
        } catch let error as MailError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MailError.cannotWrite(path: url.path, reason: (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)")
        }
    }
}

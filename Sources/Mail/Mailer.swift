import Crypto
import Foundation
import PunchcardDataRights
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import PunchcardWallet
#if canImport(Glibc)
import Glibc
#endif

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
        /// Only the members of this shard (`--shard I/N`); nil: everyone.
        public var shard: Shard?
        /// `--send`: messages handed to the command at once (each its own process), 1 to 64.
        public var parallel = 1
        /// Which members have a page for the period (a sharded build may be incomplete); nil: all.
        public var coverage: PeriodCoverage?
        /// Called after each member with (members done, members in all).
        public var progress: (@Sendable (Int, Int) -> Void)?

        public init(root: URL, period: Period, destination: Destination, rate: Double? = nil, only: [String]? = nil,
                    resend: Bool = false, retryFailed: Bool = false, shard: Shard? = nil,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.shard = shard
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

    /// Why a member gets no message (by e-mail or SMS).
    public enum Skip: String, Sendable, CaseIterable {
        case noPage = "no page"
        case closed = "closed"
        case unsubscribed = "unsubscribed"
        case prefersSMS = "prefer SMS"
        case prefersEmail = "prefer e-mail"
        case wantsNone = "want no messages"
        case noAddress = "no address"
        case unusableAddress = "unusable address"
        case noPhone = "no phone number"
        case unusablePhone = "unusable phone number"
        case tooLong = "message longer than two SMS segments"
        case alreadySent = "already sent"
        case failedBefore = "failed before"
        case sentByAnotherRun = "being sent by another run"
    }

    public struct Summary: Sendable {
        public var period: Period
        /// Messages written (`--out`) or accepted by the command (`--send`).
        public var delivered = 0
        public var skipped: [Skip: Int] = [:]
        /// member_id and what went wrong, in member_id order.
        public var failures: [(memberID: String, detail: String)] = []
        /// Set when the run stopped early because nothing got through (the command or its relay is
        /// missing or down): the members not tried yet are left for the next run.
        public var stoppedEarly = false
        public var seconds = 0.0

        public var skippedCount: Int { skipped.values.reduce(0, +) }

        public init(period: Period) { self.period = period }
    }

    /// Who gets a message, and why not: the rule, a pure function.
    public static func eligibility(member: Member, period: Period) -> Result<MailAddress, SkipReason> {
        guard member.joinedOn <= period.end, MemberToken.isWellFormed(member.token) else { return .failure(SkipReason(.noPage)) }
        guard member.status == .active else { return .failure(SkipReason(.closed)) }
        // Asked for no more e-mail: never mailed again, whatever the channel says.
        guard member.unsubscribedOn == nil else { return .failure(SkipReason(.unsubscribed)) }
        switch member.channel {
        case .email: break
        case .sms: return .failure(SkipReason(.prefersSMS))
        case .none: return .failure(SkipReason(.wantsNone))
        }
        guard let email = member.email?.trimmingWhitespace(), !email.isEmpty else { return .failure(SkipReason(.noAddress)) }
        guard let address = MailAddress(email) else { return .failure(SkipReason(.unusableAddress)) }
        return .success(address)
    }

    public struct SkipReason: Error, Equatable {
        public let skip: Skip
        public init(_ skip: Skip) { self.skip = skip }
    }

    /// The period's messages, to `destination`. Refuses, before anything is written or sent, when
    /// the program has no `mail:` settings, a mail template is missing or broken, or `only` names
    /// a member the store does not have.
    public static func run(_ options: Options, store: MemberStore) throws -> Summary {
        let started = Date()
        let content = try SiteContent.load(root: options.root)
        guard let settings = content.program.mail else {
            throw MailError.refused("content/program.yml: mail: is missing: mail needs at least `mail: {from: \"Name <address>\"}`")
        }
        let templates = try MailTemplates.load(root: options.root, content: content)
        // Unsubscribe links are signed with the site's secret (made on the first run that needs it).
        let signer: UnsubscribeSigner?
        do {
            signer = try settings.unsubscribe.map { _ in UnsubscribeSigner(secret: try SiteSecret.load(root: options.root)) }
        } catch let problem as SiteSecret.Problem {
            throw MailError.refused(problem.description)
        }
        // The wallet cards' links, when the program has them: credentials checked as a build checks them.
        let wallet: Wallet?
        do {
            wallet = try Wallet.prepare(content: content, root: options.root)
        } catch let problems as WalletProblems {
            throw problems
        } catch {
            throw MailError.refused(String(describing: error))
        }
        let (total, forEachLedger) = try members(options, store: store)

        var summary: Summary
        switch options.destination {
        case .files(let folder):
            summary = try writeFiles(to: folder, content: content, settings: settings, templates: templates, signer: signer,
                                     wallet: wallet, options: options, total: total, forEachLedger: forEachLedger)
        case .send(let command):
            summary = try send(with: command, content: content, settings: settings, templates: templates, signer: signer,
                               wallet: wallet, options: options, total: total, forEachLedger: forEachLedger)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The run's members, how many and one at a time in member_id order: those `only` names
    /// (refused, before anything is sent, when the store lacks one), those of `shard`, or all.
    public static func members(_ options: Options, store: MemberStore) throws
        -> (total: Int, forEach: ((MemberLedger) throws -> Void) throws -> Void) {
        let period = options.period
        var ledgers: [MemberLedger]? = nil
        if let only = options.only {
            var found: [MemberLedger] = []
            var missing: [String] = []
            var seen = Set<String>()
            for id in only where seen.insert(id).inserted { // a member named twice gets one message
                if let ledger = try store.memberLedger(id, through: period.end) { found.append(ledger) } else { missing.append(id) }
            }
            guard missing.isEmpty else {
                throw MailError.refused("no member \(missing.map { Diagnostic.quote($0) }.joined(separator: ", ")) in the store")
            }
            ledgers = found
        }
        let total = try ledgers?.count ?? store.memberCount()
        func forEachLedger(_ body: (MemberLedger) throws -> Void) throws {
            if let ledgers { for ledger in ledgers { try body(ledger) } } else if let shard = options.shard {
                try store.forEachMember(through: period.end, detailsFrom: period.start) { ledger in
                    if shard.contains(ledger.member.memberID) { try body(ledger) }
                }
            } else {
                try store.forEachMember(through: period.end, detailsFrom: period.start, body)
            }
        }
        return (total, forEachLedger)
    }

    /// Makes members' messages on one thread: the formatters of each language it meets, kept.
    final class MessageMaker {
        let content: SiteContent
        let settings: Program.MailSettings
        let templates: MailTemplates
        let period: Period
        let signer: UnsubscribeSigner?
        private var languages: [String: (words: Words, formatter: LocaleFormatter)] = [:]
        private var lastSecond = -1
        private var date = ""

        let coverage: PeriodCoverage?
        let wallet: Wallet?

        init(content: SiteContent, settings: Program.MailSettings, templates: MailTemplates, period: Period,
             signer: UnsubscribeSigner?, coverage: PeriodCoverage? = nil, wallet: Wallet? = nil) {
            self.wallet = wallet
            self.signer = signer
            self.coverage = coverage
            self.content = content
            self.settings = settings
            self.templates = templates
            self.period = period
        }

        /// The member's message and where it goes, or why there is none.
        func message(for ledger: MemberLedger) -> Result<(MailAddress, MailMessage), SkipReason> {
            let member = ledger.member
            let address: MailAddress
            // A member of a shard whose build has not finished the period has no page to link to.
            if let coverage, !coverage.contains(member.memberID) { return .failure(SkipReason(.noPage)) }
            switch eligibility(member: member, period: period) {
            case .failure(let reason): return .failure(reason)
            case .success(let found): address = found
            }
            let program = content.program
            let statement = ledger.statement(program: program, period: period)
            let locale = content.pageLocale(for: member.locale)
            let language = languages[locale] ?? {
                let words = content.words(for: locale)
                let made = (words, LocaleFormatter(locale: locale, periodPattern: words.all["period_format"]))
                languages[locale] = made
                return made
            }()
            let now = Date()
            let second = Int(now.timeIntervalSince1970)
            if second != lastSecond { date = StatementMail.dateHeader(now); lastSecond = second }
            var mail = StatementMail(member: member, statement: statement,
                                     statementURL: program.baseURL + StatementAddress.page(token: member.token, period: period))
            if let wallet, member.status != .closed {
                let card = MemberCard(member: member, statement: statement, language: locale)
                mail.walletLinks = WalletLinks(apple: wallet.apple.map { _ in Wallet.passURL(baseURL: program.baseURL, token: member.token) },
                                               google: try? wallet.google?.saveURL(for: card))
            }
            return .success((address, mail.message(program: program, settings: settings, words: language.words,
                                                   formatter: language.formatter, templates: templates, to: address, date: date,
                                                   signer: signer)))
        }
    }

    /// `--out`: every message to a file, made by one thread per core while this one reads the store.
    static func writeFiles(to folder: URL, content: SiteContent, settings: Program.MailSettings, templates: MailTemplates,
                           signer: UnsubscribeSigner?, wallet: Wallet? = nil, options: Options, total: Int,
                           forEachLedger: ((MemberLedger) throws -> Void) throws -> Void) throws -> Summary {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MailError.cannotWrite(path: folder.path, reason: "cannot create the folder")
        }
        let files = OutputFolder(url: folder)
        // What a run killed mid-write left (hidden half-written files of processes now gone).
        files.removeAbandonedTemporaryFiles()
        let batches = BatchChannel<[MemberLedger]>(capacity: 8)
        let shared = Locked((summary: Summary(period: options.period), done: 0, error: MailError?.none))
        let finished = DispatchGroup()
        for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) {
            finished.enter()
            Thread {
                let maker = MessageMaker(content: content, settings: settings, templates: templates, period: options.period,
                                         signer: signer, coverage: options.coverage, wallet: wallet)
                var summary = Summary(period: options.period)
                while let batch = batches.receive() {
                    for ledger in batch {
                        switch maker.message(for: ledger) {
                        case .failure(let reason):
                            summary.skipped[reason.skip, default: 0] += 1
                        case .success(let (_, message)):
                            do {
                                // Whole or not at all, as the site's pages are written.
                                try message.bytes.withUnsafeBytes { try files.write($0, to: fileName(memberID: ledger.member.memberID)) }
                                summary.delivered += 1
                            } catch {
                                let failure: MailError
                                if case OutputError.system(_, let path, let code) = error {
                                    failure = .cannotWrite(path: path, reason: String(cString: strerror(code)))
                                } else {
                                    failure = .cannotWrite(path: folder.path, reason: "\(error)")
                                }
                                shared.withLock { if $0.error == nil { $0.error = failure } }
                                batches.cancel()
                            }
                        }
                    }
                    let done = shared.withLock { state -> Int in state.done += batch.count; return state.done }
                    options.progress?(done, total)
                }
                shared.withLock { state in
                    state.summary.delivered += summary.delivered
                    state.summary.skipped.merge(summary.skipped, uniquingKeysWith: +)
                }
                finished.leave()
            }.start()
        }
        var batch: [MemberLedger] = []
        batch.reserveCapacity(64)
        do {
            try forEachLedger { ledger in
                batch.append(ledger)
                if batch.count == 64 {
                    guard batches.send(batch) else { throw CancellationError() }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = batches.send(batch) }
            batches.close()
        } catch {
            batches.cancel()
            finished.wait()
            if let failure = shared.withLock({ $0.error }) { throw failure }
            throw error
        }
        finished.wait()
        if let failure = shared.withLock({ $0.error }) { throw failure }
        return shared.withLock { $0.summary }
    }

    /// `--send`: each message to the sendmail command (see `deliver`).
    static func send(with command: SendmailCommand, content: SiteContent, settings: Program.MailSettings, templates: MailTemplates,
                     signer: UnsubscribeSigner?, wallet: Wallet? = nil, options: Options, total: Int,
                     forEachLedger: ((MemberLedger) throws -> Void) throws -> Void) throws -> Summary {
        try deliver(on: .email, with: command, options: options, total: total, forEachLedger: forEachLedger) {
            let maker = MessageMaker(content: content, settings: settings, templates: templates, period: options.period,
                                     signer: signer, coverage: options.coverage, wallet: wallet)
            return { ledger in
                maker.message(for: ledger).map { address, message in
                    Outgoing(address: address.address, messageID: message.messageID, bytes: message.unixBytes)
                }
            }
        }
    }

    /// A message ready to hand over: where it goes (as recorded), its id, and what the command reads.
    public struct Outgoing: Sendable {
        public var address: String
        public var messageID: String
        public var bytes: [UInt8]

        public init(address: String, messageID: String, bytes: [UInt8]) {
            self.address = address
            self.messageID = messageID
            self.bytes = bytes
        }
    }

    /// Each member's message to the command, each recorded as soon as it is accepted (or refused),
    /// by `options.parallel` senders at once (one by default): at most that many messages are ever
    /// in the command's hands unrecorded. `makeMaker` gives each sender thread its own maker.
    public static func deliver(on channel: DeliveryChannel, with command: SendmailCommand, options: Options, total: Int,
                               forEachLedger: ((MemberLedger) throws -> Void) throws -> Void,
                               makeMaker: @escaping @Sendable () -> (MemberLedger) -> Result<Outgoing, SkipReason>) throws -> Summary {
        let period = options.period
        let record = try DeliveryRecord(root: options.root, shard: options.shard, channel: channel)
        defer { record.releaseLock() }
        let recorded = try record.entriesOfEveryRecord(root: options.root, period: period)
        let claims = try DeliveryClaims(root: options.root, period: period, channel: channel)
        let state = Locked((summary: Summary(period: period), done: 0, nextSlot: Date(), error: Error?.none, failuresInARow: 0))
        @Sendable func count(_ skip: Skip) { state.withLock { $0.summary.skipped[skip, default: 0] += 1 } }
        @Sendable func tick() { options.progress?(state.withLock { $0.done += 1; return $0.done }, total) }

        let ledgers = BatchChannel<MemberLedger>(capacity: 4 * options.parallel)
        let finished = DispatchGroup()
        for _ in 0..<options.parallel {
            finished.enter()
            Thread {
                defer { finished.leave() }
                let make = makeMaker()
                while let ledger = ledgers.receive() {
                    defer { tick() }
                    let memberID = ledger.member.memberID
                    let message: Outgoing
                    switch make(ledger) {
                    case .failure(let reason): count(reason.skip); continue
                    case .success(let made): message = made
                    }
                    if let rate = options.rate {
                        let wait = state.withLock { state -> TimeInterval in
                            let slot = max(state.nextSlot, Date())
                            state.nextSlot = slot.addingTimeInterval(1 / rate)
                            return slot.timeIntervalSinceNow
                        }
                        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    }
                    let messageID = message.messageID
                    do {
                        // Taken before the message is handed over: no other run, whatever its
                        // shards, mails this member for this period.
                        switch try claims.claim(memberID, resend: options.resend) {
                        case .claimed: break
                        case .sent: count(.alreadySent); continue
                        case .held: count(.sentByAnotherRun); continue
                        }
                        switch command.send(message.bytes) {
                        case .accepted:
                            try record.record(period: period, memberID: memberID, state: .sent, messageID: messageID, address: message.address)
                            try claims.markSent(memberID)
                            state.withLock { $0.summary.delivered += 1; $0.failuresInARow = 0 }
                        case .failed(let detail):
                            try record.record(period: period, memberID: memberID, state: .failed, messageID: messageID,
                                              address: message.address, detail: detail)
                            claims.release(memberID)
                            let giveUp = state.withLock { state -> Bool in
                                state.summary.failures.append((memberID, detail))
                                state.failuresInARow += 1
                                // Nothing has got through: the command or its relay is missing or down.
                                return state.summary.delivered == 0 && state.failuresInARow >= Self.failuresBeforeStopping
                            }
                            if giveUp {
                                state.withLock { $0.summary.stoppedEarly = true }
                                ledgers.cancel()
                            }
                        }
                    } catch {
                        // The record cannot be written: stop handing over messages it could not note.
                        state.withLock { if $0.error == nil { $0.error = error } }
                        ledgers.cancel()
                    }
                }
            }.start()
        }
        do {
            try forEachLedger { ledger in
                if let entry = recorded[ledger.member.memberID] {
                    if entry.state == .sent, !options.resend { count(.alreadySent); tick(); return }
                    if entry.state == .failed, !options.resend, !options.retryFailed { count(.failedBefore); tick(); return }
                }
                guard ledgers.send(ledger) else { throw CancellationError() }
            }
            ledgers.close()
        } catch is CancellationError {
            // A sender stopped (an error, thrown below, or nothing getting through).
        } catch {
            ledgers.cancel()
            finished.wait()
            throw error
        }
        finished.wait()
        return try state.withLock { state in
            if let error = state.error { throw error }
            state.summary.failures.sort { $0.memberID < $1.memberID }
            return state.summary
        }
    }

    /// Failures in a row, with no message accepted yet, after which a run stops instead of trying
    /// every member against a command or relay that is not there.
    public static let failuresBeforeStopping = 10

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
        // A file name holds 255 bytes: a long encoded member_id keeps its start and gets a hash of
        // the whole, so that names stay distinct.
        if name.utf8.count > 200 {
            let digest = SHA256.hash(data: Data(memberID.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
            name = String(name.prefix(180)) + "~" + digest
        }
        return name + ".eml"
    }
}

import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import PunchcardWallet

/// Renders and writes every member's statement pages. The calling thread streams the members
/// table (not the ledger) beside the record of earlier builds; batches of members go to a thread
/// per core, which skips members whose pages' inputs are unchanged and, for the rest, reads the
/// ledger on a connection of its own, computes the statements, renders and writes. The batches in
/// flight are bounded, so memory does not grow with the number of members.
///
/// Besides the period being built, a member whose ledger changed since their pages were written
/// gets every other period published for them refreshed too, so a correction dated in October
/// shows on the November page as well.
///
/// Crash safety: before members are handed to the rendering threads, the record is told how far
/// this build may write (`BuildRecord.advanceMark`); pages are recorded as done only after they
/// are in place. A build killed at any moment leaves a record the next build can trust for every
/// member outside that range, and repairs the members inside it.
struct StatementWriter {
    let content: SiteContent
    let templates: TemplateSet
    /// The statement template per language, compiled when the build checked it.
    let compiled: CompiledStatementTemplates
    let output: OutputFolder
    let options: BuildOptions
    let record: BuildRecord
    let plans: PeriodPlans
    /// Members' places on paid plans, read once for the build.
    var memberships: [String: [Membership]] = [:]
    /// Every member's coupon codes, read once per build.
    var coupons: [String: [Coupon]] = [:]
    /// The wallet cards (`wallet:` in program.yml), nil without.
    var wallet: Wallet?
    /// The member folders present when the build started (nil: look in each).
    var presentFolders: StatementFolders? = nil
    /// Folders moved to a rotated token's new name after `presentFolders` was taken.
    var movedFolders: Set<String> = []

    /// What the writer did, counted once: per member (`Outcome`), per thread and for the build.
    struct Counts {
        /// Members looked at.
        var statements = 0
        var written = 0
        var unchanged = 0
        /// Files of other published periods rewritten because the member's ledger changed.
        var refreshed = 0
        /// Members who joined after the period: no page for it.
        var notYetMembers = 0
        /// Copies of the period removed: the member's corrected join date is after it.
        var removedCopies = 0
        /// Members with no statement address (erased on request): no page, and not counted.
        var withoutAddress = 0

        static func += (total: inout Counts, more: Counts) {
            total.statements += more.statements
            total.written += more.written
            total.unchanged += more.unchanged
            total.refreshed += more.refreshed
            total.notYetMembers += more.notYetMembers
            total.removedCopies += more.removedCopies
            total.withoutAddress += more.withoutAddress
        }
    }

    struct Item {
        var stored: StoredMember
        var previous: BuildRecord.Previous
        /// Files of the member's known unchanged without looking at the disk (0: look), decided
        /// as the members are read (`vouchedFiles`).
        var unchangedFiles = 0
    }

    /// Members read ahead and marked in the record before any of them is written.
    static let window = 4096
    static let batchSize = 64

    func writeAll(from store: MemberStore) throws -> Counts {
        let total = try store.memberCount()
        let batches = BatchChannel<ArraySlice<Item>>(capacity: options.threads * 2)
        let state = WriterState()

        let workers = (0..<options.threads).map { _ in
            let thread = Thread { [self] in
                var renderer = StatementRenderer(content: content, templates: templates, compiled: compiled)
                do {
                    try store.withLedgerReader { reader in
                        var ledgers = reader
                        while let batch = batches.receive() {
                            // Most members of a batch need their ledger for this period: fetched
                            // together (one round trip on a server; nothing to do for SQLite).
                            try ledgers.prefetch(batch.filter { $0.unchangedFiles == 0 }.map(\.stored.member.memberID),
                                                 through: options.period.end, detailsFrom: options.period.start)
                            var tally = Outcome()
                            for item in batch {
                                tally.add(try write(item, ledgers: ledgers, renderer: &renderer))
                            }
                            tally.counts.statements = batch.count
                            let finished = state.add(tally)
                            options.progress?(finished, total)
                        }
                    }
                } catch {
                    state.fail(error)
                    batches.cancel()
                }
                state.finishWorker()
            }
            thread.stackSize = 4 << 20
            return thread
        }
        workers.forEach { $0.start() }

        // Members who will be looked at on disk have their folders read ahead by a few threads, so
        // that with a cold cache the rendering threads do not wait for each read in turn.
        let prefetch = FolderPrefetch(output: output)
        defer { prefetch.finish() }

        var window: [Item] = []
        window.reserveCapacity(Self.window)
        func send() throws {
            guard let last = window.last else { return }
            prefetch.warm(window.lazy.filter { $0.unchangedFiles == 0 && self.presentFolders?.contains($0.stored.member.token) == true }
                .map { StatementAddress.folder(token: $0.stored.member.token) })
            // Written ahead of the pages: the next build distrusts this range if this one dies.
            try record.advanceMark(to: last.stored.member.memberID)
            let done = state.takeDone()
            try record.commit(done.entries, states: done.states)
            var start = 0
            while start < window.count {
                let end = min(start + Self.batchSize, window.count)
                guard batches.send(window[start..<end]) else { throw CancellationError() }
                start = end
            }
            window.removeAll(keepingCapacity: true)
        }
        do {
            try record.withPrevious(period: options.period) { previousFor in
                try store.forEachStoredMember(referralsThrough: options.period.end) { stored in
                    if let shard = options.shard, !shard.contains(stored.member.memberID) { return }
                    var item = Item(stored: stored, previous: try previousFor(stored.member.memberID))
                    item.unchangedFiles = vouchedFiles(item)
                    window.append(item)
                    if window.count == Self.window { try send() }
                }
            }
            try send()
        } catch is CancellationError {
            // A worker failed; its error is reported below.
        } catch {
            // The store failed (a server gone mid-build): the workers stop, none waits for ever.
            batches.cancel()
            state.waitForWorkers(options.threads)
            throw error
        }
        batches.close()
        state.waitForWorkers(options.threads)
        if let error = state.error { throw error }
        let done = state.takeDone()
        try record.commit(done.entries, states: done.states)
        return state.counts
    }

    /// What writing some members did, and what the record must be told of it.
    struct Outcome {
        var counts = Counts()
        var entries: [BuildRecord.Entry] = []
        /// Members whose published pages now all reflect this ledger revision.
        var states: [(memberID: String, revision: Int)] = []

        mutating func add(_ other: Outcome) {
            counts += other.counts
            entries += other.entries
            states += other.states
        }
    }

    /// The member's codes a statement for `period` shows (`Statement.coupons`).
    func heldCoupons(_ memberID: String, period: Period) -> [Coupon] {
        guard let held = coupons[memberID] else { return [] }
        return Coupon.held(held, after: period.end)
    }

    /// Unchanged members are the common case of every build but the first: when the build record
    /// vouches for all their pages (this period's recorded at their address with the same
    /// fingerprint, the ledger unchanged, their folder present when the build started), they are
    /// skipped without looking into their folder, which on a cold cache costs a disk read per
    /// member. Returns how many files they have unchanged (2: the period's page and the latest
    /// page, 1: a later period is the latest), or 0 when the disk must be looked at.
    func vouchedFiles(_ item: Item) -> Int {
        let member = item.stored.member
        let period = options.period
        guard MemberToken.isWellFormed(member.token), member.joinedOn <= period.end,
              item.previous.revision == item.stored.ledgerRevision, let hash = item.previous.hash,
              presentFolders?.contains(member.token) == true else { return 0 }
        let recorded = item.previous.recordedPeriods(token: member.token, calendar: period.calendar)
        guard recorded.contains(period) else { return 0 }
        let plan = plans.plan(for: period)
        let inputs = PageFingerprint.statementInputs(shared: plan.sharedPrint, member: item.stored,
                                                     earlier: recorded.filter { $0 < period }) // newest first
        guard hash == PageFingerprint.statement(inputs: inputs, offers: item.previous.tier.flatMap { plan.offerPrints[$0] },
                                                   coupons: heldCoupons(member.memberID, period: period),
                                                   couponOffers: plan.couponOfferPrints)
        else { return 0 }
        return recorded.contains { $0 > period } ? 1 : 2
    }

    /// Writes the member's pages that need it: the statement for the period being built (unless
    /// they joined after it), named as their latest page too unless a later period exists, and
    /// when their ledger changed since their pages were made, every other period published for
    /// them. A member whose pages are all up to date is skipped before their ledger is read.
    func write(_ item: Item, ledgers: any LedgerReader, renderer: inout StatementRenderer) throws -> Outcome {
        let member = item.stored.member
        guard MemberToken.isWellFormed(member.token) else {
            var outcome = Outcome()
            outcome.counts.withoutAddress = 1
            return outcome
        }
        let token = member.token
        let folder = StatementAddress.folder(token: token)
        let period = options.period
        let calendar = period.calendar
        let ledgerChanged = item.previous.revision != item.stored.ledgerRevision

        if item.unchangedFiles > 0 {
            var outcome = Outcome()
            outcome.counts.unchanged = item.unchangedFiles
            return outcome
        }

        // What the member's folder holds: a page per period, and perhaps an earlier release's
        // period folders (each migrated to a page, and kept as a redirect to it).
        var pages = Set<Period>(), legacy = Set<Period>()
        // A folder absent when the build started (and not moved here since) is not looked for:
        // a new member's, every member's in a first build.
        let mayExist = presentFolders.map { $0.contains(token) } ?? true || movedFolders.contains(token)
        for name in mayExist ? output.list(folder) : [] {
            if let page = StatementAddress.period(ofFileName: name, calendar: calendar) {
                pages.insert(page)
            } else if let old = StatementAddress.period(ofLegacyFolder: name, calendar: calendar) {
                legacy.insert(old)
            }
        }
        // The fingerprint's inputs for the period being built, made at most once: compared with the
        // record's (when there is one) and recorded again after the page is written.
        var periodInputs: (earlier: [Period], inputs: PageFingerprint)?
        func inputs(for target: Period, earlier: [Period]) -> PageFingerprint {
            if target == period, let known = periodInputs, known.earlier == earlier { return known.inputs }
            let made = PageFingerprint.statementInputs(shared: plans.plan(for: target).sharedPrint, member: item.stored, earlier: earlier)
            if target == period { periodInputs = (earlier, made) }
            return made
        }
        let decided = StatementPlan.make(
            period: period, joinedOn: member.joinedOn, ledgerChanged: ledgerChanged, pages: pages, legacy: legacy
        ) { earlier, isLatest in
            // The latest page must be the period's page under a second name.
            guard let recorded = item.previous.hash else { return false }
            let plan = plans.plan(for: period)
            return recorded == PageFingerprint.statement(inputs: inputs(for: period, earlier: earlier),
                                                         offers: item.previous.tier.flatMap { plan.offerPrints[$0] },
                                                         coupons: heldCoupons(member.memberID, period: period),
                                                         couponOffers: plan.couponOfferPrints)
                && (!isLatest || output.isSameFile(StatementAddress.latest(token: token), StatementAddress.page(token: token, period: period)))
        }
        var outcome = Outcome()
        outcome.counts.notYetMembers = decided.notYetMember ? 1 : 0
        outcome.counts.unchanged = decided.unchangedFiles
        if decided.removesCopy {
            try output.remove(StatementAddress.page(token: token, period: period))
            try output.remove("\(folder)/\(period)")
            outcome.counts.removedCopies += 1
            if decided.removesFolder {
                try output.remove(folder)
                return outcome
            }
        }
        let due = decided.due
        let hadPages = decided.hadPages
        func earlier(than period: Period) -> [Period] { decided.earlier(than: period) }
        func isLatest(_ period: Period) -> Bool { decided.isLatest(period) }
        guard !due.isEmpty else { return outcome }

        let entries = try ledgers.entries(of: member.memberID, through: due.map(\.end).max()!,
                                          detailsFrom: due.map(\.start).min()!)
        for target in due {
            let plan = plans.plan(for: target)
            let referred = target == period
                ? item.stored.referredCount
                : try ledgers.referredCount(of: member.memberID, joinedOnOrBefore: target.end)
            let ledger = MemberLedger(member: member, entries: entries, referredCount: referred,
                                      memberships: memberships[member.memberID] ?? [], coupons: coupons[member.memberID] ?? [])
            let statement = ledger.statement(program: content.program, period: target)
            let activity = entries.filter { $0.postedOn >= target.start && $0.postedOn <= target.end }
            let olderPeriods = earlier(than: target)
            let latest = isLatest(target)
            var view = StatementView(content: content, member: member, statement: statement, activity: activity,
                                     earlierPeriods: olderPeriods, provisional: plan.provisional)
            // The card shows the latest statement; an open account has one.
            let card = latest && member.status != .closed && wallet != nil
                ? MemberCard(member: member, statement: statement, language: view.locale) : nil
            if let card, let wallet {
                view.walletLinks = WalletLinks(apple: wallet.apple == nil ? nil : Wallet.passFileName,
                                               google: try wallet.google?.saveURL(for: card))
            }
            let page = StatementAddress.page(token: token, period: target)
            let bytes = renderer.render(view, period: target, shared: plan.shared)
            let files = latest ? 2 : 1
            // A page whose inputs changed but whose bytes did not (new code that renders it the
            // same, a change elsewhere in the program file) is left as it is, and so is its date.
            if pages.contains(target), !legacy.contains(target), output.holds(bytes, at: page),
               !latest || output.isSameFile(StatementAddress.latest(token: token), page) {
                outcome.counts.unchanged += files
            } else {
                try output.write(bytes: bytes, to: page, replacing: pages.contains(target), newFolder: !hadPages)
                if latest {
                    try output.link(page, as: StatementAddress.latest(token: token), replacing: hadPages)
                }
                if legacy.contains(target) {
                    try output.write(StatementAddress.legacyRedirect(period: target), to: "\(folder)/\(target)/index.html")
                }
                if target == period { outcome.counts.written += files } else { outcome.counts.refreshed += files }
            }
            if latest {
                let passWritten = try writePass(card, folder: folder, folderExisted: hadPages)
                if let passWritten {
                    if passWritten { outcome.counts.written += 1 } else { outcome.counts.unchanged += 1 }
                }
            }
            outcome.entries.append(BuildRecord.Entry(
                memberID: member.memberID, period: target, token: token, tier: statement.tier,
                hash: PageFingerprint.statement(inputs: inputs(for: target, earlier: olderPeriods),
                                                offers: statement.tier.flatMap { plan.offerPrints[$0] },
                                                coupons: statement.coupons, couponOffers: plan.couponOfferPrints)))
        }
        outcome.states.append((member.memberID, item.stored.ledgerRevision))
        return outcome
    }
}

extension StatementWriter {
    /// The member's Apple Wallet pass beside their latest page: written when what it shows differs
    /// from the pass there (their manifests differ), removed when the member has none (a closed
    /// account, no `wallet.apple`). Returns whether it wrote, nil when there is no pass.
    /// - Parameter folderExisted: the member had pages before this build (a new folder holds no old pass).
    func writePass(_ card: MemberCard?, folder: String, folderExisted: Bool) throws -> Bool? {
        let path = "\(folder)/\(Wallet.passFileName)"
        guard let card, let apple = wallet?.apple else {
            if folderExisted { try output.remove(path) }
            return nil
        }
        let (files, manifest) = try apple.files(for: card)
        if folderExisted, let existing = FileManager.default.contents(atPath: output.path(path).path),
           ApplePassMaker.manifest(ofArchive: existing) == manifest {
            return false
        }
        try output.write(try apple.archive(files: files, manifest: manifest, signedAt: Date()), to: path)
        return true
    }
}

/// Counters, finished record entries and the first error, shared by the rendering threads.
final class WriterState: @unchecked Sendable {
    private let lock = NSCondition()
    private(set) var counts = StatementWriter.Counts()
    private(set) var error: Error?
    private var entries: [BuildRecord.Entry] = []
    private var states: [(memberID: String, revision: Int)] = []
    private var finished = 0

    /// Adds a batch's outcome; returns how many members are done.
    func add(_ outcome: StatementWriter.Outcome) -> Int {
        lock.lock()
        defer { lock.unlock() }
        counts += outcome.counts
        entries += outcome.entries
        states += outcome.states
        return counts.statements
    }

    /// The record entries of pages now written, and the revisions members' pages now reflect.
    func takeDone() -> (entries: [BuildRecord.Entry], states: [(memberID: String, revision: Int)]) {
        lock.lock()
        defer {
            entries.removeAll(keepingCapacity: true)
            states.removeAll(keepingCapacity: true)
            lock.unlock()
        }
        return (entries, states)
    }

    func fail(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }

    func finishWorker() {
        lock.lock()
        finished += 1
        lock.broadcast()
        lock.unlock()
    }

    func waitForWorkers(_ count: Int) {
        lock.lock()
        while finished < count { lock.wait() }
        lock.unlock()
    }
}

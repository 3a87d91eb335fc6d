import Foundation
import Mustache
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Renders and writes every member's statement pages. The calling thread streams the members
/// table (not the ledger) beside the previous build's record; batches of members go to a thread
/// per core, which skips members whose pages' inputs are unchanged and, for the rest, reads the
/// ledger on a connection of its own, computes the statement, renders and writes. The batches in
/// flight are bounded, so memory does not grow with the number of members.
struct StatementWriter {
    let content: SiteContent
    let templates: TemplateSet
    let output: OutputFolder
    let options: BuildOptions
    let record: BuildRecord

    struct Result {
        var statements = 0
        var written = 0
        var unchanged = 0
    }

    struct Item {
        var stored: StoredMember
        var previous: BuildRecord.Previous?
    }

    func writeAll(from store: MemberStore) throws -> Result {
        let shared = SharedFragments(content: content, templates: templates, period: options.period)
        let sharedPrint = PageFingerprint.shared(content: content, templates: templates, root: options.root,
                                                 period: options.period)
        let offerPrints = PageFingerprint.offers(content: content, period: options.period)
        let total = try store.memberCount()
        let batches = BatchChannel<[Item]>(capacity: options.threads * 2)
        let state = WriterState()

        let workers = (0..<options.threads).map { _ in
            let thread = Thread { [self] in
                var renderer = Renderer(content: content, templates: templates, period: options.period)
                do {
                    try store.withLedgerReader { ledgers in
                        while let batch = batches.receive() {
                            var written = 0, unchanged = 0
                            var done: [BuildRecord.Entry] = []
                            for item in batch {
                                let outcome = try write(item, shared: shared, sharedPrint: sharedPrint,
                                                        offerPrints: offerPrints, ledgers: ledgers, renderer: &renderer)
                                written += outcome.written
                                unchanged += outcome.unchanged
                                if let entry = outcome.entry { done.append(entry) }
                            }
                            let finished = state.add(statements: batch.count, written: written, unchanged: unchanged, done: done)
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

        var batch: [Item] = []
        batch.reserveCapacity(64)
        do {
            try record.withPrevious(period: options.period) { previousFor in
                try store.forEachStoredMember(referralsThrough: options.period.end) { stored in
                    batch.append(Item(stored: stored, previous: try previousFor(stored.member.memberID)))
                    if batch.count == 64 {
                        guard batches.send(batch) else { throw CancellationError() }
                        batch.removeAll(keepingCapacity: true)
                        // Record, now and then, the pages that are in place.
                        let done = state.takeDone(atLeast: 4096)
                        try record.commit(done, period: options.period)
                    }
                }
            }
            if !batch.isEmpty { _ = batches.send(batch) }
        } catch is CancellationError {
            // A worker failed; its error is reported below.
        }
        batches.close()
        state.waitForWorkers(options.threads)
        if let error = state.error { throw error }
        try record.commit(state.takeDone(atLeast: 0), period: options.period)
        return Result(statements: state.statements, written: state.written, unchanged: state.unchanged)
    }

    struct Outcome {
        var written = 0
        var unchanged = 0
        var entry: BuildRecord.Entry?
    }

    /// Writes the statement for the period and, unless a later period exists, the member's latest
    /// page: the same article in the same layout, rendered once. A member whose pages' inputs are
    /// unchanged since the last build, and whose pages are still there, is skipped before their
    /// ledger is read.
    func write(_ item: Item, shared: SharedFragments, sharedPrint: Data, offerPrints: [String: Data],
               ledgers: LedgerReader, renderer: inout Renderer) throws -> Outcome {
        let member = item.stored.member
        guard MemberToken.isWellFormed(member.token) else { return Outcome() }
        let folder = "m/\(member.token)"
        let period = options.period
        let kept = output.list(folder).compactMap(Period.init)
        let earlier = kept.filter { $0 < period }.sorted(by: >)
        // Rebuilding an older period refreshes its copy but leaves the newer latest page alone.
        let isLatest = !kept.contains { $0 > period }
        let archivePath = "\(folder)/\(period)/index.html"
        let latestPath = "\(folder)/index.html"

        let inputs = PageFingerprint.statementInputs(shared: sharedPrint, member: item.stored, earlier: earlier,
                                                     isLatest: isLatest)
        if let previous = item.previous,
           previous.hash == PageFingerprint.statement(inputs: inputs, offers: previous.tier.flatMap { offerPrints[$0] }),
           kept.contains(period), !isLatest || output.exists(latestPath) {
            return Outcome(unchanged: isLatest ? 2 : 1)
        }

        let entries = try ledgers.entries(of: member.memberID, through: period.end, detailsFrom: period.start)
        let ledger = MemberLedger(member: member, entries: entries, referredCount: item.stored.referredCount)
        let statement = ledger.statement(program: content.program, period: period)
        let activity = entries.filter { $0.postedOn >= period.start }
        let view = StatementView(content: content, member: member, statement: statement, activity: activity,
                                 earlierPeriods: earlier)
        let locale = view.locale
        let layout = renderer.layout(for: locale)
        let context = view.context(formatter: renderer.formatter(for: locale), shared: shared)
        let article = renderer.statementTemplate(for: locale).render(context, library: templates.library)
        try output.write(layout.archiveHead + article + layout.tail, to: archivePath)
        if isLatest {
            try output.write(layout.latestHead + article + layout.tail, to: latestPath)
        }
        let hash = PageFingerprint.statement(inputs: inputs, offers: statement.tier.flatMap { offerPrints[$0] })
        return Outcome(written: isLatest ? 2 : 1,
                       entry: BuildRecord.Entry(memberID: member.memberID, token: member.token, tier: statement.tier, hash: hash))
    }

    /// One rendering thread's per-locale state: formatters and the pre-rendered layout.
    struct Renderer {
        let content: SiteContent
        let templates: TemplateSet
        let period: Period
        private var formatters: [String: LocaleFormatter] = [:]
        private var layouts: [String: (archiveHead: String, latestHead: String, tail: String)] = [:]
        private var statementTemplates: [String: MustacheTemplate] = [:]

        init(content: SiteContent, templates: TemplateSet, period: Period) {
            self.content = content
            self.templates = templates
            self.period = period
        }

        mutating func formatter(for locale: String) -> LocaleFormatter {
            if let formatter = formatters[locale] { return formatter }
            let formatter = LocaleFormatter(locale: locale)
            formatters[locale] = formatter
            return formatter
        }

        mutating func statementTemplate(for locale: String) -> MustacheTemplate {
            if let template = statementTemplates[locale] { return template }
            let template = templates.specialized("statement", constants: StatementView.constants(content: content, locale: locale))
                ?? templates.library.getTemplate(named: "statement")!
            statementTemplates[locale] = template
            return template
        }

        mutating func layout(for locale: String) -> (archiveHead: String, latestHead: String, tail: String) {
            if let layout = layouts[locale] { return layout }
            let layout = StatementView.layout(content: content, locale: locale, period: period, templates: templates)
            layouts[locale] = layout
            return layout
        }
    }
}

/// Counters, finished record entries and the first error, shared by the rendering threads.
final class WriterState: @unchecked Sendable {
    private let lock = NSCondition()
    private(set) var statements = 0
    private(set) var written = 0
    private(set) var unchanged = 0
    private(set) var error: Error?
    private var done: [BuildRecord.Entry] = []
    private var finished = 0

    func add(statements: Int, written: Int, unchanged: Int, done entries: [BuildRecord.Entry]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        self.statements += statements
        self.written += written
        self.unchanged += unchanged
        done += entries
        return self.statements
    }

    /// The entries of pages now written, once there are at least `count` of them.
    func takeDone(atLeast count: Int) -> [BuildRecord.Entry] {
        lock.lock()
        defer { lock.unlock() }
        guard done.count >= max(count, 1) else { return [] }
        defer { done.removeAll(keepingCapacity: true) }
        return done
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

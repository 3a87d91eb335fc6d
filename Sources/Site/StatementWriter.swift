import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Renders and writes every member's statement pages: the store is read on the calling thread,
/// one member at a time, and batches of members are rendered and written on every core.
/// The batches in flight are bounded, so memory does not grow with the number of members.
struct StatementWriter {
    let content: SiteContent
    let templates: TemplateSet
    let output: OutputFolder
    let options: BuildOptions

    struct Result {
        var statements = 0
        var files = 0
    }

    typealias Batch = [(MemberLedger, Statement)]

    func writeAll(from store: MemberStore) throws -> Result {
        let shared = SharedFragments(content: content)
        let total = try store.memberCount()
        let batches = BatchChannel<Batch>(capacity: options.threads * 2)
        let state = WriterState()

        let workers = (0..<options.threads).map { _ in
            let thread = Thread { [self] in
                var renderer = Renderer(content: content, templates: templates, period: options.period)
                while let batch = batches.receive() {
                    do {
                        var files = 0
                        for (ledger, statement) in batch {
                            files += try write(ledger, statement, shared: shared, renderer: &renderer)
                        }
                        let done = state.add(statements: batch.count, files: files)
                        options.progress?(done, total)
                    } catch {
                        state.fail(error)
                        batches.cancel()
                    }
                }
                state.finishWorker()
            }
            thread.stackSize = 4 << 20
            return thread
        }
        workers.forEach { $0.start() }

        var batch: Batch = []
        batch.reserveCapacity(64)
        do {
            try store.forEachStatement(program: content.program, period: options.period) { ledger, statement in
                batch.append((ledger, statement))
                if batch.count == 64 {
                    guard batches.send(batch) else { throw CancellationError() }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = batches.send(batch) }
        } catch is CancellationError {
            // A worker failed; its error is reported below.
        }
        batches.close()
        state.waitForWorkers(options.threads)
        if let error = state.error { throw error }
        return Result(statements: state.statements, files: state.files)
    }

    /// Writes the statement for the period and, unless a later period exists, the member's latest
    /// page: the same article in the same layout, rendered once. Returns the number of files written.
    func write(_ ledger: MemberLedger, _ statement: Statement, shared: SharedFragments,
               renderer: inout Renderer) throws -> Int {
        let member = ledger.member
        guard MemberToken.isWellFormed(member.token) else { return 0 }
        let folder = "m/\(member.token)"
        let period = options.period
        let kept = output.list(folder).compactMap(Period.init)
        let earlier = kept.filter { $0 < period }.sorted(by: >)
        // Rebuilding an older period refreshes its copy but leaves the newer latest page alone.
        let isLatest = !kept.contains { $0 > period }
        let activity = ledger.entries.filter { $0.postedOn >= period.start }
        let view = StatementView(content: content, member: member, statement: statement, activity: activity,
                                 earlierPeriods: earlier)
        let locale = view.locale
        let layout = renderer.layout(for: locale)
        let article = templates.render(view.context(formatter: renderer.formatter(for: locale), shared: shared),
                                       template: "statement")
        try output.write(layout.archiveHead + article + layout.tail, to: "\(folder)/\(period)/index.html")
        guard isLatest else { return 1 }
        try output.write(layout.latestHead + article + layout.tail, to: "\(folder)/index.html")
        return 2
    }

    /// One rendering thread's per-locale state: formatters and the pre-rendered layout.
    struct Renderer {
        let content: SiteContent
        let templates: TemplateSet
        let period: Period
        private var formatters: [String: LocaleFormatter] = [:]
        private var layouts: [String: (archiveHead: String, latestHead: String, tail: String)] = [:]

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

        mutating func layout(for locale: String) -> (archiveHead: String, latestHead: String, tail: String) {
            if let layout = layouts[locale] { return layout }
            let layout = StatementView.layout(content: content, locale: locale, period: period, templates: templates)
            layouts[locale] = layout
            return layout
        }
    }
}

/// Counters and the first error, shared by the rendering threads.
final class WriterState: @unchecked Sendable {
    private let lock = NSCondition()
    private(set) var statements = 0
    private(set) var files = 0
    private(set) var error: Error?
    private var finished = 0

    func add(statements: Int, files: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        self.statements += statements
        self.files += files
        return self.statements
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

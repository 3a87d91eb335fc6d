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
                var formatters: [String: LocaleFormatter] = [:]
                while let batch = batches.receive() {
                    do {
                        var files = 0
                        for (ledger, statement) in batch {
                            files += try write(ledger, statement, shared: shared, formatters: &formatters)
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

    /// Writes the member's latest statement and the copy kept for the period; returns the file count.
    func write(_ ledger: MemberLedger, _ statement: Statement, shared: SharedFragments,
               formatters: inout [String: LocaleFormatter]) throws -> Int {
        let member = ledger.member
        guard MemberToken.isWellFormed(member.token) else { return 0 }
        let folder = "m/\(member.token)"
        let period = options.period
        let kept = output.list(folder).compactMap(Period.init)
        let earlier = kept.filter { $0 < period }.sorted(by: >)
        // Rebuilding an older period refreshes its copy but leaves the newer latest page alone.
        let isLatest = !kept.contains { $0 > period }
        let activity = ledger.entries.filter { $0.postedOn >= period.start }
        var view = StatementView(content: content, member: member, statement: statement, activity: activity,
                                 earlierPeriods: earlier, isArchive: true)
        let locale = view.locale
        let formatter = formatters[locale] ?? LocaleFormatter(locale: locale)
        formatters[locale] = formatter
        try output.write(templates.render(view.context(formatter: formatter, shared: shared), template: "statement"),
                         to: "\(folder)/\(period)/index.html")
        guard isLatest else { return 1 }
        view.isArchive = false
        try output.write(templates.render(view.context(formatter: formatter, shared: shared), template: "statement"),
                         to: "\(folder)/index.html")
        return 2
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

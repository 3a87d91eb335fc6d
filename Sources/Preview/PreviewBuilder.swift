import Foundation
import PunchcardPages
import PunchcardSite
import PunchcardSupport

/// Builds the site for the preview, again whenever something it reads changes: one build at a
/// time, on a thread of its own, after changes have settled for a moment (an editor's save is
/// often several file events).
public final class PreviewBuilder: @unchecked Sendable {
    /// What the last build left: a generation number that grows with every build, and the error
    /// when that build failed.
    public struct Outcome: Sendable {
        public var generation: Int
        public var error: BuildFailure?
        public var report: BuildReport?
    }

    let options: BuildOptions
    private let condition = NSCondition()
    private var outcome = Outcome(generation: 0)
    private var isPending = false
    private var lastChange = Date.distantPast
    private var stopped = false
    private var onBuilt: [@Sendable (Outcome) -> Void] = []
    /// How long changes must have stopped before a build starts.
    let settleTime: TimeInterval

    public init(options: BuildOptions, settleTime: TimeInterval = 0.1) {
        self.options = options
        self.settleTime = settleTime
    }

    public var latest: Outcome { condition.withLock { outcome } }

    /// Calls `body` after every build, on the building thread.
    public func onBuilt(_ body: @escaping @Sendable (Outcome) -> Void) {
        condition.withLock { onBuilt.append(body) }
    }

    /// Builds now, on the calling thread.
    @discardableResult
    public func buildNow() -> Outcome {
        var next = Outcome(generation: 0)
        do {
            next.report = try Site.build(options)
        } catch {
            next.error = BuildFailure(error, root: options.root)
        }
        let (finished, observers) = condition.withLock { () -> (Outcome, [@Sendable (Outcome) -> Void]) in
            next.generation = outcome.generation + 1
            outcome = next
            condition.broadcast()
            return (next, onBuilt)
        }
        observers.forEach { $0(finished) }
        return finished
    }

    /// Asks for a build once changes settle.
    public func changed() {
        condition.withLock {
            isPending = true
            lastChange = Date()
            condition.broadcast()
        }
    }

    /// Starts the thread that builds after changes.
    public func start() {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while !isPending, !stopped { condition.wait() }
                // Let the changes settle.
                while !stopped, Date().timeIntervalSince(lastChange) < settleTime {
                    _ = condition.wait(until: lastChange.addingTimeInterval(settleTime))
                }
                let done = stopped
                isPending = false
                condition.unlock()
                if done { return }
                buildNow()
            }
        }
        thread.name = "punchcard.preview-build"
        thread.start()
    }

    public func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Waits until a build later than `generation` has finished; false on timeout.
    public func waitForBuild(after generation: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while outcome.generation <= generation {
                if !condition.wait(until: deadline) { return outcome.generation > generation }
            }
            return true
        }
    }
}

/// A failed build, as the preview shows it: the message, and when the error names a place in a
/// file of the site, that place and the lines around it.
public struct BuildFailure: Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    /// Up to five lines around the line named, with their numbers.
    public var excerpt: [(number: Int, text: String)] = []

    public init(_ error: Error, root: URL) {
        message = "\(error)"
        let diagnostic = (error as? Diagnostic) ?? (error as? DiagnosticList)?.diagnostics.first
            ?? ((error as? BuildError)?.underlying as? Diagnostic)
        guard let diagnostic else { return }
        location = diagnostic.location
        guard let line = diagnostic.location.line else { return }
        let file = diagnostic.location.file.hasPrefix("/")
            ? URL(fileURLWithPath: diagnostic.location.file) : root.appendingPathComponent(diagnostic.location.file)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        // Lines as the YAML and template parsers count them: CRLF and lone CR end a line too.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(1, line - 2), last = min(lines.count, line + 2)
        guard first <= last else { return }
        excerpt = (first...last).map { ($0, String(lines[$0 - 1])) }
    }

    public var description: String { message }
}

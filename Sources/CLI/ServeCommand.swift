import ArgumentParser
import Foundation
import PunchcardPreview
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on this machine, and rebuild and reload pages on every change.",
        discussion: """
            Watches content/, templates/ and the member store. Open pages reload themselves after each
            build; a build error is shown in the browser, with its file, line and column, until the
            next good change. Staff index of every member: /_members/ (preview only, never in output/).
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var flags: BuildFlags

    @Option(help: "The address to listen on. Anything but loopback shows every member's statement to your network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8080

    func run() async throws {
        let interrupts = Interrupts()
        let period = try site.period(flags.period)
        let options = try flags.options(site: site)
        if !PreviewServer.isLoopback(host) {
            Terminal.printError("warning: listening on \(host): anyone who can reach it sees every statement and the staff index.")
        }
        let server: PreviewServer
        do {
            server = try PreviewServer(options: options, host: host, port: port)
        } catch {
            Terminal.printError("error: cannot listen on \(host): \(error)")
            throw ExitCode.failure
        }
        server.builder.onBuilt { outcome in Self.report(outcome) }
        do {
            try await server.start() // the first build is reported through onBuilt
        } catch {
            Terminal.printError("error: cannot listen on \(host):\(port): \(error) (is the port in use? try another with --port)")
            throw ExitCode.failure
        }
        let url = await server.url
        Terminal.printNow("Serving \(period) at \(url) (staff index: \(url)_members/). Press Ctrl-C to stop.")

        interrupts.serverIsUp()
        await interrupts.wait()
        await server.stop()
        Terminal.printNow("\nStopped.")
    }

    static func report(_ outcome: PreviewBuilder.Outcome) {
        if let error = outcome.error {
            Terminal.printError("error: \(Diagnostic.oneLineText(error.message))")
            Terminal.printError("The browser shows this error until the next good change.")
        } else if let report = outcome.report {
            if let imported = report.importedExample {
                Terminal.printNow(BuildCommand.importedExampleLine(imported))
            }
            Terminal.printNow("Built \(report.period): \(report.filesWritten.formatted()) written, " +
                  "\(report.filesUnchanged.formatted()) unchanged, in \(String(format: "%.1f", report.seconds)) s.")
        }
    }

}

/// Ctrl-C (SIGINT) and SIGTERM, caught from the start: before the server is up (during the first
/// build, which can take a while on a large store) the process stops at once, which is safe since
/// every file is written atomically and the build record only follows the files; once the server
/// is up, `wait()` returns so that it can stop cleanly.
final class Interrupts: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var continuation: CheckedContinuation<Void, Never>?
    private var isUp = false
    private var received = false

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN) // delivered to the source below instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.interrupted() }
            source.resume()
            sources.append(source)
        }
    }

    /// From now on an interruption ends `wait()` instead of the process.
    func serverIsUp() {
        lock.withLock { isUp = true }
    }

    private func interrupted() {
        let (waiting, up) = lock.withLock { () -> (CheckedContinuation<Void, Never>?, Bool) in
            received = true
            defer { continuation = nil }
            return (continuation, isUp)
        }
        if let waiting {
            waiting.resume()
        } else if !up {
            Terminal.printError("\nStopped before the first build finished; the next build completes it.")
            exit(130)
        }
    }

    /// Returns on the first interruption once the server is up.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let already = lock.withLock { () -> Bool in
                if received { return true }
                self.continuation = continuation
                return false
            }
            if already { continuation.resume() }
        }
    }
}

import FlyingFox
import FlyingSocks
import Foundation
import PunchcardSite
import PunchcardStatements

/// `punchcard serve`: builds the site, serves `output/` over HTTP, and rebuilds and reloads open
/// pages when the content, the theme or the member store changes.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let host: String
    public let builder: PreviewBuilder
    private let liveReload = LiveReload()
    private let server: HTTPServer
    private var watcher: FileWatcher?
    private var serving: Task<Void, Error>?

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address, or `localhost`.
    ///   - port: 0 picks a free port (see `port` once started).
    public init(options: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8080) throws {
        self.options = options
        self.host = host == "localhost" ? "127.0.0.1" : host
        builder = PreviewBuilder(options: options)
        let address: any SocketAddress = self.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: self.host, port: port)
            : try sockaddr_in.inet(ip4: self.host, port: port)
        let handler = PreviewRequestHandler(
            output: options.output, builder: builder, liveReload: liveReload, storePath: options.storePath,
            period: options.period, root: options.root)
        server = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: handler)
        builder.onBuilt { [liveReload] _ in liveReload.reloadAll() }
    }

    /// Whether `host` reaches this machine only.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Starts serving, builds once, and starts watching; returns the first build's outcome. Fails
    /// at once when the address cannot be listened on (a port in use). A failed first build does
    /// not stop the server: its error page is served.
    @discardableResult
    public func start() async throws -> PreviewBuilder.Outcome {
        let failure = ServingFailure()
        serving = Task { [server] in
            do {
                try await server.run()
            } catch {
                failure.record(error)
                throw error
            }
        }
        // Files are written atomically, so serving while the first build runs is safe.
        for _ in 0..<200 where await !server.isListening {
            if let error = failure.error { throw error }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        guard await server.isListening else { throw failure.error ?? CancellationError() }

        // Watch before the first build: a file saved while it runs (long on a large store) is a
        // change the builder picks up as soon as that build is done.
        let watcher = try FileWatcher { [builder] _ in builder.changed() }
        for folder in ["content", "templates"] {
            let url = options.root.appendingPathComponent(folder, isDirectory: true)
            if FileManager.default.fileExists(atPath: url.path) { try watcher.watchFolder(url) }
        }
        try watcher.watchFile(URL(fileURLWithPath: options.storePath))
        watcher.start()
        self.watcher = watcher
        let first = builder.buildNow()
        builder.start()
        return first
    }

    /// The port listened on (the one chosen, when 0 was asked for).
    public var port: UInt16 {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): return port
            default: return 0
            }
        }
    }

    /// The address to open in a browser.
    public var url: String {
        get async {
            let shown = host.contains(":") ? "[\(host)]" : host
            return "http://\(shown):\(await port)/"
        }
    }

    /// Stops watching, building and serving; open pages' connections are closed.
    public func stop() async {
        watcher?.stop()
        builder.stop()
        liveReload.closeAll()
        await server.stop(timeout: 1)
        serving?.cancel()
    }
}

/// The error the server stopped with, if it did.
private final class ServingFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    var error: Error? { lock.withLock { stored } }

    func record(_ error: Error) {
        lock.withLock { stored = error }
    }
}

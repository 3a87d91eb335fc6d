import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import PunchcardSite
import PunchcardStore
import PunchcardStatements

/// `punchcard serve`: builds the site, serves `output/` over HTTP, and rebuilds and reloads open
/// pages when the content, the theme or the member store changes.
///
/// HTTP is Hummingbird's, over SwiftNIO's HTTP/1 parser, which reads a request head in one pass
/// and stops at the limits below: a request line or header block past them gets 414 or 431 at
/// once, whatever its size, and never holds a core.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let host: String
    public let builder: PreviewBuilder
    private let requestedPort: Int
    private let liveReload = LiveReload()
    private let reportCache = ReportCache()
    /// How many times `/_report/` was computed (once per build at most).
    public var reportComputations: Int { reportCache.computations }
    private var watcher: FileWatcher?
    private var storePoller: Task<Void, Never>?
    /// How often a store on a database server is asked whether it changed (it has no file to watch).
    static let serverStorePollInterval: Duration = .seconds(2)
    private var serving: Task<Void, Error>?
    private let bound = BoundPort()

    /// Request heads: one header line (the request line counts as one) at most 16 KiB, all of them
    /// at most 32 KiB, and at most 100 header lines. A browser's requests are far below.
    static let limits = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address, or `localhost`.
    ///   - port: 0 picks a free port (see `port` once started).
    public init(options: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8080) throws {
        self.options = options
        self.host = host == "localhost" ? "127.0.0.1" : host
        requestedPort = Int(port)
        builder = PreviewBuilder(options: options)
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
        let responder = PreviewRequestHandler(
            output: options.output, builder: builder, liveReload: liveReload, storePath: options.storePath,
            period: options.period, root: options.root, reportCache: reportCache)
        let bound = self.bound
        var logger = Logger(label: "punchcard.serve")
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [OversizedRequestHandler()], idleTimeout: .seconds(60),
                httpDecoderConfiguration: Self.limits)),
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: nil),
            onServerRunning: { channel in bound.set(channel.localAddress?.port ?? 0) },
            logger: logger)
        serving = Task {
            do {
                try await application.run()
            } catch {
                bound.fail(error)
                throw error
            }
        }
        _ = try await bound.wait() // fails at once on a port in use

        // Watch before the first build: a file saved while it runs (long on a large store) is a
        // change the builder picks up as soon as that build is done.
        let watcher = try FileWatcher { [builder] _ in builder.changed() }
        for folder in ["content", "templates"] {
            let url = options.root.appendingPathComponent(folder, isDirectory: true)
            if FileManager.default.fileExists(atPath: url.path) { try watcher.watchFolder(url) }
        }
        if MemberStore.isServerAddress(options.storePath) {
            storePoller = pollServerStore()
        } else {
            try watcher.watchFile(URL(fileURLWithPath: options.storePath))
        }
        watcher.start()
        self.watcher = watcher
        let first = builder.buildNow()
        builder.start()
        return first
    }

    /// A store on a database server has no file to watch: its change marker (the last import, the
    /// last token rotation) is read every `serverStorePollInterval`, and a new one rebuilds.
    private func pollServerStore() -> Task<Void, Never> {
        let address = options.storePath
        let builder = self.builder
        return Task.detached {
            var store: MemberStore?
            var last: String?
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.serverStorePollInterval)
                if store == nil { store = try? MemberStore(path: address) }
                guard let marker = try? store?.changeMarker() else { store = nil; continue }
                if let last, last != marker { builder.changed() }
                last = marker
            }
        }
    }

    /// The port listened on (the one chosen, when 0 was asked for).
    public var port: UInt16 {
        get async { UInt16(clamping: (try? await bound.wait()) ?? 0) }
    }

    /// The address to open in a browser.
    public var url: String {
        get async {
            let shown = host.contains(":") ? "[\(host)]" : host
            return "http://\(shown):\(await port)/"
        }
    }

    /// Stops watching, building and serving; open pages' event streams end, so the server's
    /// graceful shutdown does not wait for them.
    public func stop() async {
        watcher?.stop()
        storePoller?.cancel()
        builder.stop()
        liveReload.closeAll()
        serving?.cancel()
        _ = try? await serving?.value
    }
}

/// The port the server listens on, once it does, or the error it stopped with.
private final class BoundPort: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Int, Error>?

    func set(_ port: Int) { finish(.success(port)) }
    func fail(_ error: Error) { finish(.failure(error)) }

    private func finish(_ value: Result<Int, Error>) {
        condition.withLock {
            if result == nil { result = value }
            condition.broadcast()
        }
    }

    func wait() async throws -> Int {
        for _ in 0..<400 {
            if let result = condition.withLock({ result }) { return try result.get() }
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        throw CancellationError()
    }
}

/// NIO's decoder stops at the size limits with a `headerOverflow` error, which would otherwise be
/// answered with a bare 400: the status that says why is 431 (RFC 6585).
final class OversizedRequestHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        let message = ByteBuffer(string: "Refused: the request's address or headers are too large.\n")
        let head = HTTPResponse(status: .requestHeaderFieldsTooLarge, headerFields: [
            .contentType: "text/plain; charset=utf-8", .contentLength: String(message.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(message)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}

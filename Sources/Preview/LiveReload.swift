import Foundation

/// Tells every open page to reload after a build, with Server-Sent Events: a page keeps one
/// `GET /_punchcard/live` open and the server writes `data: reload` to it. One-way messages need
/// nothing more than plain HTTP, and the browser's `EventSource` reconnects by itself after a
/// server restart. The script that listens is added to HTML responses by the preview server only;
/// it is never written into `output/`.
final class LiveReload: @unchecked Sendable {
    static let path = "/_punchcard/live"

    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private var closed = false

    /// A page's script: reloads on "reload", and once more after the server comes back.
    static let script = """
        <script>/* punchcard serve: live reload (added by the preview server, not in output/) */
        (function () {
          var wasDown = false;
          var source = new EventSource("\(path)");
          source.onmessage = function (event) { if (event.data === "reload") location.reload(); };
          source.onerror = function () { wasDown = true; };
          source.onopen = function () { if (wasDown) location.reload(); };
        })();
        </script>
        """

    /// The page with the script added before `</body>` (or at the end).
    static func inject(into html: Data) -> Data {
        let marker = Data("</body>".utf8)
        var result = html
        if let range = html.range(of: marker, options: .backwards) {
            result.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(script.utf8))
        } else {
            result.append(Data(script.utf8))
        }
        return result
    }

    /// The event stream of one open page, as text to send: a first comment (so the page knows it
    /// is connected), then one event per reload. It ends when the server stops.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let accepted = lock.withLock { () -> Bool in
            guard !closed else { return false }
            clients[id] = continuation
            return true
        }
        continuation.yield("retry: 1000\n: connected\n\n")
        if !accepted { continuation.finish() }
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends "reload" to every open page.
    func reloadAll() {
        let open = lock.withLock { Array(clients.values) }
        for client in open { client.yield("data: reload\n\n") }
    }

    /// Ends every page's stream (when the server stops), so that shutdown does not wait for them.
    func closeAll() {
        let open = lock.withLock { () -> [AsyncStream<String>.Continuation] in
            closed = true
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in open { client.finish() }
    }
}

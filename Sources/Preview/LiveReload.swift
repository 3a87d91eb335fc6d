import FlyingFox
import Foundation

/// Tells every open page to reload after a build, over a WebSocket. The script that listens is
/// added to HTML responses by the preview server only; it is never written into `output/`.
final class LiveReload: WSMessageHandler, @unchecked Sendable {
    static let path = "/_punchcard/live"

    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    /// A page's script: reconnects after the server restarts, and reloads on "reload".
    static let script = """
        <script>/* punchcard serve: live reload (added by the preview server, not in output/) */
        (function () {
          function connect(wasDown) {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(path)");
            socket.onopen = function () { if (wasDown) location.reload(); };
            socket.onmessage = function (event) { if (event.data === "reload") location.reload(); };
            socket.onclose = function () { setTimeout(function () { connect(true); }, 1000); };
          }
          connect(false);
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

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (messages, continuation) = AsyncStream<WSMessage>.makeStream()
        lock.withLock { clients[id] = continuation }
        // When the page goes away, forget it.
        Task { [weak self] in
            for await _ in client {}
            continuation.finish()
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
        }
        return messages
    }

    /// Sends "reload" to every open page.
    func reloadAll() {
        let open = lock.withLock { Array(clients.values) }
        for client in open { client.yield(.text("reload")) }
    }

    /// Closes every page's connection (when the server stops).
    func closeAll() {
        let open = lock.withLock { () -> [AsyncStream<WSMessage>.Continuation] in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in open { client.finish() }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PunchcardStore

enum MemberStoreHelper {
    /// Imports a ledger file as `punchcard import` would, on a connection of its own.
    static func importLedger(_ file: URL, into storePath: String) throws {
        let store = try MemberStore(path: storePath)
        _ = try store.importCSV(members: nil, ledger: ImportFile(url: file, displayName: file.lastPathComponent))
    }
}

/// A live-reload listener as a page's EventSource is: it keeps `GET /_punchcard/live` open and
/// reads the server-sent events.
final class ReloadListener: @unchecked Sendable {
    let socket: Int32
    let status: Int
    private var pending = Data()

    init(port: UInt16) throws {
        let socket = try connectToLoopback(port: port, timeoutSeconds: 10)
        self.socket = socket
        let request = "GET /_punchcard/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n"
        let bytes = Array(request.utf8)
        _ = send(socket, bytes, bytes.count, 0)
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { throw FetchError("no reply") }
            reply.append(contentsOf: buffer[0..<count])
        }
        let end = reply.range(of: Data("\r\n\r\n".utf8))!
        let head = String(decoding: reply[..<end.lowerBound], as: UTF8.self)
        status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        pending = Data(reply[end.upperBound...])
    }

    deinit { close(socket) }

    /// The data of the next event (comments and the retry field skipped), or nil when the stream
    /// closed or ten seconds passed. The body is chunked: chunk sizes are lines of hex digits.
    func nextEvent() throws -> String? {
        while true {
            let text = String(decoding: pending, as: UTF8.self)
            if let range = text.range(of: "data: ") {
                let rest = text[range.upperBound...]
                if let lineEnd = rest.firstIndex(of: "\n") {
                    pending = Data(text[lineEnd...].utf8).dropFirst()
                    return String(rest[..<lineEnd])
                }
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            pending.append(contentsOf: buffer[0..<count])
        }
    }
}

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

/// A WebSocket client just big enough to hear the live-reload message: it sends the handshake
/// and reads unmasked text frames from the server.
final class ReloadListener {
    let socket: Int32
    let handshakeStatus: Int
    private var pending = Data()

    init(port: UInt16) throws {
        let socket = try connectToLoopback(port: port, timeoutSeconds: 10)
        self.socket = socket
        let request = """
            GET /_punchcard/live HTTP/1.1\r
            Host: 127.0.0.1:\(port)\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            \r

            """
        let bytes = Array(request.utf8)
        _ = send(socket, bytes, bytes.count, 0)
        // Read the handshake reply: up to the blank line.
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { throw FetchError("no handshake reply") }
            reply.append(contentsOf: buffer[0..<count])
        }
        let end = reply.range(of: Data("\r\n\r\n".utf8))!
        let head = String(decoding: reply[..<end.lowerBound], as: UTF8.self)
        handshakeStatus = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        pending = Data(reply[end.upperBound...])
    }

    deinit { close(socket) }

    /// Reads more bytes; false when the connection closed or ten seconds passed.
    private func receive() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        pending.append(contentsOf: buffer[0..<count])
        return true
    }

    /// The next text frame's payload (short frames only, as the server sends).
    func nextTextFrame() throws -> String? {
        while true {
            let bytes = [UInt8](pending)
            if bytes.count >= 2 {
                let opcode = bytes[0] & 0x0F
                let length = Int(bytes[1] & 0x7F)
                if length < 126, bytes.count >= 2 + length {
                    pending = Data(bytes[(2 + length)...])
                    if opcode == 1 { return String(decoding: bytes[2..<(2 + length)], as: UTF8.self) }
                    continue
                }
            }
            guard try receive() else { return nil }
        }
    }
}
